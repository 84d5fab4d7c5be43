#pragma once
// Checks that a ModelConfig describes a GPT this engine can build (dim divisible by heads,
// sizes within sane bounds) before any memory is allocated.

#include <string>

#include "core/RunSpec.h"

namespace archi {

// Empty when the config is usable, otherwise one sentence naming the offending field.
std::string validateModelConfig(const ModelConfig& config);

// "L=4 H=4 C=256 T=256 V=256"
std::string describeModelConfig(const ModelConfig& config);

}  // namespace archi
