#include "plan/Dilation.h"

#include <fmt/core.h>

#include "plan/DeviceInventory.h"

namespace archi {

std::map<std::string, double> Dilation::dilatedPaces() const {
  std::map<std::string, double> paces;
  for (const DilationDevice& d : devices) paces[d.device_type] = d.real_tokens_per_s / factor;
  return paces;
}

std::string Dilation::derivation() const {
  std::string real;
  for (const DilationDevice& d : devices) {
    real += fmt::format("{}{} × {} at {:.3g} tok/s real ({}) paced to {:.3g} tok/s", real.empty() ? "" : "; ", d.count,
                        d.device_type, d.real_tokens_per_s,
                        d.real_source == ProfileSource::Measured
                            ? std::string("measured on the real device")
                            : fmt::format("catalog: {:g} TFLOPS × MFU {:g} ÷ {:.3g} FLOP/token", d.bf16_tflops, prior_mfu,
                                          flops_per_token),
                        d.paced_tokens_per_s);
  }
  return fmt::format("d = {:.4g} = {:.4g} tok/s of the real devices ÷ {:.4g} tok/s emulated on this CPU ({})", factor,
                     real_tokens_per_s, paced_tokens_per_s, real);
}

std::optional<Dilation> deriveDilation(const Project& project, const GpuCatalog& catalog, const ProfileBook& profiles,
                                       const std::map<std::string, double>& paces, double priorMfu) {
  Dilation dilation;
  dilation.prior_mfu = priorMfu;
  dilation.flops_per_token = trainingFlopsPerToken(project.run.model);
  std::map<std::string, DilationDevice> byType;
  for (const InventoryDevice& device : listDevices(project, catalog)) {
    if (!device.emulated) continue;
    const auto pace = paces.find(device.type);
    if (device.spec == nullptr || pace == paces.end() || pace->second <= 0.0) return std::nullopt;
    DilationDevice& d = byType[device.type];
    if (d.count == 0) {
      d.device_type = device.type;
      d.bf16_tflops = device.spec->bf16_tflops;
      d.paced_tokens_per_s = pace->second;
      // A speed measured on the real device (not emulated) for this model beats the catalog.
      if (const auto measured = profiles.find(device.type, false); measured && measured->tokens_per_s > 0.0) {
        d.real_tokens_per_s = measured->tokens_per_s;
        d.real_source = ProfileSource::Measured;
      } else {
        d.real_tokens_per_s = catalogTokensPerSecond(device.spec->bf16_tflops, project.run.model, priorMfu);
      }
    }
    ++d.count;
  }
  if (byType.empty()) return std::nullopt;
  for (auto& [type, d] : byType) {
    dilation.real_tokens_per_s += d.count * d.real_tokens_per_s;
    dilation.paced_tokens_per_s += d.count * d.paced_tokens_per_s;
    dilation.devices.push_back(std::move(d));
  }
  if (dilation.real_tokens_per_s <= 0.0 || dilation.paced_tokens_per_s <= 0.0) return std::nullopt;
  // One factor for the whole run: the emulated capacity stands for the real one, and each type
  // is re-paced to 1/d of its own real speed (dilatedPaces).
  dilation.factor = dilation.real_tokens_per_s / dilation.paced_tokens_per_s;
  return dilation;
}

Topology dilateTopology(Topology topology, double factor) {
  for (WanLink& link : topology.links) {
    link.gbit /= factor;
    link.rtt_ms *= factor;
  }
  for (Datacenter& dc : topology.datacenters) {
    dc.fabric.gbit /= factor;
    dc.fabric.latency_us *= factor;
  }
  return topology;
}

}  // namespace archi
