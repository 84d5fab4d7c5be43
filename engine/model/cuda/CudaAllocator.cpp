#include "model/cuda/CudaAllocator.h"

#include <cuda_runtime.h>

#include <cstdio>
#include <stdexcept>
#include <utility>

#include "model/cuda/CudaCheck.h"

namespace archi::cuda {

namespace {
constexpr std::size_t kSmallGranule_bytes = 512;
constexpr std::size_t kLargeGranule_bytes = 2u << 20;  // 2 MiB: large blocks in coarse steps so they are reused
constexpr std::size_t kLargeFrom_bytes = 1u << 20;

double gib(std::size_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0); }

std::string gibText(std::size_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f GiB", gib(bytes));
  return text;
}
}  // namespace

CudaAllocator::CudaAllocator(int device, std::string deviceLabel) : device_(device), deviceLabel_(std::move(deviceLabel)) {}

CudaAllocator::~CudaAllocator() {
  emptyCache();
  for (const auto& [data, size] : inUse_) (void)cudaFree(data);  // buffers outliving the backend: free anyway
}

std::size_t CudaAllocator::roundUp(std::size_t bytes) {
  const std::size_t granule = bytes >= kLargeFrom_bytes ? kLargeGranule_bytes : kSmallGranule_bytes;
  const std::size_t rounded = (bytes + granule - 1) / granule * granule;
  return rounded == 0 ? kSmallGranule_bytes : rounded;
}

void* CudaAllocator::allocate(std::size_t bytes) {
  const std::size_t rounded = roundUp(bytes);
  // Reuse a cached block of the same rounded size, or at most a quarter larger (bounded waste).
  if (auto it = cached_.lower_bound(rounded); it != cached_.end() && it->first <= rounded + rounded / 4) {
    void* data = it->second;
    inUse_.emplace(data, it->first);
    cached_.erase(it);
    return data;
  }
  ARCHI_CUDA_CHECK(cudaSetDevice(device_));
  void* data = nullptr;
  cudaError_t error = cudaMalloc(&data, rounded);
  if (error == cudaErrorMemoryAllocation) {
    (void)cudaGetLastError();  // clear the sticky-free error state before retrying
    emptyCache();
    error = cudaMalloc(&data, rounded);
  }
  if (error == cudaErrorMemoryAllocation) {
    (void)cudaGetLastError();
    std::size_t free = 0, total = 0;
    (void)cudaMemGetInfo(&free, &total);
    throw std::runtime_error("out of memory on " + deviceLabel_ + ": asked for " + gibText(rounded) + ", holding " +
                             gibText(heldBytes_) + ", " + gibText(free) + " free of " + gibText(total) +
                             " (use fewer sequences per step or a smaller model)");
  }
  if (error != cudaSuccess) throwCudaError(error, "cudaMalloc", __FILE__, __LINE__);
  heldBytes_ += rounded;
  inUse_.emplace(data, rounded);
  if (heldBytes_ > peakHeldBytes_) peakHeldBytes_ = heldBytes_;
  return data;
}

void CudaAllocator::release(void* data, std::size_t) noexcept {
  const auto it = inUse_.find(data);
  if (it == inUse_.end()) return;  // not ours (or null): nothing to give back
  cached_.emplace(it->second, data);
  inUse_.erase(it);
}

void CudaAllocator::emptyCache() noexcept {
  // cudaFree waits for the device, so queued work that still uses a cached block finishes first.
  for (const auto& [size, data] : cached_) {
    if (cudaFree(data) == cudaSuccess) heldBytes_ -= size;
  }
  cached_.clear();
}

}  // namespace archi::cuda
