#pragma once
// Size of a GPT and of its training state, used to check that a model fits a device before
// anything is launched. Mirrors the layout of engine/model (tied embeddings, 12·C² + 13·C
// per block).

#include <cstdint>

#include "core/RunSpec.h"

namespace archi {

// For a model beyond the limits of RunSpec.h (modelSizeIsBounded false) every size below is
// reported as this: no device holds it, and nothing overflows.
inline constexpr std::int64_t kUnboundedModelSize = INT64_MAX;

std::int64_t parameterCount(const ModelConfig& model);

// Bytes one worker needs to train with one sequence per micro-batch: fp32 parameters,
// gradients, AdamW moments, DiLoCo outer state (global copy, momentum, error feedback) and
// the activations kept for the backward pass.
std::int64_t trainingBytesPerDevice(const ModelConfig& model);

// The parts of the above: state that does not depend on the batch, and activations per sequence.
std::int64_t trainingStateBytes(const ModelConfig& model);
std::int64_t activationBytesPerSequence(const ModelConfig& model);

}  // namespace archi
