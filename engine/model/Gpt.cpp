#include "model/Gpt.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "core/ModelMemory.h"
#include "core/Rng.h"
#include "model/ModelShape.h"

namespace archi {

namespace {

// Hands out consecutive slices of one buffer; sizes in elements, each slice 64-byte aligned.
template <typename T>
class Carver {
 public:
  explicit Carver(T* base) : base_(base) {}
  T* take(std::size_t count) {
    T* p = base_ == nullptr ? nullptr : base_ + used_;
    constexpr std::size_t kAlign = 64 / sizeof(T);
    used_ += (count + kAlign - 1) / kAlign * kAlign;
    return p;
  }
  std::size_t used() const { return used_; }

 private:
  T* base_;
  std::size_t used_ = 0;
};

const ModelConfig& checked(const ModelConfig& config) {
  const std::string problem = validateModelConfig(config);
  if (!problem.empty()) throw std::invalid_argument("model config: " + problem);
  return config;
}

}  // namespace

template <typename T>
GptT<T>::GptT(BackendT<T>& backend, const ModelConfig& config, int maxBatch)
    : backend_(backend), config_(checked(config)), layout_(config), maxBatch_(maxBatch) {
  if (maxBatch < 1) throw std::invalid_argument("model: batch must be at least one sequence");
  // The planner's memory model (core/ModelMemory), so a model that the plan says fits is what
  // the device is checked against, before anything is allocated.
  backend_.checkFits(trainingStateBytes(config_) + maxBatch * activationBytesPerSequence(config_),
                     "model " + describeModelConfig(config_) + " with " + std::to_string(maxBatch) +
                         " sequences per step");
  const std::size_t P = layout_.totalCount();
  params_ = backend_.allocate(P * sizeof(T));
  grads_ = backend_.allocate(P * sizeof(T));

  const std::size_t B = static_cast<std::size_t>(maxBatch);
  const std::size_t Tn = static_cast<std::size_t>(config.context);
  const std::size_t C = static_cast<std::size_t>(config.dim);
  const std::size_t V = static_cast<std::size_t>(config.vocab);
  const std::size_t N = B * Tn;

  // Two passes over the same carving: the first measures, the second hands out pointers.
  auto carveActivations = [&](T* base) {
    Carver<T> carve(base);
    x0_ = carve.take(N * C);
    layers_.assign(static_cast<std::size_t>(config.layers), {});
    for (LayerActivations& a : layers_) {
      a.ln1 = carve.take(N * C);
      a.ln1Mean = carve.take(N);
      a.ln1Rstd = carve.take(N);
      a.qkv = carve.take(N * 3 * C);
      a.probs = carve.take(backend_.attentionStateCount(maxBatch, config.context, config.heads));
      a.atty = carve.take(N * C);
      a.xmid = carve.take(N * C);
      a.ln2 = carve.take(N * C);
      a.ln2Mean = carve.take(N);
      a.ln2Rstd = carve.take(N);
      a.fcPre = carve.take(N * 4 * C);
      a.fcGelu = carve.take(N * 4 * C);
      a.xout = carve.take(N * C);
    }
    lnf_ = carve.take(N * C);
    lnfMean_ = carve.take(N);
    lnfRstd_ = carve.take(N);
    logits_ = carve.take(N * V);
    rowLoss_ = carve.take(N);
    return carve.used();
  };
  activations_ = backend_.allocate(carveActivations(nullptr) * sizeof(T));
  carveActivations(activations_.template as<T>());

  auto carveScratch = [&](T* base) {
    Carver<T> carve(base);
    dres_ = carve.take(N * C);
    dln_ = carve.take(N * C);
    dqkv_ = carve.take(N * 3 * C);
    datty_ = carve.take(N * C);
    dfc_ = carve.take(N * 4 * C);
    dprobs_ = carve.take(backend_.attentionScratchCount(maxBatch, config.context, config.heads));
    return carve.used();
  };
  scratch_ = backend_.allocate(carveScratch(nullptr) * sizeof(T));
  carveScratch(scratch_.template as<T>());

  tokens_ = backend_.allocate(N * sizeof(std::int32_t));
  targets_ = backend_.allocate(N * sizeof(std::int32_t));
}

template <typename T>
void GptT<T>::initialize(std::uint64_t seed) {
  Rng rng(seed);
  std::vector<T> host(layout_.totalCount(), T(0));
  const double residualStd = 0.02 / std::sqrt(2.0 * config_.layers);
  for (const TensorView& t : layout_.tensors()) {
    const bool isGain = t.name.ends_with("ln1.weight") || t.name.ends_with("ln2.weight") || t.name == "lnf.weight";
    const bool isBias = t.name.ends_with(".bias");
    const bool isResidual = t.name.ends_with("attn.proj.weight") || t.name.ends_with("mlp.proj.weight");
    for (std::size_t i = 0; i < t.count(); ++i) {
      T& value = host[t.offset + i];
      if (isGain) value = T(1);
      else if (isBias) value = T(0);
      else value = static_cast<T>(rng.normal() * (isResidual ? residualStd : 0.02));
    }
  }
  setParameters(host);
  zeroGradients();
}

template <typename T>
void GptT<T>::setParameters(std::span<const T> host) {
  if (host.size() != layout_.totalCount()) throw std::invalid_argument("model: parameter count mismatch");
  backend_.upload(params(), host.data(), host.size_bytes());
}

template <typename T>
void GptT<T>::getParameters(std::span<T> host) const {
  if (host.size() != layout_.totalCount()) throw std::invalid_argument("model: parameter count mismatch");
  backend_.download(host.data(), params(), host.size_bytes());
}

template <typename T>
void GptT<T>::getGradients(std::span<T> host) const {
  if (host.size() != layout_.totalCount()) throw std::invalid_argument("model: parameter count mismatch");
  backend_.download(host.data(), grads(), host.size_bytes());
}

template <typename T>
void GptT<T>::zeroGradients() {
  backend_.fill(grads(), T(0), layout_.totalCount());
}

template <typename T>
void GptT<T>::checkShape(std::span<const std::int32_t> tokens, int B, int Tn) const {
  if (B < 1 || B > maxBatch_)
    throw std::invalid_argument("model: batch of " + std::to_string(B) + " sequences outside 1.." +
                                std::to_string(maxBatch_));
  if (Tn < 1 || Tn > config_.context)
    throw std::invalid_argument("model: sequence length " + std::to_string(Tn) + " outside 1.." +
                                std::to_string(config_.context));
  if (tokens.size() != static_cast<std::size_t>(B) * static_cast<std::size_t>(Tn))
    throw std::invalid_argument("model: expected B·T tokens");
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i] < 0 || tokens[i] >= config_.vocab)
      throw std::invalid_argument("model: token " + std::to_string(tokens[i]) + " at index " + std::to_string(i) +
                                  " outside the vocabulary of " + std::to_string(config_.vocab));
  }
}

