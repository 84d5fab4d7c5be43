#pragma once
// The CPU backend's kernels as a table of function pointers, so that one build can carry a
// generic x86-64 version and an AVX2+FMA version of the elementwise loops and pick one at
// run time (the library itself stays portable to any x86-64). Matrix products go to
// OpenBLAS, which dispatches on the CPU by itself. `threads` is the OpenMP team size.

#include <cstddef>
#include <cstdint>

#include "model/Backend.h"

namespace archi::cpu {

template <typename T>
struct CpuKernels {
  const char* isa;
  void (*embeddingForward)(int threads, T* out, const std::int32_t* tokens, const T* wte, const T* wpe, int B, int Tn,
                           int C);
  void (*embeddingBackward)(int threads, T* dwte, T* dwpe, const T* dout, const std::int32_t* tokens, int B, int Tn,
                            int C);
  void (*layerNormForward)(int threads, T* out, T* mean, T* rstd, const T* inp, const T* weight, const T* bias, int N,
                           int C);
  void (*layerNormBackward)(int threads, T* dinp, T* dweight, T* dbias, const T* dout, const T* inp, const T* weight,
                            const T* mean, const T* rstd, int N, int C);
  void (*matmulForward)(int threads, T* out, const T* inp, const T* weight, const T* bias, int N, int C, int OC,
                        bool accumulate);
  void (*matmulBackward)(int threads, T* dinp, T* dweight, T* dbias, const T* dout, const T* inp, const T* weight,
                         int N, int C, int OC);
  void (*attentionForward)(int threads, T* out, T* probs, const T* qkv, int B, int Tn, int C, int H);
  void (*attentionBackward)(int threads, T* dqkv, T* dprobs, const T* dout, const T* qkv, const T* probs, int B,
                            int Tn, int C, int H);
  void (*geluForward)(int threads, T* out, const T* inp, std::size_t count);
  void (*geluBackward)(int threads, T* dinp, const T* inp, const T* dout, std::size_t count);
  void (*crossEntropy)(int threads, T* logits, T* rowLoss, const std::int32_t* targets, int N, int V, T gradScale);
  double (*sum)(int threads, const T* x, std::size_t count);
  double (*sumOfSquares)(int threads, const T* x, std::size_t count);
  void (*adamw)(int threads, T* params, const T* grads, T* m, T* v, std::size_t count, const AdamWStep& step);
  void (*fill)(int threads, T* dst, T value, std::size_t count);
  void (*copy)(int threads, T* dst, const T* src, std::size_t count);
  // Vectorisable exp used by softmax and GELU (exposed so its accuracy can be tested).
  T (*exp)(T x);
};

template <typename T>
CpuKernels<T> genericKernels();

// AVX2+FMA build of the same source; only valid where cpuSupportsAvx2Fma() is true.
CpuKernels<float> avx2Kernels();
bool cpuSupportsAvx2Fma();

// The best table for this CPU (AVX2+FMA when present, generic otherwise).
template <typename T>
CpuKernels<T> bestKernels();

}  // namespace archi::cpu
