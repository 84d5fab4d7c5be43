#pragma once
// One device's training state and step: the GPT, its flat gradient buffer and ONE flat
// optimizer buffer (AdamW first moments [0, P), second moments [P, 2P)), the learning-rate
// schedule and the step counter.
//
// step() is the single-device path. The distributed runtime uses the pieces instead:
//   zeroGradients(); forwardBackward(batch, tokensInGlobalStep);  // local share of the loss
//   <all-reduce grads() — a sum, since each rank already divided by the global token count>
//   optimizerStep(clipScale(gradientNorm()));

#include <cstdint>
#include <memory>

#include "data/TokenDataset.h"
#include "model/Backend.h"
#include "model/Gpt.h"
#include "model/LearningRateSchedule.h"

namespace archi {

struct OptimizerOptions {
  LearningRateSchedule schedule;
  double beta1 = 0.9;
  double beta2 = 0.95;
  double epsilon = 1e-8;
  double weightDecay = 0.1;  // matrices only (ParameterLayout::weightDecay)
  double gradClip = 1.0;     // global L2 norm; <= 0 disables clipping
};

struct StepStats {
  std::int64_t step = 0;   // 1-based number of the step just taken
  double loss = 0;         // mean nats per token of this step's batch
  double gradNorm = 0;     // before clipping
  double learningRate = 0;
  std::int64_t tokens = 0;
  double stepTime_s = 0;
  double tokensPerSecond() const { return stepTime_s > 0 ? static_cast<double>(tokens) / stepTime_s : 0.0; }
};

class Trainer {
 public:
  // maxBatchSequences bounds every batch passed in; the model is initialised from `seed`.
  Trainer(Backend& backend, const ModelConfig& config, const OptimizerOptions& options, int maxBatchSequences,
          std::uint64_t seed);

  // zeroGradients + forwardBackward + clipping + optimizerStep, timed.
  StepStats step(const Batch& batch);

  // --- pieces for data-parallel training
  void zeroGradients();
  // Adds the gradient of Σ loss / lossNormalizerTokens over this batch; returns Σ loss (nats).
  double forwardBackward(const Batch& batch, double lossNormalizerTokens);
  double gradientNorm();
  // Factor that brings a gradient of norm `norm` under the clip threshold (1 when it is).
  double clipScale(double norm) const;
  // One AdamW update with the scheduled learning rate; gradients are multiplied by gradScale.
  void optimizerStep(double gradScale);

  // Mean loss (nats per token) without touching gradients.
  double evaluate(const Batch& batch);

  Gpt& model() { return model_; }
  const ModelConfig& config() const { return model_.config(); }
  Backend& backend() { return backend_; }
  std::size_t parameterCount() const { return model_.parameterCount(); }
  float* params() { return model_.params(); }
  float* grads() { return model_.grads(); }
  float* optimizerState() { return optimizer_.as<float>(); }  // 2·P floats
  std::size_t optimizerStateCount() const { return 2 * model_.parameterCount(); }
  const OptimizerOptions& options() const { return options_; }
  void setSchedule(const LearningRateSchedule& schedule) { options_.schedule = schedule; }

  std::int64_t stepsDone() const { return steps_; }
  void setStepsDone(std::int64_t steps) { steps_ = steps; }

 private:
  struct Segment {
    std::size_t offset;
    std::size_t count;
    bool decay;
  };

  Backend& backend_;
  Gpt model_;
  OptimizerOptions options_;
  DeviceBuffer optimizer_;
  std::vector<Segment> segments_;  // runs of tensors with the same weight-decay flag
  std::int64_t steps_ = 0;
};

}  // namespace archi
