#include "comm/nccl/NcclScale.h"

#include <algorithm>

namespace archi::cuda::nccl {
namespace {

// Grid-stride loop: one launch covers any count, even beyond 2^31 elements.
__global__ void scaleKernel(float* data, std::size_t count, float factor) {
  const std::size_t stride = static_cast<std::size_t>(blockDim.x) * gridDim.x;
  for (std::size_t i = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x; i < count; i += stride) {
    data[i] *= factor;
  }
}

}  // namespace

cudaError_t launchScale(float* data, std::size_t count, float factor, cudaStream_t stream) {
  if (count == 0) return cudaSuccess;
  constexpr int kThreads = 256;
  const std::size_t wanted = (count + kThreads - 1) / kThreads;
  const int blocks = static_cast<int>(std::min<std::size_t>(wanted, 65535));
  scaleKernel<<<blocks, kThreads, 0, stream>>>(data, count, factor);
  return cudaGetLastError();
}

}  // namespace archi::cuda::nccl
