#pragma once
// MERGE POINT (lead): helper cuda-backend owns this file; this is helper nccl's minimal
// version with the contract's signature. The compute backend a worker trains on: the CPU
// backend (OpenBLAS + OpenMP, host memory) or the CUDA backend from the CUDA plugin.

#include <memory>

#include "cuda/CudaPlugin.h"
#include "model/Backend.h"

namespace archi {

struct BackendChoice {
  enum class Kind { Cpu, Cuda } kind = Kind::Cpu;
  int threads = 1;   // CPU: compute threads (0: all cores)
  int device = 0;    // CUDA: device index (after UUID resolution)
  cuda::Precision precision = cuda::Precision::Bf16;
};

// Throws std::runtime_error naming the device when the backend cannot be made.
std::unique_ptr<Backend> makeBackend(const BackendChoice& choice);

}  // namespace archi
