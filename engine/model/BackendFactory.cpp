// MERGE POINT (lead): helper cuda-backend's version replaces this one (its Cuda case loads
// the plugin's backend).
#include "model/BackendFactory.h"

#include <fmt/core.h>

#include <stdexcept>

#include "model/cpu/CpuBackend.h"

namespace archi {

std::unique_ptr<Backend> makeBackend(const BackendChoice& choice) {
  switch (choice.kind) {
    case BackendChoice::Kind::Cpu: return std::make_unique<cpu::CpuBackend>(choice.threads);
    case BackendChoice::Kind::Cuda: break;
  }
  throw std::runtime_error(fmt::format("CUDA device {}: this build has no CUDA backend yet (helper cuda-backend's)", choice.device));
}

}  // namespace archi
