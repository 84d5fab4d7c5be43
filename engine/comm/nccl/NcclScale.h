#pragma once
// The one kernel the NCCL collective needs: `data *= factor` in place on its stream, for the
// token-weighted mean's pre-scaling (Collective::scaleInPlace; factor 0 is a memset instead).

#include <cuda_runtime_api.h>

#include <cstddef>

namespace archi::cuda::nccl {

cudaError_t launchScale(float* data, std::size_t count, float factor, cudaStream_t stream);

}  // namespace archi::cuda::nccl
