#pragma once
// The CPU backend: 64-byte aligned host buffers, OpenBLAS sgemm/dgemm for matrix products
// and OpenMP loops for the rest, with a fixed team of `threads` threads.
//
// OpenBLAS is set to one thread of its own (process-wide): parallelism comes only from our
// OpenMP team, whose threads each call BLAS on their share, so the two thread pools never
// oversubscribe the cores.

#include "model/Backend.h"
#include "model/cpu/CpuKernels.h"

namespace archi::cpu {

template <typename T>
class CpuBackendT final : public BackendT<T> {
 public:
  // threads <= 0: all cores the process may use.
  explicit CpuBackendT(int threads = 0);

  std::string name() const override;
  int threads() const override { return threads_; }
  const char* isa() const { return kernels_.isa; }

  DeviceBuffer allocate(std::size_t bytes) override;
  void releaseBytes(void* data, std::size_t bytes) noexcept override;
  void upload(void* device, const void* host, std::size_t bytes) override;
  void download(void* host, const void* device, std::size_t bytes) override;
  void copy(T* dst, const T* src, std::size_t count) override;
  void fill(T* dst, T value, std::size_t count) override;
  void synchronize() override {}

  void embeddingForward(T* out, const std::int32_t* tokens, const T* wte, const T* wpe, int B, int Tn,
                        int C) override;
  void embeddingBackward(T* dwte, T* dwpe, const T* dout, const std::int32_t* tokens, int B, int Tn, int C) override;
  void layerNormForward(T* out, T* mean, T* rstd, const T* inp, const T* weight, const T* bias, int N,
                        int C) override;
  void layerNormBackward(T* dinp, T* dweight, T* dbias, const T* dout, const T* inp, const T* weight, const T* mean,
                         const T* rstd, int N, int C) override;
  void matmulForward(T* out, const T* inp, const T* weight, const T* bias, int N, int C, int OC,
                     bool accumulate) override;
  void matmulBackward(T* dinp, T* dweight, T* dbias, const T* dout, const T* inp, const T* weight, int N, int C,
                      int OC) override;
  void attentionForward(T* out, T* probs, const T* qkv, int B, int Tn, int C, int H) override;
  void attentionBackward(T* dqkv, T* dprobs, const T* dout, const T* out, const T* qkv, const T* probs, int B, int Tn,
                         int C, int H) override;
  void geluForward(T* out, const T* inp, std::size_t count) override;
  void geluBackward(T* dinp, const T* inp, const T* dout, std::size_t count) override;
  void crossEntropy(T* logits, T* rowLoss, const std::int32_t* targets, int N, int V, T gradScale) override;
  double sum(const T* x, std::size_t count) override;
  double sumOfSquares(const T* x, std::size_t count) override;
  void adamw(T* params, const T* grads, T* m, T* v, std::size_t count, const AdamWStep& step) override;

 private:
  int threads_;
  CpuKernels<T> kernels_;
};

using CpuBackend = CpuBackendT<float>;

}  // namespace archi::cpu
