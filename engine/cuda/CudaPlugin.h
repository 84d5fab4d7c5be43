#pragma once
// The CUDA plugin's entry point (docs/architecture.md#gpus): everything that needs the CUDA
// runtime lives in libarchipelago-cuda.so, loaded on first use, so that the console and a
// CPU-only node never link CUDA.
#include <chrono>
#include <memory>
#include <string>
#include <vector>
#include "model/Backend.h"
#include "comm/collective/Collective.h"

namespace archi::cuda {

inline constexpr int kPluginApiVersion = 1;

enum class Precision { Bf16, Fp32 };  // bf16 compute with fp32 master weights, or fp32 throughout

struct BackendOptions {
  int device = 0;                       // CUDA device index (after UUID resolution)
  Precision precision = Precision::Bf16;
};

struct DeviceInfo {
  int index = 0;
  std::string uuid;                     // "GPU-…" as nvidia-smi prints it
  std::string name;                     // "NVIDIA H200"
  std::size_t totalMemoryBytes = 0;
  std::size_t freeMemoryBytes = 0;
  int computeCapabilityMajor = 0, computeCapabilityMinor = 0;
};

struct NcclOptions {
  int device = 0;
  int rank = 0, worldSize = 1;
  std::string uniqueId;                 // ncclUniqueId bytes (rank 0 makes it, the others get it via the KV store)
  std::chrono::milliseconds operationTimeout{30000};
};

struct PluginApi {
  int apiVersion = kPluginApiVersion;
  std::vector<DeviceInfo> (*devices)();                                    // throws on a driver error
  std::unique_ptr<BackendT<float>> (*makeBackend)(const BackendOptions&);   // throws naming the device
  std::string (*makeNcclUniqueId)();
  std::unique_ptr<comm::Collective> (*makeNcclCollective)(const NcclOptions&);
};

}  // namespace archi::cuda

extern "C" const archi::cuda::PluginApi* archipelago_cuda_plugin();
