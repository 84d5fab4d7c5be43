#pragma once
// Launchers of the CUDA backend's kernels (CudaKernels.cu, CudaAttention.cu), callable from
// host code compiled by the C++ compiler. All run asynchronously on `stream`; shapes as in
// model/Backend.h. None uses atomics on floating-point values: every sum is taken in a fixed
// order, so a step gives the same bits on every run.

#include <cuda_bf16.h>
#include <cuda_runtime.h>

#include <cstddef>
#include <cstdint>

namespace archi::cuda::kernels {

void fill(cudaStream_t stream, float* dst, float value, std::size_t count);
void toBf16(cudaStream_t stream, __nv_bfloat16* dst, const float* src, std::size_t count);

void embeddingForward(cudaStream_t stream, float* out, const std::int32_t* tokens, const float* wte, const float* wpe,
                      int B, int Tn, int C);
// Deterministic scatter-add: the first row of each token sums all rows of that token in order.
void embeddingBackward(cudaStream_t stream, float* dwte, float* dwpe, const float* dout, const std::int32_t* tokens,
                       int B, int Tn, int C);

void layerNormForward(cudaStream_t stream, float* out, float* mean, float* rstd, const float* inp, const float* weight,
                      const float* bias, int N, int C);
void layerNormBackward(cudaStream_t stream, float* dinp, float* dweight, float* dbias, const float* dout,
                       const float* inp, const float* weight, const float* mean, const float* rstd, int N, int C);

// out[n, oc] += bias[oc] (when cuBLASLt cannot fuse the bias)
void addBias(cudaStream_t stream, float* out, const float* bias, int N, int OC);
// dbias[oc] += Σ_n dout[n, oc]
void biasBackward(cudaStream_t stream, float* dbias, const float* dout, int N, int OC);

void geluForward(cudaStream_t stream, float* out, const float* inp, std::size_t count);
void geluBackward(cudaStream_t stream, float* dinp, const float* inp, const float* dout, std::size_t count);

void crossEntropy(cudaStream_t stream, float* logits, float* rowLoss, const std::int32_t* targets, int N, int V,
                  float gradScale);

// Σ x (or Σ x²) in double into *result (device memory), in a fixed-shape tree.
void sum(cudaStream_t stream, double* result, const float* x, std::size_t count, bool squares, double* partials);
inline constexpr int kReductionBlocks = 512;  // partials holds this many doubles

// AdamW with host-computed bias corrections c1 = 1/(1-β1^t), c2 = 1/(1-β2^t).
void adamw(cudaStream_t stream, float* params, const float* grads, float* m, float* v, std::size_t count, float lr,
           float beta1, float beta2, float eps, float weightDecay, float gradScale, float c1, float c2);

// Flash-style causal attention (CudaAttention.cu): no [T, T] matrix is stored; the forward
// keeps the log-sum-exp of each (sequence, head, query) row, [B, H, T], for the backward,
// which uses `rowDot` ([B, H, T]) as scratch. Head size a multiple of 4, at most kMaxHeadSize.
inline constexpr int kMaxHeadSize = 128;
void attentionForward(cudaStream_t stream, float* out, float* logSumExp, const float* qkv, int B, int Tn, int C, int H);
void attentionBackward(cudaStream_t stream, float* dqkv, float* rowDot, const float* dout, const float* out,
                       const float* qkv, const float* logSumExp, int B, int Tn, int C, int H);

}  // namespace archi::cuda::kernels
