// MERGE POINT (lead): helper cuda-backend owns the plugin's entry point and its backend. This
// minimal entry exists so that helper nccl's collective can be loaded and tested; the real one
// replaces makeBackend and keeps devices() and the two NCCL functions as they are here.
#include <cuda_runtime_api.h>
#include <fmt/core.h>

#include <stdexcept>

#include "comm/nccl/NcclFactory.h"
#include "cuda/CudaPlugin.h"

namespace archi::cuda {
namespace {

std::string uuidText(const cudaUUID_t& uuid) {
  // nvidia-smi's form: GPU-8-4-4-4-12 hex digits.
  std::string hex;
  for (unsigned char byte : uuid.bytes) hex += fmt::format("{:02x}", byte);
  return fmt::format("GPU-{}-{}-{}-{}-{}", hex.substr(0, 8), hex.substr(8, 4), hex.substr(12, 4), hex.substr(16, 4),
                     hex.substr(20));
}

void check(cudaError_t status, const std::string& what) {
  if (status != cudaSuccess) {
    throw std::runtime_error(fmt::format("CUDA: {} failed: {} ({})", what, cudaGetErrorName(status), cudaGetErrorString(status)));
  }
}

std::vector<DeviceInfo> listDevices() {
  int count = 0;
  const cudaError_t status = cudaGetDeviceCount(&count);
  if (status == cudaErrorNoDevice) return {};
  check(status, "counting CUDA devices (is the NVIDIA driver loaded?)");
  std::vector<DeviceInfo> devices;
  for (int i = 0; i < count; ++i) {
    cudaDeviceProp properties{};
    check(cudaGetDeviceProperties(&properties, i), fmt::format("reading the properties of CUDA device {}", i));
    DeviceInfo info;
    info.index = i;
    info.uuid = uuidText(properties.uuid);
    info.name = properties.name;
    info.totalMemoryBytes = properties.totalGlobalMem;
    check(cudaSetDevice(i), fmt::format("selecting CUDA device {}", i));
    std::size_t freeBytes = 0, totalBytes = 0;
    check(cudaMemGetInfo(&freeBytes, &totalBytes), fmt::format("reading the memory of CUDA device {}", i));
    info.freeMemoryBytes = freeBytes;
    info.computeCapabilityMajor = properties.major;
    info.computeCapabilityMinor = properties.minor;
    devices.push_back(std::move(info));
  }
  return devices;
}

std::unique_ptr<BackendT<float>> makeBackendPlaceholder(const BackendOptions& options) {
  throw std::runtime_error(fmt::format("CUDA device {}: this plugin has no CUDA backend yet (helper cuda-backend's)", options.device));
}

}  // namespace
}  // namespace archi::cuda

// The plugin is built with hidden visibility: this table is its one exported symbol.
extern "C" __attribute__((visibility("default"))) const archi::cuda::PluginApi* archipelago_cuda_plugin() {
  static const archi::cuda::PluginApi api{
      .apiVersion = archi::cuda::kPluginApiVersion,
      .devices = &archi::cuda::listDevices,
      .makeBackend = &archi::cuda::makeBackendPlaceholder,
      .makeNcclUniqueId = &archi::cuda::nccl::makeUniqueId,
      .makeNcclCollective = &archi::cuda::nccl::makeCollective,
  };
  return &api;
}
