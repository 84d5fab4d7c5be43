#pragma once
// A GPU worker's device (issue 14 item 5): which CUDA device a spec's `gpu` names (an index or
// a UUID), and whether the device found there is the type the plan assumed. A mismatch is a
// problem to report, not a reason to refuse: the worker still trains, but its speed is not
// that type's (docs/architecture.md#gpus).

#include <string>
#include <vector>

#include "core/GpuCatalog.h"
#include "cuda/CudaPlugin.h"

namespace archi {

struct GpuMismatch {
  std::string field;     // "name", "memory" or "compute_capability"
  std::string expected;  // from the catalog
  std::string got;       // from the device
  bool operator==(const GpuMismatch&) const = default;
};

// The memory a device may report against its catalog figure (drivers reserve some; datasheets
// round): within this fraction either way it is the same type.
inline constexpr double kGpuMemoryTolerance = 0.10;

// Differences between the device and the catalog's entry for the planned type; empty when it
// matches. Figures the catalog does not give (no cuda_name, no compute capability) are not checked.
std::vector<GpuMismatch> checkGpuAgainstCatalog(const cuda::DeviceInfo& device, const GpuSpec& planned);
std::string describeGpuMismatches(const std::vector<GpuMismatch>& mismatches);

// The device index that `selector` names: "3" (an index) or "GPU-…" (a UUID, as nvidia-smi -L
// prints it). Throws std::runtime_error naming the selector and the devices present.
int resolveGpu(const std::vector<cuda::DeviceInfo>& devices, const std::string& selector);

}  // namespace archi