template <typename T>
void GptT<T>::runForward(int B, int Tn) {
  const int C = config_.dim;
  const int N = B * Tn;
  BackendT<T>& be = backend_;
  const auto* tokens = tokens_.template as<std::int32_t>();
  be.embeddingForward(x0_, tokens, param(layout_.tokenEmbedding()), param(layout_.positionEmbedding()), B, Tn, C);
  const T* x = x0_;
  for (int l = 0; l < config_.layers; ++l) {
    const BlockOffsets& o = layout_.block(l);
    LayerActivations& a = layers_[static_cast<std::size_t>(l)];
    be.layerNormForward(a.ln1, a.ln1Mean, a.ln1Rstd, x, param(o.ln1Weight), param(o.ln1Bias), N, C);
    be.matmulForward(a.qkv, a.ln1, param(o.qkvWeight), param(o.qkvBias), N, C, 3 * C, false);
    be.attentionForward(a.atty, a.probs, a.qkv, B, Tn, C, config_.heads);
    be.copy(a.xmid, x, static_cast<std::size_t>(N) * C);
    be.matmulForward(a.xmid, a.atty, param(o.projWeight), param(o.projBias), N, C, C, true);
    be.layerNormForward(a.ln2, a.ln2Mean, a.ln2Rstd, a.xmid, param(o.ln2Weight), param(o.ln2Bias), N, C);
    be.matmulGeluForward(a.fcPre, a.fcGelu, a.ln2, param(o.fcWeight), param(o.fcBias), N, C, 4 * C);
    be.copy(a.xout, a.xmid, static_cast<std::size_t>(N) * C);
    be.matmulForward(a.xout, a.fcGelu, param(o.fcProjWeight), param(o.fcProjBias), N, 4 * C, C, true);
    x = a.xout;
  }
  be.layerNormForward(lnf_, lnfMean_, lnfRstd_, x, param(layout_.finalNormWeight()), param(layout_.finalNormBias()), N,
                      C);
  be.matmulForward(logits_, lnf_, param(layout_.tokenEmbedding()), nullptr, N, C, config_.vocab, false);
}

