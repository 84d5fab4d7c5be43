#include "core/ModelMemory.h"

namespace archi {

std::int64_t parameterCount(const ModelConfig& model) {
  const std::int64_t C = model.dim;
  const std::int64_t perBlock = 12 * C * C + 13 * C;
  return static_cast<std::int64_t>(model.vocab) * C + static_cast<std::int64_t>(model.context) * C +
         model.layers * perBlock + 2 * C;
}

std::int64_t trainingBytesPerDevice(const ModelConfig& model) {
  constexpr std::int64_t kFloat = 4;
  // param + grad + AdamW m, v (inner) + global copy, outer momentum, error feedback (outer).
  constexpr std::int64_t kStateCopies = 7;
  const std::int64_t T = model.context;
  const std::int64_t C = model.dim;
  const std::int64_t perLayerActivations = 16 * T * C + 2 * model.heads * T * T;
  const std::int64_t activations = model.layers * perLayerActivations + 2 * T * model.vocab + 3 * T * C;
  return kFloat * (kStateCopies * parameterCount(model) + activations);
}

}  // namespace archi
