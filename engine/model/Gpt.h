#pragma once
// The GPT decoder: token + learned position embeddings, pre-LayerNorm blocks of causal
// multi-head self-attention and a GELU MLP, a final LayerNorm, and an output projection tied
// to the token embedding. Parameters and gradients are each ONE flat backend buffer laid out
// by ParameterLayout; activations for up to `maxBatch` sequences live in one more buffer,
// allocated once, so a training step allocates nothing.
//
// One function per layer's forward and backward lives in the backend; this class strings
// them together (forward, then backward in reverse).

#include <cstdint>
#include <span>
#include <vector>

#include "core/RunSpec.h"
#include "model/Backend.h"
#include "model/ParameterLayout.h"

namespace archi {

template <typename T>
class GptT {
 public:
  // Throws std::invalid_argument when the config is invalid (see validateModelConfig).
  GptT(BackendT<T>& backend, const ModelConfig& config, int maxBatch);

  const ModelConfig& config() const { return config_; }
  const ParameterLayout& layout() const { return layout_; }
  std::size_t parameterCount() const { return layout_.totalCount(); }
  int maxBatch() const { return maxBatch_; }
  BackendT<T>& backend() const { return backend_; }

  // Device pointers to the flat buffers (ParameterLayout offsets index into them).
  T* params() const { return params_.template as<T>(); }
  T* grads() const { return grads_.template as<T>(); }

  // GPT-2 initialisation: weights N(0, 0.02), residual projections scaled by 1/sqrt(2·layers),
  // biases 0, LayerNorm gains 1. Deterministic in `seed`.
  void initialize(std::uint64_t seed);
  void setParameters(std::span<const T> host);
  void getParameters(std::span<T> host) const;
  void getGradients(std::span<T> host) const;

  void zeroGradients();

  // Runs the model on tokens [B, Tn] (host, row-major) against next-token targets and returns
  // Σ of per-token losses (nats). When gradScale != 0 it also prepares backward() for the
  // loss gradScale·Σ loss (e.g. 1/tokens for a mean). Throws std::invalid_argument for
  // shapes beyond the allocation or tokens outside the vocabulary.
  double forward(std::span<const std::int32_t> tokens, std::span<const std::int32_t> targets, int B, int Tn,
                 T gradScale);
  // Adds d(gradScale·Σ loss)/dparams to the gradient buffer. Requires forward() with a
  // non-zero gradScale immediately before.
  void backward();

  // Forward without a loss; logits for row n are then available through lastLogits().
  void forwardLogits(std::span<const std::int32_t> tokens, int B, int Tn);
  // Copies the logits of position `t` of sequence `b` from the last forwardLogits() call.
  void logitsAt(int b, int t, std::span<T> host) const;

 private:
  struct LayerActivations {
    T *ln1, *ln1Mean, *ln1Rstd, *qkv, *probs, *atty, *xmid, *ln2, *ln2Mean, *ln2Rstd, *fcPre, *fcGelu, *xout;
  };

  void checkShape(std::span<const std::int32_t> tokens, int B, int Tn) const;
  void runForward(int B, int Tn);
  T* param(std::size_t offset) const { return params() + offset; }
  T* grad(std::size_t offset) const { return grads() + offset; }

  BackendT<T>& backend_;
  ModelConfig config_;
  ParameterLayout layout_;
  int maxBatch_;
  int lastB_ = 0;
  int lastT_ = 0;
  bool backwardReady_ = false;

  DeviceBuffer params_;
  DeviceBuffer grads_;
  DeviceBuffer activations_;
  DeviceBuffer scratch_;  // backward-only gradients of activations
  DeviceBuffer tokens_;   // int32 [maxBatch, context]
  DeviceBuffer targets_;

  T* x0_ = nullptr;
  std::vector<LayerActivations> layers_;
  T *lnf_ = nullptr, *lnfMean_ = nullptr, *lnfRstd_ = nullptr, *logits_ = nullptr, *rowLoss_ = nullptr;
  T *dres_ = nullptr, *dln_ = nullptr, *dqkv_ = nullptr, *datty_ = nullptr, *dfc_ = nullptr, *dprobs_ = nullptr;
};

using Gpt = GptT<float>;

}  // namespace archi
