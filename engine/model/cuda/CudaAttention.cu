// Causal multi-head attention, flash-attention style (forward and backward): scores are made
// tile by tile in shared memory and never stored, so memory grows with T, not T². The forward
// keeps one log-sum-exp per query row; the backward recomputes the probabilities from it.
//
// Work split: a block of kRows warps takes kRows consecutive rows of one (sequence, head); the
// block walks tiles of 32 keys (or queries) through shared memory, and inside a tile each lane
// of a warp takes one key (scores, a full dot product) and then one slice of the head's
// channels (the weighted sums), exchanging values by warp shuffles. Head size ≤ kMaxHeadSize.
// Arithmetic is fp32 on CUDA cores in both precisions of the backend.

#include "model/cuda/CudaCheck.h"
#include "model/cuda/CudaKernels.h"

#include <stdexcept>
#include <string>

namespace archi::cuda::kernels {

namespace {

constexpr int kRows = 8;                       // warps (rows) per block
constexpr int kTile = 32;                      // keys or queries per shared-memory tile: one per lane
constexpr int kSlices = kMaxHeadSize / 32;     // channels a lane owns in the weighted sums

__device__ float warpSum(float x) {
  for (int offset = 16; offset > 0; offset /= 2) x += __shfl_xor_sync(0xffffffffu, x, offset);
  return x;
}

__device__ float warpMax(float x) {
  for (int offset = 16; offset > 0; offset /= 2) x = fmaxf(x, __shfl_xor_sync(0xffffffffu, x, offset));
  return x;
}

// Rows in shared memory are padded by kPad floats: lanes reading the same channel of
// different rows (a float4 per lane, served a quarter-warp at a time) then hit different banks.
constexpr int kPad = 4;

// Both rows 16-byte aligned, hs a multiple of 4 (checkHeadSize).
__device__ float dot(const float* a, const float* b, int hs) {
  float s = 0;
  for (int d = 0; d < hs; d += 4) {
    const float4 x = *reinterpret_cast<const float4*>(a + d);
    const float4 y = *reinterpret_cast<const float4*>(b + d);
    s += x.x * y.x + x.y * y.y + x.z * y.z + x.w * y.w;
  }
  return s;
}

// Copies rows [first, first + kTile) of one head's q, k or v (`part` 0, 1, 2) into `tile` with
// row stride `stride`; rows past the sequence are zero.
__device__ void loadTile(float* tile, int stride, const float* qkv, int first, int Tn, int C, int hs, int part) {
  for (int idx = threadIdx.x; idx < kTile * hs; idx += blockDim.x) {
    const int r = idx / hs;
    const int d = idx % hs;
    const int t = first + r;
    tile[r * stride + d] = t < Tn ? qkv[static_cast<std::size_t>(t) * 3 * C + part * C + d] : 0.0f;
  }
}

// out and logSumExp for rows blockIdx.x·kRows + warp of head (blockIdx.y % H) of sequence (blockIdx.y / H).
__global__ void attentionForwardKernel(float* out, float* logSumExp, const float* qkv, int Tn, int C, int H) {
  extern __shared__ float4 sharedVectors[];  // float4: 16-byte aligned
  float* shared = reinterpret_cast<float*>(sharedVectors);
  const int hs = C / H;
  const int b = blockIdx.y / H;
  const int h = blockIdx.y % H;
  const int warp = threadIdx.x / 32;
  const int lane = threadIdx.x % 32;
  const int firstRow = blockIdx.x * kRows;
  const int i = firstRow + warp;
  const float scale = rsqrtf(static_cast<float>(hs));
  const float* head = qkv + static_cast<std::size_t>(b) * Tn * 3 * C + h * hs;

  float* qs = shared;                  // [kRows][hs]
  float* ks = qs + kRows * hs;         // [kTile][hs + kPad] (padded: lanes read different rows)
  float* vs = ks + kTile * (hs + kPad);   // [kTile][hs]
  if (i < Tn)
    for (int d = lane; d < hs; d += 32) qs[warp * hs + d] = head[static_cast<std::size_t>(i) * 3 * C + d];

  float m = -INFINITY, l = 0;
  float o[kSlices] = {};
  const int lastRow = min(firstRow + kRows, Tn) - 1;
  for (int j0 = 0; j0 <= lastRow; j0 += kTile) {
    __syncthreads();
    loadTile(ks, hs + kPad, head, j0, Tn, C, hs, 1);
    loadTile(vs, hs, head, j0, Tn, C, hs, 2);
    __syncthreads();
    if (i >= Tn || j0 > i) continue;  // warp-uniform
    const int j = j0 + lane;
    const float s = j <= i ? scale * dot(qs + warp * hs, ks + lane * (hs + kPad), hs) : -INFINITY;
    const float mNew = fmaxf(m, warpMax(s));
    const float p = j <= i ? __expf(s - mNew) : 0.0f;
    const float correction = __expf(m - mNew);
    l = l * correction + warpSum(p);
    const int keys = min(kTile, i - j0 + 1);
    for (int r = 0; r < kSlices; ++r) o[r] *= correction;
    for (int jj = 0; jj < keys; ++jj) {
      const float pj = __shfl_sync(0xffffffffu, p, jj);
      for (int r = 0; r < kSlices; ++r) {
        const int d = lane + 32 * r;
        if (d < hs) o[r] += pj * vs[jj * hs + d];
      }
    }
    m = mNew;
  }
  if (i >= Tn) return;
  float* o_i = out + (static_cast<std::size_t>(b) * Tn + i) * C + h * hs;
  for (int r = 0; r < kSlices; ++r) {
    const int d = lane + 32 * r;
    if (d < hs) o_i[d] = o[r] / l;
  }
  if (lane == 0) logSumExp[(static_cast<std::size_t>(b) * H + h) * Tn + i] = m + logf(l);
}

// dq for query rows, and rowDot[i] = dO_i · O_i (needed by the key-side kernel).
__global__ void attentionQueryGradKernel(float* dqkv, float* rowDot, const float* dout, const float* out,
                                         const float* qkv, const float* logSumExp, int Tn, int C, int H) {
  extern __shared__ float4 sharedVectors[];  // float4: 16-byte aligned
  float* shared = reinterpret_cast<float*>(sharedVectors);
  const int hs = C / H;
  const int b = blockIdx.y / H;
  const int h = blockIdx.y % H;
  const int warp = threadIdx.x / 32;
  const int lane = threadIdx.x % 32;
  const int firstRow = blockIdx.x * kRows;
  const int i = firstRow + warp;
  const float scale = rsqrtf(static_cast<float>(hs));
  const float* head = qkv + static_cast<std::size_t>(b) * Tn * 3 * C + h * hs;
  const std::size_t rowOffset = (static_cast<std::size_t>(b) * Tn + i) * C + h * hs;

  float* qs = shared;                  // [kRows][hs]
  float* dos = qs + kRows * hs;        // [kRows][hs]
  float* ks = dos + kRows * hs;        // [kTile][hs + kPad]
  float* vs = ks + kTile * (hs + kPad);   // [kTile][hs + kPad]
  float D = 0, lse = 0;
  if (i < Tn) {
    float partial = 0;
    for (int d = lane; d < hs; d += 32) {
      qs[warp * hs + d] = head[static_cast<std::size_t>(i) * 3 * C + d];
      dos[warp * hs + d] = dout[rowOffset + d];
      partial += dout[rowOffset + d] * out[rowOffset + d];
    }
    D = warpSum(partial);
    lse = logSumExp[(static_cast<std::size_t>(b) * H + h) * Tn + i];
    if (lane == 0) rowDot[(static_cast<std::size_t>(b) * H + h) * Tn + i] = D;
  }
  float dq[kSlices] = {};
  const int lastRow = min(firstRow + kRows, Tn) - 1;
  for (int j0 = 0; j0 <= lastRow; j0 += kTile) {
    __syncthreads();
    loadTile(ks, hs + kPad, head, j0, Tn, C, hs, 1);
    loadTile(vs, hs + kPad, head, j0, Tn, C, hs, 2);
    __syncthreads();
    if (i >= Tn || j0 > i) continue;
    const int j = j0 + lane;
    float ds = 0;
    if (j <= i) {
      const float p = __expf(scale * dot(qs + warp * hs, ks + lane * (hs + kPad), hs) - lse);
      const float dp = dot(dos + warp * hs, vs + lane * (hs + kPad), hs);
      ds = p * (dp - D) * scale;
    }
    const int keys = min(kTile, i - j0 + 1);
    for (int jj = 0; jj < keys; ++jj) {
      const float dsj = __shfl_sync(0xffffffffu, ds, jj);
      for (int r = 0; r < kSlices; ++r) {
        const int d = lane + 32 * r;
        if (d < hs) dq[r] += dsj * ks[jj * (hs + kPad) + d];
      }
    }
  }
  if (i >= Tn) return;
  float* dq_i = dqkv + (static_cast<std::size_t>(b) * Tn + i) * 3 * C + h * hs;
  for (int r = 0; r < kSlices; ++r) {
    const int d = lane + 32 * r;
    if (d < hs) dq_i[d] = dq[r];
  }
}

// dk and dv for key rows j = blockIdx.x·kRows + warp, over the queries i ≥ j.
__global__ void attentionKeyGradKernel(float* dqkv, const float* rowDot, const float* dout, const float* qkv,
                                       const float* logSumExp, int Tn, int C, int H) {
  extern __shared__ float4 sharedVectors[];  // float4: 16-byte aligned
  float* shared = reinterpret_cast<float*>(sharedVectors);
  const int hs = C / H;
  const int b = blockIdx.y / H;
  const int h = blockIdx.y % H;
  const int warp = threadIdx.x / 32;
  const int lane = threadIdx.x % 32;
  const int firstRow = blockIdx.x * kRows;
  const int j = firstRow + warp;
  const float scale = rsqrtf(static_cast<float>(hs));
  const float* head = qkv + static_cast<std::size_t>(b) * Tn * 3 * C + h * hs;
  const float* headOut = dout + static_cast<std::size_t>(b) * Tn * C + h * hs;
  const float* rowStats = logSumExp + (static_cast<std::size_t>(b) * H + h) * Tn;
  const float* rowDots = rowDot + (static_cast<std::size_t>(b) * H + h) * Tn;

  float* ks = shared;                  // [kRows][hs]
  float* vs = ks + kRows * hs;         // [kRows][hs]
  float* qt = vs + kRows * hs;         // [kTile][hs + kPad]
  float* dOutTile = qt + kTile * (hs + kPad); // [kTile][hs + kPad]: dO rows of the tile
  float* lseT = dOutTile + kTile * (hs + kPad);
  float* dT = lseT + kTile;
  if (j < Tn)
    for (int d = lane; d < hs; d += 32) {
      ks[warp * hs + d] = head[static_cast<std::size_t>(j) * 3 * C + C + d];
      vs[warp * hs + d] = head[static_cast<std::size_t>(j) * 3 * C + 2 * C + d];
    }
  float dk[kSlices] = {};
  float dv[kSlices] = {};
  for (int i0 = firstRow; i0 < Tn; i0 += kTile) {
    __syncthreads();
    loadTile(qt, hs + kPad, head, i0, Tn, C, hs, 0);
    for (int idx = threadIdx.x; idx < kTile * hs; idx += blockDim.x) {
      const int r = idx / hs;
      const int d = idx % hs;
      dOutTile[r * (hs + kPad) + d] = i0 + r < Tn ? headOut[static_cast<std::size_t>(i0 + r) * C + d] : 0.0f;
    }
    if (threadIdx.x < kTile) {
      const int t = i0 + threadIdx.x;
      lseT[threadIdx.x] = t < Tn ? rowStats[t] : 0.0f;
      dT[threadIdx.x] = t < Tn ? rowDots[t] : 0.0f;
    }
    __syncthreads();
    if (j >= Tn || i0 + kTile - 1 < j) continue;  // warp-uniform: every query of the tile is before j
    const int i = i0 + lane;
    float p = 0, ds = 0;
    if (i < Tn && i >= j) {
      p = __expf(scale * dot(qt + lane * (hs + kPad), ks + warp * hs, hs) - lseT[lane]);
      const float dp = dot(dOutTile + lane * (hs + kPad), vs + warp * hs, hs);
      ds = p * (dp - dT[lane]) * scale;
    }
    const int queries = min(kTile, Tn - i0);
    for (int ii = 0; ii < queries; ++ii) {
      const float pi = __shfl_sync(0xffffffffu, p, ii);
      const float dsi = __shfl_sync(0xffffffffu, ds, ii);
      for (int r = 0; r < kSlices; ++r) {
        const int d = lane + 32 * r;
        if (d < hs) {
          dv[r] += pi * dOutTile[ii * (hs + kPad) + d];
          dk[r] += dsi * qt[ii * (hs + kPad) + d];
        }
      }
    }
  }
  if (j >= Tn) return;
  float* dk_j = dqkv + (static_cast<std::size_t>(b) * Tn + j) * 3 * C + C + h * hs;
  for (int r = 0; r < kSlices; ++r) {
    const int d = lane + 32 * r;
    if (d < hs) {
      dk_j[d] = dk[r];
      dk_j[C + d] = dv[r];
    }
  }
}

void checkHeadSize(int C, int H) {
  if (H <= 0 || C % H != 0 || C / H > kMaxHeadSize || (C / H) % 4 != 0)
    throw std::invalid_argument("CUDA attention: head size " + std::to_string(H > 0 ? C / H : 0) +
                                " unsupported (C divisible by H, a multiple of 4, at most " +
                                std::to_string(kMaxHeadSize) + ")");
}

}  // namespace

void attentionForward(cudaStream_t stream, float* out, float* logSumExp, const float* qkv, int B, int Tn, int C, int H) {
  checkHeadSize(C, H);
  const int hs = C / H;
  const std::size_t sharedBytes = sizeof(float) * (kRows * hs + kTile * (hs + kPad) + kTile * hs);
  const dim3 grid((Tn + kRows - 1) / kRows, B * H);
  attentionForwardKernel<<<grid, kRows * 32, sharedBytes, stream>>>(out, logSumExp, qkv, Tn, C, H);
  ARCHI_CUDA_CHECK_LAUNCH();
}

void attentionBackward(cudaStream_t stream, float* dqkv, float* rowDot, const float* dout, const float* out,
                       const float* qkv, const float* logSumExp, int B, int Tn, int C, int H) {
  checkHeadSize(C, H);
  const int hs = C / H;
  const dim3 grid((Tn + kRows - 1) / kRows, B * H);
  const std::size_t queryShared = sizeof(float) * (2 * kRows * hs + 2 * kTile * (hs + kPad));
  attentionQueryGradKernel<<<grid, kRows * 32, queryShared, stream>>>(dqkv, rowDot, dout, out, qkv, logSumExp, Tn, C, H);
  ARCHI_CUDA_CHECK_LAUNCH();
  const std::size_t keyShared = sizeof(float) * (2 * kRows * hs + 2 * kTile * (hs + kPad) + 2 * kTile);
  attentionKeyGradKernel<<<grid, kRows * 32, keyShared, stream>>>(dqkv, rowDot, dout, qkv, logSumExp, Tn, C, H);
  ARCHI_CUDA_CHECK_LAUNCH();
}

}  // namespace archi::cuda::kernels
