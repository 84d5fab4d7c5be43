#pragma once
// Linear warm-up to the peak learning rate, then a cosine decay to minFraction·peak at
// totalSteps (and flat after it, so a resumed or extended run never sees a negative rate).

#include <cstdint>

namespace archi {

struct LearningRateSchedule {
  double peak = 1e-3;
  std::int64_t warmupSteps = 0;
  std::int64_t totalSteps = 1;
  double minFraction = 0.1;

  // Rate for 0-based step `step`.
  double at(std::int64_t step) const;
};

}  // namespace archi
