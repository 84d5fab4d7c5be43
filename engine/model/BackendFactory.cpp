#include "model/BackendFactory.h"

#include "cuda/CudaPluginLoader.h"
#include "model/cpu/CpuBackend.h"

namespace archi {

std::unique_ptr<Backend> makeBackend(const BackendChoice& choice) {
  if (choice.kind == BackendChoice::Kind::Cpu) return std::make_unique<cpu::CpuBackend>(choice.threads);
  cuda::BackendOptions options;
  options.device = choice.device;
  options.precision = choice.precision;
  return cuda::cudaPlugin().makeBackend(options);
}

}  // namespace archi
