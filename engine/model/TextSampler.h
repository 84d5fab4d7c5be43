#pragma once
// Autoregressive generation: temperature, top-k, and a seeded Rng, so the same checkpoint,
// prompt and seed always give the same text.

#include <cstdint>
#include <functional>
#include <vector>

#include "core/Rng.h"
#include "model/Gpt.h"

namespace archi {

struct SampleOptions {
  int tokens = 200;
  double temperature = 1.0;  // 0 = greedy
  int topK = 0;              // 0 = whole vocabulary
};

// Appends `options.tokens` tokens to `prompt` (the model sees at most its context) and
// returns only the new ones. `onToken` (optional) is called as each arrives.
std::vector<std::int32_t> generateTokens(Gpt& model, std::vector<std::int32_t> prompt, const SampleOptions& options,
                                         Rng& rng, const std::function<void(std::int32_t)>& onToken = {});

}  // namespace archi
