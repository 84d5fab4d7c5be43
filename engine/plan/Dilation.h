#pragma once
// Time dilation of an emulated run (the technique of DieCast, NSDI 2008; docs/architecture.md#time-dilation):
// emulated devices compute d times slower than the real devices they stand for, so every emulated
// time and rate is scaled by the same d — link bandwidth ÷ d, latency × d, and with them the time
// boxes and timeouts planned from them — and each emulated second stands for 1/d real seconds.
// The computation-to-communication ratio then equals the real one, and the run's figures are
// reported both on the wall clock and as real-time equivalents (tokens/s × d, seconds ÷ d).
//
// The run's model may stand for a larger one at the same tokens per step (docs/architecture.md#time-dilation):
// compute per step and bytes per round both grow with the parameter count, so d is taken from
// the real devices' speed on the represented model, and the links' bandwidth is further divided
// by bytes_factor (represented ÷ run parameters), whose real bytes the run's bytes stand for.
// By default the model stands for itself (bytes_factor 1, one factor for everything).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/GpuCatalog.h"
#include "core/Project.h"
#include "plan/DeviceProfile.h"

namespace archi {

// One emulated device type of the run: the figures d is derived from.
struct DilationDevice {
  std::string device_type;
  int count = 0;
  double real_tokens_per_s = 0.0;      // the real device on this model: measured profile, else catalog prior
  ProfileSource real_source = ProfileSource::Catalog;
  double bf16_tflops = 0.0;            // the catalog's peak, for the derivation's text
  double paced_tokens_per_s = 0.0;     // what this machine's CPU gives it (HostSpeedProbe share)
};

struct Dilation {
  double factor = 1.0;                  // d: real seconds per emulated second, inverted (1: not dilated)
  double real_tokens_per_s = 0.0;       // Σ over emulated devices of their real speed
  double paced_tokens_per_s = 0.0;      // Σ of their paces on this machine
  double prior_mfu = 0.0;               // the planner's prior MFU behind catalog figures
  double flops_per_token = 0.0;         // training FLOPs per token of the represented model
  double model_parameters = 0.0;        // the run's model
  double represented_parameters = 0.0;  // the model it stands for (= model_parameters by default)
  std::vector<DilationDevice> devices;

  bool active() const { return factor != 1.0; }
  // Real bytes per byte the run sends: the represented model's parameters per run parameter.
  double bytesFactor() const { return model_parameters > 0.0 ? represented_parameters / model_parameters : 1.0; }
  // Emulated type -> pace that makes each device run exactly 1/d of its real speed (the same
  // total as the paces it was derived from, so the CPU budget is unchanged).
  std::map<std::string, double> dilatedPaces() const;
  // Seconds on the wall clock -> real seconds they stand for, and rates the other way.
  double realSeconds(double wall_s) const { return wall_s / factor; }
  double realRate(double wall_per_s) const { return wall_per_s * factor; }
  // "d = 1.23e5 tok/s real (2 × A100-80G …) ÷ 4.8e3 tok/s paced on this CPU": which figures.
  std::string derivation() const;
};

// d for a run whose emulated devices are paced to `paces` (type -> tokens/s on this machine):
// Σ real / Σ paced over the project's emulated devices, where a device type's real speed is
// what an earlier run measured on that real device for this model shape (`profiles`, not
// emulated), else the catalog prior (bf16 TFLOPS × prior MFU ÷ training FLOPs per token).
// nullopt when the project emulates no device or a figure is missing. `representedParameters`
// > 0: the run stands for a model of that many parameters (same shape of attention, same tokens
// per step); a measured real speed is then converted at the same FLOP rate.
std::optional<Dilation> deriveDilation(const Project& project, const GpuCatalog& catalog, const ProfileBook& profiles,
                                       const std::map<std::string, double>& paces, double priorMfu,
                                       double representedParameters = 0.0);

// Whether the datacenters' fabric is dilated with the links: only where something shapes it. The
// local runs' workers of a datacenter meet on loopback, which nothing shapes, so their fabric is
// left real; dilating it in the plan alone would plan steps the run never takes.
enum class FabricDilation { Dilated, Real };

// The topology as the emulation must shape it: every WAN link's bandwidth ÷ (d × bytesFactor) and
// RTT × d, and every datacenter fabric's likewise when `fabric` says so. Loss stays (a share of packets).
Topology dilateTopology(Topology topology, double factor, double bytesFactor = 1.0,
                        FabricDilation fabric = FabricDilation::Dilated);
// The same for a dilation: its factor and bytes factor.
inline Topology dilateTopology(Topology topology, const Dilation& dilation, FabricDilation fabric) {
  return dilateTopology(std::move(topology), dilation.factor, dilation.bytesFactor(), fabric);
}

}  // namespace archi
