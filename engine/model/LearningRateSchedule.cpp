#include "model/LearningRateSchedule.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace archi {

double LearningRateSchedule::at(std::int64_t step) const {
  if (step < warmupSteps) return peak * static_cast<double>(step + 1) / static_cast<double>(warmupSteps);
  const std::int64_t decaySteps = std::max<std::int64_t>(1, totalSteps - warmupSteps);
  const double progress = std::clamp(static_cast<double>(step - warmupSteps) / static_cast<double>(decaySteps), 0.0, 1.0);
  const double floor = minFraction * peak;
  return floor + (peak - floor) * 0.5 * (1.0 + std::cos(std::numbers::pi * progress));
}

}  // namespace archi
