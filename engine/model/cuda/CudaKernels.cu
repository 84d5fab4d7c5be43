// Element-wise, normalisation, loss, reduction and optimizer kernels of the CUDA backend
// (attention is in CudaAttention.cu, matrix products go to cuBLASLt in CudaMatmul.cpp).
// Every kernel mirrors the CPU kernel of the same name (engine/model/cpu/CpuKernelsImpl.inc)
// and keeps its summation order fixed: no floating-point atomics anywhere.

#include <cuda_bf16.h>

#include "model/cuda/CudaCheck.h"
#include "model/cuda/CudaKernels.h"

namespace archi::cuda::kernels {

namespace {

constexpr int kThreads = 256;
constexpr float kLayerNormEpsilon = 1e-5f;
constexpr float kGeluK = 0.7978845608028654f;  // sqrt(2/pi)
constexpr float kGeluA = 0.044715f;

unsigned blocksFor(std::size_t count, int threads = kThreads) {
  const std::size_t blocks = (count + threads - 1) / threads;
  return static_cast<unsigned>(blocks < 65535u * 16u ? (blocks == 0 ? 1 : blocks) : 65535u * 16u);
}

__device__ float warpSum(float x) {
  for (int offset = 16; offset > 0; offset /= 2) x += __shfl_xor_sync(0xffffffffu, x, offset);
  return x;
}

__device__ float warpMax(float x) {
  for (int offset = 16; offset > 0; offset /= 2) x = fmaxf(x, __shfl_xor_sync(0xffffffffu, x, offset));
  return x;
}

// Block-wide reduction of one value per thread (blockDim.x a multiple of 32, at most 1024);
// every thread gets the result. `scratch` holds 32 floats.
template <bool kMax>
__device__ float blockReduce(float x, float* scratch) {
  const int lane = threadIdx.x % 32;
  const int warp = threadIdx.x / 32;
  const int warps = blockDim.x / 32;
  x = kMax ? warpMax(x) : warpSum(x);
  __syncthreads();  // scratch may still be read by a previous call
  if (lane == 0) scratch[warp] = x;
  __syncthreads();
  float y = lane < warps ? scratch[lane] : (kMax ? -INFINITY : 0.0f);
  return kMax ? warpMax(y) : warpSum(y);
}

__global__ void fillKernel(float* dst, float value, std::size_t count) {
  for (std::size_t i = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x; i < count; i += std::size_t(gridDim.x) * blockDim.x)
    dst[i] = value;
}

__global__ void toBf16Kernel(__nv_bfloat16* dst, const float* src, std::size_t count) {
  for (std::size_t i = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x; i < count; i += std::size_t(gridDim.x) * blockDim.x)
    dst[i] = __float2bfloat16_rn(src[i]);
}

// ------------------------------------------------------------------ embedding
__global__ void embeddingForwardKernel(float* out, const std::int32_t* tokens, const float* wte, const float* wpe,
                                       int Tn, int C, std::size_t count) {
  for (std::size_t i = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x; i < count; i += std::size_t(gridDim.x) * blockDim.x) {
    const std::size_t n = i / C;
    const int c = static_cast<int>(i % C);
    out[i] = wte[static_cast<std::size_t>(tokens[n]) * C + c] + wpe[static_cast<std::size_t>(n % Tn) * C + c];
  }
}

// One block per row n; only the first row carrying a token (its "leader") works: it adds the
// gradients of every row with that token, in row order as the CPU does, so no two blocks
// write the same vocabulary row and no atomics are needed.
__global__ void embeddingTokenGradKernel(float* dwte, const float* dout, const std::int32_t* tokens, int N, int C) {
  __shared__ int earlier;
  const int n = blockIdx.x;
  const std::int32_t token = tokens[n];
  if (threadIdx.x == 0) earlier = 0;
  __syncthreads();
  for (int k = threadIdx.x; k < n; k += blockDim.x)
    if (tokens[k] == token) earlier = 1;  // benign race: every writer writes 1
  __syncthreads();
  if (earlier != 0) return;
  for (int c = threadIdx.x; c < C; c += blockDim.x) {
    float acc = dwte[static_cast<std::size_t>(token) * C + c];
    for (int k = n; k < N; ++k)
      if (tokens[k] == token) acc += dout[static_cast<std::size_t>(k) * C + c];
    dwte[static_cast<std::size_t>(token) * C + c] = acc;
  }
}

__global__ void embeddingPositionGradKernel(float* dwpe, const float* dout, int B, int Tn, int C) {
  const std::size_t i = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x;
  if (i >= static_cast<std::size_t>(Tn) * C) return;
  float acc = dwpe[i];
  for (int b = 0; b < B; ++b) acc += dout[static_cast<std::size_t>(b) * Tn * C + i];
  dwpe[i] = acc;
}

// ------------------------------------------------------------------ layer norm (a warp per row)
__global__ void layerNormForwardKernel(float* out, float* mean, float* rstd, const float* inp, const float* weight,
                                       const float* bias, int N, int C) {
  const int row = blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32;
  const int lane = threadIdx.x % 32;
  if (row >= N) return;
  const float* x = inp + static_cast<std::size_t>(row) * C;
  float s = 0;
  for (int c = lane; c < C; c += 32) s += x[c];
  const float m = warpSum(s) / C;
  float v = 0;
  for (int c = lane; c < C; c += 32) v += (x[c] - m) * (x[c] - m);
  const float r = rsqrtf(warpSum(v) / C + kLayerNormEpsilon);
  float* o = out + static_cast<std::size_t>(row) * C;
  for (int c = lane; c < C; c += 32) o[c] = (x[c] - m) * r * weight[c] + bias[c];
  if (lane == 0) {
    mean[row] = m;
    rstd[row] = r;
  }
}

__global__ void layerNormInputGradKernel(float* dinp, const float* dout, const float* inp, const float* weight,
                                         const float* mean, const float* rstd, int N, int C) {
  const int row = blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32;
  const int lane = threadIdx.x % 32;
  if (row >= N) return;
  const float* x = inp + static_cast<std::size_t>(row) * C;
  const float* d = dout + static_cast<std::size_t>(row) * C;
  float* dx = dinp + static_cast<std::size_t>(row) * C;
  const float m = mean[row];
  const float r = rstd[row];
  float dnormMean = 0, dnormDotNorm = 0;
  for (int c = lane; c < C; c += 32) {
    const float dnorm = d[c] * weight[c];
    dnormMean += dnorm;
    dnormDotNorm += dnorm * (x[c] - m) * r;
  }
  dnormMean = warpSum(dnormMean) / C;
  dnormDotNorm = warpSum(dnormDotNorm) / C;
  for (int c = lane; c < C; c += 32) {
    const float norm = (x[c] - m) * r;
    dx[c] += (d[c] * weight[c] - dnormMean - norm * dnormDotNorm) * r;
  }
}

// Column sums over rows for 32 channels per block: threadIdx.y takes every blockDim.y-th row,
// then the partial sums are added in a fixed order. inp == nullptr: Σ dout only (a bias).
constexpr int kColumnRows = 32;
__global__ void columnGradKernel(float* dweight, float* dbias, const float* dout, const float* inp, const float* mean,
                                 const float* rstd, int N, int C) {
  __shared__ float partialW[kColumnRows][33];
  __shared__ float partialB[kColumnRows][33];
  const int c = blockIdx.x * 32 + threadIdx.x;
  float w = 0, b = 0;
  if (c < C) {
    for (int n = threadIdx.y; n < N; n += kColumnRows) {
      const float d = dout[static_cast<std::size_t>(n) * C + c];
      b += d;
      if (inp != nullptr) w += d * (inp[static_cast<std::size_t>(n) * C + c] - mean[n]) * rstd[n];
    }
  }
  partialW[threadIdx.y][threadIdx.x] = w;
  partialB[threadIdx.y][threadIdx.x] = b;
  __syncthreads();
  if (threadIdx.y == 0 && c < C) {
    float sw = 0, sb = 0;
    for (int y = 0; y < kColumnRows; ++y) {
      sw += partialW[y][threadIdx.x];
      sb += partialB[y][threadIdx.x];
    }
    if (dweight != nullptr) dweight[c] += sw;
    dbias[c] += sb;
  }
}

__global__ void addBiasKernel(float* out, const float* bias, int OC, std::size_t count) {
  for (std::size_t i = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x; i < count; i += std::size_t(gridDim.x) * blockDim.x)
    out[i] += bias[i % OC];
}

// ------------------------------------------------------------------ GELU (tanh approximation)
__global__ void geluForwardKernel(float* out, const float* inp, std::size_t count) {
  for (std::size_t i = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x; i < count; i += std::size_t(gridDim.x) * blockDim.x) {
    const float x = inp[i];
    out[i] = 0.5f * x * (1.0f + tanhf(kGeluK * (x + kGeluA * x * x * x)));
  }
}

__global__ void geluBackwardKernel(float* dinp, const float* inp, const float* dout, std::size_t count) {
  for (std::size_t i = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x; i < count; i += std::size_t(gridDim.x) * blockDim.x) {
    const float x = inp[i];
    const float t = tanhf(kGeluK * (x + kGeluA * x * x * x));
    const float grad = 0.5f * (1.0f + t) + 0.5f * x * (1.0f - t * t) * kGeluK * (1.0f + 3.0f * kGeluA * x * x);
    dinp[i] = grad * dout[i];
  }
}

// ------------------------------------------------------------------ loss (a block per row)
__global__ void crossEntropyKernel(float* logits, float* rowLoss, const std::int32_t* targets, int V, float gradScale) {
  __shared__ float scratch[32];
  float* x = logits + static_cast<std::size_t>(blockIdx.x) * V;
  const int target = targets[blockIdx.x];
  float maxv = -INFINITY;
  for (int j = threadIdx.x; j < V; j += blockDim.x) maxv = fmaxf(maxv, x[j]);
  maxv = blockReduce<true>(maxv, scratch);
  float s = 0;
  for (int j = threadIdx.x; j < V; j += blockDim.x) s += expf(x[j] - maxv);
  s = blockReduce<false>(s, scratch);
  const float targetLogit = x[target];  // every thread reads it before any thread overwrites it
  __syncthreads();
  if (threadIdx.x == 0) rowLoss[blockIdx.x] = logf(s) + maxv - targetLogit;
  if (gradScale != 0.0f) {
    const float inv = gradScale / s;
    for (int j = threadIdx.x; j < V; j += blockDim.x) x[j] = expf(x[j] - maxv) * inv - (j == target ? gradScale : 0.0f);
  }
}

// ------------------------------------------------------------------ reductions: a fixed tree in double
__global__ void partialSumKernel(double* partials, const float* x, std::size_t count, bool squares) {
  __shared__ double shared[kThreads];
  double s = 0;
  for (std::size_t i = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x; i < count; i += std::size_t(gridDim.x) * blockDim.x) {
    const double v = x[i];
    s += squares ? v * v : v;
  }
  shared[threadIdx.x] = s;
  __syncthreads();
  for (int stride = blockDim.x / 2; stride > 0; stride /= 2) {
    if (static_cast<int>(threadIdx.x) < stride) shared[threadIdx.x] += shared[threadIdx.x + stride];
    __syncthreads();
  }
  if (threadIdx.x == 0) partials[blockIdx.x] = shared[0];
}

__global__ void finalSumKernel(double* result, const double* partials, int count) {
  __shared__ double shared[kReductionBlocks];
  shared[threadIdx.x] = static_cast<int>(threadIdx.x) < count ? partials[threadIdx.x] : 0.0;
  __syncthreads();
  for (int stride = blockDim.x / 2; stride > 0; stride /= 2) {
    if (static_cast<int>(threadIdx.x) < stride) shared[threadIdx.x] += shared[threadIdx.x + stride];
    __syncthreads();
  }
  if (threadIdx.x == 0) *result = shared[0];
}

// ------------------------------------------------------------------ optimizer
__global__ void adamwKernel(float* params, const float* grads, float* m, float* v, std::size_t count, float lr,
                            float b1, float b2, float eps, float wd, float gs, float c1, float c2) {
  for (std::size_t i = blockIdx.x * std::size_t(blockDim.x) + threadIdx.x; i < count; i += std::size_t(gridDim.x) * blockDim.x) {
    const float g = grads[i] * gs;
    const float mi = b1 * m[i] + (1.0f - b1) * g;
    const float vi = b2 * v[i] + (1.0f - b2) * g * g;
    m[i] = mi;
    v[i] = vi;
    params[i] -= lr * ((mi * c1) / (sqrtf(vi * c2) + eps) + wd * params[i]);
  }
}

}  // namespace

void fill(cudaStream_t stream, float* dst, float value, std::size_t count) {
  if (count == 0) return;
  fillKernel<<<blocksFor(count), kThreads, 0, stream>>>(dst, value, count);
  ARCHI_CUDA_CHECK_LAUNCH();
}

void toBf16(cudaStream_t stream, __nv_bfloat16* dst, const float* src, std::size_t count) {
  if (count == 0) return;
  toBf16Kernel<<<blocksFor(count), kThreads, 0, stream>>>(dst, src, count);
  ARCHI_CUDA_CHECK_LAUNCH();
}

void embeddingForward(cudaStream_t stream, float* out, const std::int32_t* tokens, const float* wte, const float* wpe,
                      int B, int Tn, int C) {
  const std::size_t count = static_cast<std::size_t>(B) * Tn * C;
  embeddingForwardKernel<<<blocksFor(count), kThreads, 0, stream>>>(out, tokens, wte, wpe, Tn, C, count);
  ARCHI_CUDA_CHECK_LAUNCH();
}

void embeddingBackward(cudaStream_t stream, float* dwte, float* dwpe, const float* dout, const std::int32_t* tokens,
                       int B, int Tn, int C) {
  const int N = B * Tn;
  if (N == 0) return;
  embeddingTokenGradKernel<<<N, kThreads, 0, stream>>>(dwte, dout, tokens, N, C);
  ARCHI_CUDA_CHECK_LAUNCH();
  embeddingPositionGradKernel<<<blocksFor(static_cast<std::size_t>(Tn) * C), kThreads, 0, stream>>>(dwpe, dout, B, Tn, C);
  ARCHI_CUDA_CHECK_LAUNCH();
}

void layerNormForward(cudaStream_t stream, float* out, float* mean, float* rstd, const float* inp, const float* weight,
                      const float* bias, int N, int C) {
  const int rowsPerBlock = kThreads / 32;
  layerNormForwardKernel<<<(N + rowsPerBlock - 1) / rowsPerBlock, kThreads, 0, stream>>>(out, mean, rstd, inp, weight,
                                                                                         bias, N, C);
  ARCHI_CUDA_CHECK_LAUNCH();
}

void layerNormBackward(cudaStream_t stream, float* dinp, float* dweight, float* dbias, const float* dout,
                       const float* inp, const float* weight, const float* mean, const float* rstd, int N, int C) {
  const int rowsPerBlock = kThreads / 32;
  layerNormInputGradKernel<<<(N + rowsPerBlock - 1) / rowsPerBlock, kThreads, 0, stream>>>(dinp, dout, inp, weight,
                                                                                           mean, rstd, N, C);
  ARCHI_CUDA_CHECK_LAUNCH();
  columnGradKernel<<<(C + 31) / 32, dim3(32, kColumnRows), 0, stream>>>(dweight, dbias, dout, inp, mean, rstd, N, C);
  ARCHI_CUDA_CHECK_LAUNCH();
}

void addBias(cudaStream_t stream, float* out, const float* bias, int N, int OC) {
  const std::size_t count = static_cast<std::size_t>(N) * OC;
  if (count == 0) return;
  addBiasKernel<<<blocksFor(count), kThreads, 0, stream>>>(out, bias, OC, count);
  ARCHI_CUDA_CHECK_LAUNCH();
}

void biasBackward(cudaStream_t stream, float* dbias, const float* dout, int N, int OC) {
  columnGradKernel<<<(OC + 31) / 32, dim3(32, kColumnRows), 0, stream>>>(nullptr, dbias, dout, nullptr, nullptr,
                                                                        nullptr, N, OC);
  ARCHI_CUDA_CHECK_LAUNCH();
}

void geluForward(cudaStream_t stream, float* out, const float* inp, std::size_t count) {
  if (count == 0) return;
  geluForwardKernel<<<blocksFor(count), kThreads, 0, stream>>>(out, inp, count);
  ARCHI_CUDA_CHECK_LAUNCH();
}

void geluBackward(cudaStream_t stream, float* dinp, const float* inp, const float* dout, std::size_t count) {
  if (count == 0) return;
  geluBackwardKernel<<<blocksFor(count), kThreads, 0, stream>>>(dinp, inp, dout, count);
  ARCHI_CUDA_CHECK_LAUNCH();
}

void crossEntropy(cudaStream_t stream, float* logits, float* rowLoss, const std::int32_t* targets, int N, int V,
                  float gradScale) {
  if (N == 0) return;
  crossEntropyKernel<<<N, kThreads, 0, stream>>>(logits, rowLoss, targets, V, gradScale);
  ARCHI_CUDA_CHECK_LAUNCH();
}

void sum(cudaStream_t stream, double* result, const float* x, std::size_t count, bool squares, double* partials) {
  partialSumKernel<<<kReductionBlocks, kThreads, 0, stream>>>(partials, x, count, squares);
  ARCHI_CUDA_CHECK_LAUNCH();
  finalSumKernel<<<1, kReductionBlocks, 0, stream>>>(result, partials, kReductionBlocks);
  ARCHI_CUDA_CHECK_LAUNCH();
}

void adamw(cudaStream_t stream, float* params, const float* grads, float* m, float* v, std::size_t count, float lr,
           float beta1, float beta2, float eps, float weightDecay, float gradScale, float c1, float c2) {
  if (count == 0) return;
  adamwKernel<<<blocksFor(count), kThreads, 0, stream>>>(params, grads, m, v, count, lr, beta1, beta2, eps, weightDecay,
                                                         gradScale, c1, c2);
  ARCHI_CUDA_CHECK_LAUNCH();
}

}  // namespace archi::cuda::kernels
