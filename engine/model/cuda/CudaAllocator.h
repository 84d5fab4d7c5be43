#pragma once
// A caching allocator for one device and one stream: freed blocks go back to a pool keyed by
// size and are handed out again, so after the first training step no step calls cudaMalloc
// (which synchronises the device). Because every kernel of a backend runs on its one stream, a
// block released while work on it is still queued can be reused at once: the next user's
// work is queued behind it on the same stream.

#include <cstddef>
#include <map>
#include <string>
#include <unordered_map>

namespace archi::cuda {

class CudaAllocator {
 public:
  // deviceLabel names the device in out-of-memory messages ("CUDA device 0 (NVIDIA H200)").
  CudaAllocator(int device, std::string deviceLabel);
  ~CudaAllocator();
  CudaAllocator(const CudaAllocator&) = delete;
  CudaAllocator& operator=(const CudaAllocator&) = delete;

  // At least `bytes`, 256-byte aligned. Throws std::runtime_error naming the device and the
  // bytes asked for, held and free when the device is out of memory even after the cache is emptied.
  void* allocate(std::size_t bytes);
  void release(void* data, std::size_t bytes) noexcept;

  std::size_t heldBytes() const { return heldBytes_; }          // in use + cached
  std::size_t peakHeldBytes() const { return peakHeldBytes_; }  // the most ever held

 private:
  static std::size_t roundUp(std::size_t bytes);
  void emptyCache() noexcept;

  int device_;
  std::string deviceLabel_;
  std::multimap<std::size_t, void*> cached_;       // block size → free block
  std::unordered_map<void*, std::size_t> inUse_;  // block → its size (a reused block may be larger than asked)
  std::size_t heldBytes_ = 0;
  std::size_t peakHeldBytes_ = 0;
};

}  // namespace archi::cuda
