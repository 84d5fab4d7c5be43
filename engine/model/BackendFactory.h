#pragma once
// The one place a compute backend is chosen (docs/architecture.md#extending-a-backend-a-spawner):
// the CPU backend, or the CUDA backend from the CUDA plugin, loaded on first use so that a
// process that never asks for a GPU never loads CUDA.

#include <memory>

#include "cuda/CudaPlugin.h"
#include "model/Backend.h"

namespace archi {

struct BackendChoice {
  enum class Kind { Cpu, Cuda } kind = Kind::Cpu;
  int threads = 1;  // CPU: OpenMP threads (0 = all cores)
  int device = 0;   // CUDA: device index
  cuda::Precision precision = cuda::Precision::Bf16;
};

// Throws std::runtime_error when CUDA is asked for and the plugin or the device is missing,
// with the plugin's message (which names the device).
std::unique_ptr<Backend> makeBackend(const BackendChoice& choice);

}  // namespace archi
