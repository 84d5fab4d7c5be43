#pragma once
// The compute interface the GPT and the trainer run on. A backend owns the memory it hands
// out (DeviceBuffer) and implements every op of a forward/backward/AdamW step on pointers
// into that memory; the model and trainer never touch the values directly, so a CUDA
// backend can sit behind the same calls. T is the scalar type: float for training, double
// for the finite-difference tests (CPU only), which therefore run the training code itself.
//
// Shapes: N = B·T rows of activations, C channels, OC output channels, H heads, V vocab.
// Matrices are row-major; a linear layer's weight is [OC, C] (out = inp · Wᵀ + bias).
// Ops that "accumulate" add into their output; the others overwrite it.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "model/DeviceBuffer.h"

namespace archi {

struct AdamWStep {
  double learningRate = 1e-3;
  double beta1 = 0.9;
  double beta2 = 0.95;
  double epsilon = 1e-8;
  double weightDecay = 0.0;  // decoupled, scaled by the learning rate
  std::int64_t step = 1;     // 1-based, for bias correction
  double gradScale = 1.0;    // applied to gradients first (clipping by global norm)
};

template <typename T>
class BackendT : public BufferAllocator {
 public:
  ~BackendT() override = default;

  virtual std::string name() const = 0;
  virtual int threads() const = 0;

  // --- memory
  virtual DeviceBuffer allocate(std::size_t bytes) = 0;
  virtual void upload(void* device, const void* host, std::size_t bytes) = 0;
  virtual void download(void* host, const void* device, std::size_t bytes) = 0;
  virtual void copy(T* dst, const T* src, std::size_t count) = 0;
  virtual void fill(T* dst, T value, std::size_t count) = 0;
  // Waits for queued work; the CPU backend is synchronous.
  virtual void synchronize() = 0;

  // --- ops
  // out[b,t,:] = wte[tokens[b,t],:] + wpe[t,:]
  virtual void embeddingForward(T* out, const std::int32_t* tokens, const T* wte, const T* wpe, int B, int Tn,
                                int C) = 0;
  // dwte[tokens[b,t],:] += dout[b,t,:]; dwpe[t,:] += dout[b,t,:]
  virtual void embeddingBackward(T* dwte, T* dwpe, const T* dout, const std::int32_t* tokens, int B, int Tn,
                                 int C) = 0;
  virtual void layerNormForward(T* out, T* mean, T* rstd, const T* inp, const T* weight, const T* bias, int N,
                                int C) = 0;
  // dinp, dweight, dbias accumulate.
  virtual void layerNormBackward(T* dinp, T* dweight, T* dbias, const T* dout, const T* inp, const T* weight,
                                 const T* mean, const T* rstd, int N, int C) = 0;
  // out = (accumulate ? out : 0) + inp · weightᵀ + bias (bias may be null).
  virtual void matmulForward(T* out, const T* inp, const T* weight, const T* bias, int N, int C, int OC,
                             bool accumulate) = 0;
  // dinp = dout · weight (overwritten); dweight += doutᵀ · inp; dbias += Σ dout (may be null).
  virtual void matmulBackward(T* dinp, T* dweight, T* dbias, const T* dout, const T* inp, const T* weight, int N,
                              int C, int OC) = 0;
  // out = gelu(pre), pre = inp · weightᵀ + bias: one op so that a backend can fuse the GELU
  // into the matrix product's epilogue. By default the two ops in turn.
  virtual void matmulGeluForward(T* pre, T* out, const T* inp, const T* weight, const T* bias, int N, int C, int OC) {
    matmulForward(pre, inp, weight, bias, N, C, OC, false);
    geluForward(out, pre, static_cast<std::size_t>(N) * OC);
  }
  // Causal multi-head attention over qkv [B,T,3C] (q, k, v each [C] = H heads of C/H); out
  // [B,T,C]. `probs` keeps what the backward pass needs: attentionStateCount(B,T,H) elements,
  // the softmax [B,H,T,T] by default; a fused (flash-style) backend keeps less, e.g. [B,H,T].
  virtual void attentionForward(T* out, T* probs, const T* qkv, int B, int Tn, int C, int H) = 0;
  // dqkv overwritten; dprobs is scratch of attentionScratchCount(B,T,H) elements; out is the
  // forward's output (a fused backward needs dout·out per row).
  virtual void attentionBackward(T* dqkv, T* dprobs, const T* dout, const T* out, const T* qkv, const T* probs,
                                 int B, int Tn, int C, int H) = 0;
  virtual std::size_t attentionStateCount(int B, int Tn, int H) const {
    return static_cast<std::size_t>(B) * H * Tn * Tn;
  }
  virtual std::size_t attentionScratchCount(int B, int Tn, int H) const { return attentionStateCount(B, Tn, H); }
  // Before a model allocates: throws std::runtime_error naming the device, `what` (the model)
  // and the bytes when the device cannot hold `bytesNeeded`. Host memory is not checked.
  virtual void checkFits(std::int64_t bytesNeeded, const std::string& what) {
    (void)bytesNeeded;
    (void)what;
  }
  // GELU, tanh approximation.
  virtual void geluForward(T* out, const T* inp, std::size_t count) = 0;
  // dinp = gelu'(inp) · dout; dinp may alias dout.
  virtual void geluBackward(T* dinp, const T* inp, const T* dout, std::size_t count) = 0;
  // Softmax cross-entropy per row: rowLoss[n] = -log softmax(logits[n])[targets[n]]. When
  // gradScale != 0 the logits are replaced by d(gradScale · Σ rowLoss)/dlogits.
  virtual void crossEntropy(T* logits, T* rowLoss, const std::int32_t* targets, int N, int V, T gradScale) = 0;
  // Σ x in double precision, deterministic for a given thread count (synchronises).
  virtual double sum(const T* x, std::size_t count) = 0;
  // Σ x² in double precision, deterministic for a given thread count (synchronises).
  virtual double sumOfSquares(const T* x, std::size_t count) = 0;
  // One AdamW update of `count` parameters with their gradients and moments.
  virtual void adamw(T* params, const T* grads, T* m, T* v, std::size_t count, const AdamWStep& step) = 0;
};

using Backend = BackendT<float>;

}  // namespace archi
