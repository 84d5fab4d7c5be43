#pragma once
// Memory owned by a backend (host memory for the CPU backend, device memory for CUDA).
// Move-only; frees itself through the backend that allocated it, which must outlive it.
// Pointers taken from it are only meaningful to that backend's ops.

#include <cstddef>
#include <utility>

namespace archi {

class BufferAllocator {
 public:
  virtual ~BufferAllocator() = default;
  virtual void releaseBytes(void* data, std::size_t bytes) noexcept = 0;
};

class DeviceBuffer {
 public:
  DeviceBuffer() = default;
  DeviceBuffer(BufferAllocator* owner, void* data, std::size_t bytes) : owner_(owner), data_(data), bytes_(bytes) {}
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
  DeviceBuffer(DeviceBuffer&& other) noexcept { swap(other); }
  DeviceBuffer& operator=(DeviceBuffer&& other) noexcept {
    DeviceBuffer moved(std::move(other));
    swap(moved);
    return *this;
  }
  ~DeviceBuffer() {
    if (data_ != nullptr) owner_->releaseBytes(data_, bytes_);
  }

  template <typename U>
  U* as() const {
    return static_cast<U*>(data_);
  }
  std::size_t bytes() const { return bytes_; }
  bool empty() const { return data_ == nullptr; }

 private:
  void swap(DeviceBuffer& other) noexcept {
    std::swap(owner_, other.owner_);
    std::swap(data_, other.data_);
    std::swap(bytes_, other.bytes_);
  }
  BufferAllocator* owner_ = nullptr;
  void* data_ = nullptr;
  std::size_t bytes_ = 0;
};

}  // namespace archi
