#pragma once
// How unusual a value is against its recent history: an exponentially weighted mean and
// variance, so a loss or gradient-norm spike stands out in the step log (z >> 3).

#include <cmath>

namespace archi {

class RunningZScore {
 public:
  explicit RunningZScore(double decay = 0.98) : decay_(decay) {}

  // z of `value` against the values seen before it (0 until there is a history), then
  // folds `value` into the history.
  double push(double value) {
    double z = 0.0;
    if (count_ >= kWarmup && variance_ > 0.0) z = (value - mean_) / std::sqrt(variance_);
    if (count_ == 0) {
      mean_ = value;
    } else {
      const double delta = value - mean_;
      mean_ += (1.0 - decay_) * delta;
      variance_ = decay_ * (variance_ + (1.0 - decay_) * delta * delta);
    }
    ++count_;
    return z;
  }

 private:
  static constexpr int kWarmup = 10;
  double decay_;
  double mean_ = 0.0;
  double variance_ = 0.0;
  int count_ = 0;
};

}  // namespace archi
