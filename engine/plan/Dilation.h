#pragma once
// Time dilation of an emulated run (the technique of DieCast, NSDI 2008; docs/architecture.md#time-dilation):
// emulated devices compute d times slower than the real devices they stand for, so every emulated
// time and rate is scaled by the same d — link bandwidth ÷ d, latency × d, and with them the time
// boxes and timeouts planned from them — and each emulated second stands for 1/d real seconds.
// The computation-to-communication ratio then equals the real one, and the run's figures are
// reported both on the wall clock and as real-time equivalents (tokens/s × d, seconds ÷ d).

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
  double flops_per_token = 0.0;         // training FLOPs per token of the model
  std::vector<DilationDevice> devices;

  bool active() const { return factor != 1.0; }
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
// nullopt when the project emulates no device or a figure is missing.
std::optional<Dilation> deriveDilation(const Project& project, const GpuCatalog& catalog, const ProfileBook& profiles,
                                       const std::map<std::string, double>& paces, double priorMfu);

// The topology as the emulation must shape it: every WAN link's bandwidth ÷ d and RTT × d, every
// datacenter fabric's bandwidth ÷ d and latency × d. Loss stays (it is a share of packets).
Topology dilateTopology(Topology topology, double factor);

}  // namespace archi
