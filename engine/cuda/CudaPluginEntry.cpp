// The plugin's one exported symbol: a table of factories. The loader (CudaPluginLoader) finds
// it with dlsym; everything else in libarchipelago-cuda.so is reached through it.

#include "comm/nccl/NcclFactory.h"
#include "cuda/CudaPlugin.h"
#include "model/cuda/CudaBackend.h"

namespace {

std::unique_ptr<archi::BackendT<float>> makeCudaBackend(const archi::cuda::BackendOptions& options) {
  return std::make_unique<archi::cuda::CudaBackend>(options);
}

}  // namespace

extern "C" __attribute__((visibility("default"))) const archi::cuda::PluginApi* archipelago_cuda_plugin() {
  static const archi::cuda::PluginApi api{
      .apiVersion = archi::cuda::kPluginApiVersion,
      .devices = &archi::cuda::listDevices,
      .makeBackend = &makeCudaBackend,
      .makeNcclUniqueId = &archi::cuda::nccl::makeUniqueId,
      .makeNcclCollective = &archi::cuda::nccl::makeCollective,
  };
  return &api;
}
