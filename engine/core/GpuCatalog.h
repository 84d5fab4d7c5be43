#pragma once
// Accelerator types and their published figures (resources/gpu-catalog.json). The planner
// uses these only as priors: measured profiles win (docs/architecture.md#planning).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/Diagnostic.h"
#include "core/JsonSyntax.h"

namespace archi {

// A catalog may come from $ARCHIPELAGO_GPU_CATALOG (docs/architecture.md#limits-on-outside-input):
// the shipped one is 8 KB and 3 levels deep; each lookup scans the list.
inline constexpr JsonLimits kGpuCatalogJsonLimits{1u << 20, 8};
inline constexpr std::size_t kMaxCatalogGpus = 1024;

struct GpuSpec {
  std::string type;          // "A100-80G"
  std::string vendor;        // "NVIDIA", "Huawei", "AMD", "CPU"
  double bf16_tflops = 0.0;  // dense, no sparsity (fp16 where the device has no bf16)
  double memory_gib = 0.0;
  double memory_tbps = 0.0;  // 0 when unpublished
  std::string interconnect;
  std::string source;        // where the figures come from
  bool official = false;     // vendor-published, as opposed to estimated / reported
  std::string note;
  // How the CUDA runtime names this type ("H200" in "NVIDIA H200", matched as whole words) and
  // its compute capability ("9.0"): a GPU worker checks the device it got against them.
  // Empty for types that are not CUDA devices.
  std::string cuda_name;
  std::string compute_capability;
  bool operator==(const GpuSpec&) const = default;
};

class GpuCatalog {
 public:
  // Parses a catalog document; problems go to `diagnostics` with pointers into it.
  static GpuCatalog fromJsonText(const std::string& text, Diagnostics& diagnostics);
  static GpuCatalog fromFile(const std::filesystem::path& path, Diagnostics& diagnostics);
  // The catalog shipped in resources/, plus $ARCHIPELAGO_GPU_CATALOG when set.
  static GpuCatalog loadDefault(Diagnostics& diagnostics);

  // Entries of `other` are added; an entry with a known type replaces the built-in figures.
  void extend(const GpuCatalog& other);

  const GpuSpec* find(const std::string& type) const;
  std::optional<std::string> suggest(const std::string& misspelled) const;
  const std::vector<GpuSpec>& entries() const { return entries_; }
  std::vector<std::string> types() const;

 private:
  std::vector<GpuSpec> entries_;
};

}  // namespace archi
