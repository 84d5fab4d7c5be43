#pragma once
// How fast this machine's CPU trains the run's model on one thread: the yardstick for
// emulated devices, which compute here and are paced to their catalog speed ratios so
// that all of them together fit on the cores this machine has (docs/architecture.md#emulation).

#include "core/RunSpec.h"

namespace archi {

// Median tokens/s of a few training steps of one sequence on one thread (after a warm-up).
double measureHostTokensPerSecond(const ModelConfig& model, int steps = 4);

}  // namespace archi
