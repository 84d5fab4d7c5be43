#pragma once
// The NCCL collective's factories, exported to the CUDA plugin's entry table
// (engine/cuda/CudaPluginEntry.cpp). Built only into libarchipelago-cuda.so.

#include <memory>
#include <string>

#include "comm/collective/Collective.h"
#include "cuda/CudaPlugin.h"

namespace archi::cuda::nccl {

std::unique_ptr<comm::Collective> makeCollective(const NcclOptions& options);
std::string makeUniqueId();

}  // namespace archi::cuda::nccl
