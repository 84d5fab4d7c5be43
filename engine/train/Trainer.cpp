#include "train/Trainer.h"

#include <chrono>
#include <cmath>
#include <stdexcept>

#include "core/WallClock.h"

namespace archi {

Trainer::Trainer(Backend& backend, const ModelConfig& config, const OptimizerOptions& options, int maxBatchSequences,
                 std::uint64_t seed)
    : backend_(backend), model_(backend, config, maxBatchSequences), options_(options) {
  model_.initialize(seed);
  optimizer_ = backend_.allocate(2 * model_.parameterCount() * sizeof(float));
  backend_.fill(optimizer_.as<float>(), 0.0f, 2 * model_.parameterCount());
  for (const TensorView& t : model_.layout().tensors()) {
    if (!segments_.empty() && segments_.back().decay == t.weightDecay &&
        segments_.back().offset + segments_.back().count == t.offset) {
      segments_.back().count += t.count();
    } else {
      segments_.push_back({t.offset, t.count(), t.weightDecay});
    }
  }
}

void Trainer::zeroGradients() { model_.zeroGradients(); }

double Trainer::forwardBackward(const Batch& batch, double lossNormalizerTokens) {
  if (lossNormalizerTokens <= 0) throw std::invalid_argument("trainer: loss normaliser must be positive");
  const double lossSum = model_.forward(batch.inputs, batch.targets, batch.sequences, batch.length,
                                        static_cast<float>(1.0 / lossNormalizerTokens));
  model_.backward();
  return lossSum;
}

double Trainer::gradientNorm() { return std::sqrt(backend_.sumOfSquares(model_.grads(), model_.parameterCount())); }

double Trainer::clipScale(double norm) const {
  if (options_.gradClip <= 0 || !(norm > options_.gradClip)) return 1.0;
  return options_.gradClip / norm;
}

void Trainer::optimizerStep(double gradScale) {
  const std::size_t P = model_.parameterCount();
  AdamWStep step;
  step.learningRate = options_.schedule.at(steps_);
  step.beta1 = options_.beta1;
  step.beta2 = options_.beta2;
  step.epsilon = options_.epsilon;
  step.step = steps_ + 1;
  step.gradScale = gradScale;
  float* m = optimizer_.as<float>();
  float* v = m + P;
  for (const Segment& s : segments_) {
    step.weightDecay = s.decay ? options_.weightDecay : 0.0;
    backend_.adamw(model_.params() + s.offset, model_.grads() + s.offset, m + s.offset, v + s.offset, s.count, step);
  }
  ++steps_;
}

StepStats Trainer::step(const Batch& batch) {
  const auto start = std::chrono::steady_clock::now();
  StepStats stats;
  stats.learningRate = options_.schedule.at(steps_);
  stats.tokens = batch.tokens();
  zeroGradients();
  const double lossSum = forwardBackward(batch, static_cast<double>(batch.tokens()));
  stats.gradNorm = gradientNorm();
  optimizerStep(clipScale(stats.gradNorm));
  backend_.synchronize();
  stats.loss = lossSum / static_cast<double>(batch.tokens());
  stats.step = steps_;
  stats.stepTime_s = secondsSince(start);
  return stats;
}

double Trainer::evaluate(const Batch& batch) {
  const double lossSum = model_.forward(batch.inputs, batch.targets, batch.sequences, batch.length, 0.0f);
  return lossSum / static_cast<double>(batch.tokens());
}

}  // namespace archi
