#include "core/ModelMemory.h"

namespace archi {

std::int64_t parameterCount(const ModelConfig& model) {
  if (!modelSizeIsBounded(model)) return kUnboundedModelSize;
  const std::int64_t C = model.dim;
  const std::int64_t perBlock = 12 * C * C + 13 * C;
  return static_cast<std::int64_t>(model.vocab) * C + static_cast<std::int64_t>(model.context) * C +
         model.layers * perBlock + 2 * C;
}

namespace {
constexpr std::int64_t kFloatBytes = 4;
}  // namespace

std::int64_t trainingStateBytes(const ModelConfig& model) {
  if (!modelSizeIsBounded(model)) return kUnboundedModelSize;
  // param + grad + AdamW m, v (inner) + global copy, outer momentum, error feedback (outer).
  constexpr std::int64_t kStateCopies = 7;
  return kFloatBytes * kStateCopies * parameterCount(model);
}

std::int64_t activationBytesPerSequence(const ModelConfig& model) {
  if (!modelSizeIsBounded(model)) return kUnboundedModelSize;
  const std::int64_t T = model.context;
  const std::int64_t C = model.dim;
  const std::int64_t perLayer = 16 * T * C + 2 * model.heads * T * T;
  return kFloatBytes * (model.layers * perLayer + 2 * T * model.vocab + 3 * T * C);
}

std::int64_t trainingBytesPerDevice(const ModelConfig& model) {
  if (!modelSizeIsBounded(model)) return kUnboundedModelSize;
  return trainingStateBytes(model) + activationBytesPerSequence(model);
}

}  // namespace archi
