#include "model/ModelShape.h"

#include <fmt/core.h>

namespace archi {

std::string validateModelConfig(const ModelConfig& config) {
  // The limits are core's (RunSpec.h), shared with project files, worker specs and checkpoints.
  if (config.layers < 1 || config.layers > kMaxModelLayers)
    return fmt::format("layers must be in 1..{} (got {})", kMaxModelLayers, config.layers);
  if (config.heads < 1 || config.heads > kMaxModelHeads)
    return fmt::format("heads must be in 1..{} (got {})", kMaxModelHeads, config.heads);
  if (config.dim < 1 || config.dim > kMaxModelDim) return fmt::format("dim must be in 1..{} (got {})", kMaxModelDim, config.dim);
  if (config.dim % config.heads != 0)
    return fmt::format("dim ({}) must be divisible by heads ({})", config.dim, config.heads);
  if (config.context < 1 || config.context > kMaxModelContext)
    return fmt::format("context must be in 1..{} (got {})", kMaxModelContext, config.context);
  if (config.vocab < 2 || config.vocab > kMaxModelVocab)
    return fmt::format("vocab must be in 2..{} (got {})", kMaxModelVocab, config.vocab);
  return {};
}

std::string describeModelConfig(const ModelConfig& config) {
  return fmt::format("L={} H={} C={} T={} V={}", config.layers, config.heads, config.dim, config.context, config.vocab);
}

}  // namespace archi