template <typename T>
double GptT<T>::forward(std::span<const std::int32_t> tokens, std::span<const std::int32_t> targets, int B, int Tn,
                        T gradScale) {
  checkShape(tokens, B, Tn);
  checkShape(targets, B, Tn);
  backend_.upload(tokens_.template as<std::int32_t>(), tokens.data(), tokens.size_bytes());
  backend_.upload(targets_.template as<std::int32_t>(), targets.data(), targets.size_bytes());
  runForward(B, Tn);
  const int N = B * Tn;
  backend_.crossEntropy(logits_, rowLoss_, targets_.template as<std::int32_t>(), N, config_.vocab, gradScale);
  lastB_ = B;
  lastT_ = Tn;
  backwardReady_ = gradScale != T(0);
  return backend_.sum(rowLoss_, static_cast<std::size_t>(N));
}

template <typename T>
void GptT<T>::backward() {
  if (!backwardReady_) throw std::logic_error("model: backward() needs forward() with a non-zero gradScale first");
  backwardReady_ = false;
  const int B = lastB_;
  const int Tn = lastT_;
  const int C = config_.dim;
  const int N = B * Tn;
  const std::size_t NC = static_cast<std::size_t>(N) * C;
  BackendT<T>& be = backend_;
  const auto* tokens = tokens_.template as<std::int32_t>();

  // logits hold dloss/dlogits now (crossEntropy with gradScale).
  const T* xLast = config_.layers > 0 ? layers_.back().xout : x0_;
  be.matmulBackward(dln_, grad(layout_.tokenEmbedding()), nullptr, logits_, lnf_, param(layout_.tokenEmbedding()), N,
                    C, config_.vocab);
  be.fill(dres_, T(0), NC);
  be.layerNormBackward(dres_, grad(layout_.finalNormWeight()), grad(layout_.finalNormBias()), dln_, xLast,
                       param(layout_.finalNormWeight()), lnfMean_, lnfRstd_, N, C);

  for (int l = config_.layers - 1; l >= 0; --l) {
    const BlockOffsets& o = layout_.block(l);
    const LayerActivations& a = layers_[static_cast<std::size_t>(l)];
    const T* x = l > 0 ? layers_[static_cast<std::size_t>(l - 1)].xout : x0_;
    // dres = dL/dxout; xout = xmid + proj(gelu(fc(ln2(xmid)))).
    be.matmulBackward(dfc_, grad(o.fcProjWeight), grad(o.fcProjBias), dres_, a.fcGelu, param(o.fcProjWeight), N, 4 * C,
                      C);
    be.geluBackward(dfc_, a.fcPre, dfc_, static_cast<std::size_t>(N) * 4 * C);
    be.matmulBackward(dln_, grad(o.fcWeight), grad(o.fcBias), dfc_, a.ln2, param(o.fcWeight), N, C, 4 * C);
    be.layerNormBackward(dres_, grad(o.ln2Weight), grad(o.ln2Bias), dln_, a.xmid, param(o.ln2Weight), a.ln2Mean,
                         a.ln2Rstd, N, C);
    // dres = dL/dxmid; xmid = x + proj(attention(qkv(ln1(x)))).
    be.matmulBackward(datty_, grad(o.projWeight), grad(o.projBias), dres_, a.atty, param(o.projWeight), N, C, C);
    be.attentionBackward(dqkv_, dprobs_, datty_, a.atty, a.qkv, a.probs, B, Tn, C, config_.heads);
    be.matmulBackward(dln_, grad(o.qkvWeight), grad(o.qkvBias), dqkv_, a.ln1, param(o.qkvWeight), N, C, 3 * C);
    be.layerNormBackward(dres_, grad(o.ln1Weight), grad(o.ln1Bias), dln_, x, param(o.ln1Weight), a.ln1Mean, a.ln1Rstd,
                         N, C);
  }
  be.embeddingBackward(grad(layout_.tokenEmbedding()), grad(layout_.positionEmbedding()), dres_, tokens, B, Tn, C);
}

template <typename T>
void GptT<T>::forwardLogits(std::span<const std::int32_t> tokens, int B, int Tn) {
  checkShape(tokens, B, Tn);
  backend_.upload(tokens_.template as<std::int32_t>(), tokens.data(), tokens.size_bytes());
  runForward(B, Tn);
  lastB_ = B;
  lastT_ = Tn;
  backwardReady_ = false;
}

template <typename T>
void GptT<T>::logitsAt(int b, int t, std::span<T> host) const {
  if (b < 0 || b >= lastB_ || t < 0 || t >= lastT_ || host.size() != static_cast<std::size_t>(config_.vocab))
    throw std::invalid_argument("model: logits position outside the last forward pass");
  const std::size_t row = static_cast<std::size_t>(b) * lastT_ + static_cast<std::size_t>(t);
  backend_.download(host.data(), logits_ + row * config_.vocab, host.size_bytes());
}

template class GptT<float>;
template class GptT<double>;

}  // namespace archi
