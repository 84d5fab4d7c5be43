#include "model/ModelShape.h"

#include <fmt/core.h>

namespace archi {

std::string validateModelConfig(const ModelConfig& config) {
  if (config.layers < 1 || config.layers > 256) return fmt::format("layers must be in 1..256 (got {})", config.layers);
  if (config.heads < 1 || config.heads > 256) return fmt::format("heads must be in 1..256 (got {})", config.heads);
  if (config.dim < 1 || config.dim > 65536) return fmt::format("dim must be in 1..65536 (got {})", config.dim);
  if (config.dim % config.heads != 0)
    return fmt::format("dim ({}) must be divisible by heads ({})", config.dim, config.heads);
  if (config.context < 1 || config.context > 65536)
    return fmt::format("context must be in 1..65536 (got {})", config.context);
  if (config.vocab < 2 || config.vocab > 1'000'000) return fmt::format("vocab must be in 2..1000000 (got {})", config.vocab);
  return {};
}

std::string describeModelConfig(const ModelConfig& config) {
  return fmt::format("L={} H={} C={} T={} V={}", config.layers, config.heads, config.dim, config.context, config.vocab);
}

}  // namespace archi
