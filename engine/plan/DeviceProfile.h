#pragma once
// What a device type achieves on a given model: measured by workers in their warm-up and
// kept in the run store as the prior for the next plan. Catalog figures are only the first
// prior (peak FLOPS misjudge real speed: docs/architecture.md#planning).

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "core/RunSpec.h"

namespace archi {

enum class ProfileSource { Catalog, Measured };

struct DeviceProfile {
  std::string device_type;
  bool emulated = false;
  double tokens_per_s = 0.0;
  int micro_batch = 1;             // sequences per micro-batch at which it was measured
  std::int64_t memory_bytes = 0;   // memory used at that micro-batch (0 when unknown)
  ProfileSource source = ProfileSource::Catalog;
};

// "L4-H4-C256-T256-V256": profiles are only comparable for the same model shape.
std::string modelKey(const ModelConfig& model);

// Training FLOPs per token: 6 per parameter (forward + backward) plus attention's T-dependent part.
double trainingFlopsPerToken(const ModelConfig& model);

// The catalog prior of a real device's speed on this model: peak bf16 TFLOPS × an assumed MFU
// ÷ training FLOPs per token. The planner and the dilation factor share this one formula.
double catalogTokensPerSecond(double bf16_tflops, const ModelConfig& model, double mfu);

class ProfileBook {
 public:
  void put(const DeviceProfile& profile);
  std::optional<DeviceProfile> find(const std::string& deviceType, bool emulated) const;
  bool empty() const { return profiles_.empty(); }
  const std::map<std::pair<std::string, bool>, DeviceProfile>& all() const { return profiles_; }

 private:
  std::map<std::pair<std::string, bool>, DeviceProfile> profiles_;
};

}  // namespace archi
