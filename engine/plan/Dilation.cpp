#include "plan/Dilation.h"

#include <fmt/core.h>

#include "core/ModelMemory.h"
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
  std::string text = fmt::format("d = {:.4g} = {:.4g} tok/s of the real devices ÷ {:.4g} tok/s emulated on this CPU ({})", factor,
                                 real_tokens_per_s, paced_tokens_per_s, real);
  if (bytesFactor() != 1.0) {
    text += fmt::format("; the {:.3g}-parameter model stands for one of {:.3g} parameters at the same tokens per step, so "
                        "links carry {:.4g}× fewer bytes than the real ones and their bandwidth is divided by d × {:.4g}",
                        model_parameters, represented_parameters, bytesFactor(), bytesFactor());
  }
  return text;
}

std::optional<Dilation> deriveDilation(const Project& project, const GpuCatalog& catalog, const ProfileBook& profiles,
                                       const std::map<std::string, double>& paces, double priorMfu,
                                       double representedParameters) {
  Dilation dilation;
  dilation.prior_mfu = priorMfu;
  const double modelFlopsPerToken = trainingFlopsPerToken(project.run.model);
  dilation.model_parameters = double(parameterCount(project.run.model));
  dilation.represented_parameters = representedParameters > 0.0 ? representedParameters : dilation.model_parameters;
  // 6 FLOPs per parameter and token grow with the represented model; attention's part is the run's shape.
  dilation.flops_per_token = modelFlopsPerToken + 6.0 * (dilation.represented_parameters - dilation.model_parameters);
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
        d.real_tokens_per_s = measured->tokens_per_s * modelFlopsPerToken / dilation.flops_per_token;
        d.real_source = ProfileSource::Measured;
      } else {
        d.real_tokens_per_s = device.spec->bf16_tflops * 1e12 * priorMfu / dilation.flops_per_token;
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

Topology dilateTopology(Topology topology, double factor, double bytesFactor, FabricDilation fabric) {
  for (WanLink& link : topology.links) {
    link.gbit /= factor * bytesFactor;
    link.rtt_ms *= factor;
  }
  for (Datacenter& dc : topology.datacenters) {
    if (fabric == FabricDilation::Real) break;
    dc.fabric.gbit /= factor * bytesFactor;
    dc.fabric.latency_us *= factor;
  }
  return topology;
}

}  // namespace archi
