#include "plan/DeviceProfile.h"

#include "core/ModelMemory.h"

namespace archi {

std::string modelKey(const ModelConfig& m) {
  return "L" + std::to_string(m.layers) + "-H" + std::to_string(m.heads) + "-C" + std::to_string(m.dim) + "-T" +
         std::to_string(m.context) + "-V" + std::to_string(m.vocab);
}

double trainingFlopsPerToken(const ModelConfig& m) {
  // Attention scores and weighted sums: 2·T·C per layer forward for each, ×3 for backward.
  const double attention = 12.0 * m.layers * double(m.context) * m.dim;
  return 6.0 * double(parameterCount(m)) + attention;
}

double catalogTokensPerSecond(double bf16_tflops, const ModelConfig& model, double mfu) {
  return bf16_tflops * 1e12 * mfu / trainingFlopsPerToken(model);
}

void ProfileBook::put(const DeviceProfile& profile) { profiles_[{profile.device_type, profile.emulated}] = profile; }

std::optional<DeviceProfile> ProfileBook::find(const std::string& deviceType, bool emulated) const {
  const auto it = profiles_.find({deviceType, emulated});
  if (it == profiles_.end()) return std::nullopt;
  return it->second;
}

}  // namespace archi
