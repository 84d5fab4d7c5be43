#pragma once
// The intra-datacenter Collective for GPU workers (docs/architecture.md#gpus): one NCCL
// communicator per worker on its CUDA device, formed from a unique id that rank 0 made and
// the others read from the datacenter's rendezvous store (the worker does that exchange; this
// class gets the id bytes).
//
// Deadlines: the communicator is non-blocking (ncclConfig_t::blocking = 0). Every operation
// is enqueued on the collective's own stream and then polled (ncclCommGetAsyncError, then
// cudaStreamQuery) until it completes or its deadline passes; on a deadline the communicator
// is aborted (ncclCommAbort), which also releases kernels waiting for a dead peer, and the
// operation throws CollectiveError(Timeout). Never a hang. After any failure the group is
// unusable.
//
// Memory: buffers may live in device memory (parameters, gradients: no copy) or in host
// memory (the worker's control words and small vectors). A host buffer is detected with
// cudaPointerGetAttributes and staged through a device scratch buffer, so callers need not
// know where the collective computes, and the CPU path's code stays as it is.
//
// Ordering: an operation first waits for all work queued on the device (the backend's
// stream), and returns only when its result is complete: callers need no synchronisation.

#include <cuda_runtime_api.h>
#include <nccl.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "comm/collective/Collective.h"
#include "comm/collective/CollectiveError.h"
#include "cuda/CudaPlugin.h"

namespace archi::cuda::nccl {

class NcclCollective final : public comm::Collective {
 public:
  // Forms the communicator, waiting at most options.operationTimeout for every rank to join.
  // Throws CollectiveError (InvalidArgument, Timeout, PeerFailure).
  explicit NcclCollective(const NcclOptions& options);
  ~NcclCollective() override;

  int rank() const override { return rank_; }
  int worldSize() const override { return worldSize_; }
  std::string_view backendName() const override { return "nccl"; }
  int device() const { return device_; }

  void allReduceSum(float* data, std::size_t count) override;
  std::int64_t allReduceSum(std::int64_t value) override;
  void broadcast(float* data, std::size_t count, int root) override;
  void broadcast(float* data, std::size_t count, int root, std::chrono::milliseconds timeout) override;
  void barrier() override;

 protected:
  void scaleInPlace(float* data, std::size_t count, float factor) override;

 private:
  // Runs one operation: checks the group is usable, waits for the device's queued work, lets
  // `enqueue` queue the NCCL call on stream_, then waits for it until `timeout` has passed.
  // Host operands are staged before the NCCL call (the stream is idle then) and copied back by
  // `finish`, which runs only once the operation completed.
  template <typename Enqueue, typename Finish>
  void run(const std::string& what, std::chrono::milliseconds timeout, Enqueue&& enqueue, Finish&& finish);
  template <typename Enqueue>
  void run(const std::string& what, std::chrono::milliseconds timeout, Enqueue&& enqueue);
  void copyToHost(void* host, const void* device, std::size_t bytes);
  // Polls the communicator and stream_ until the queued work is done; aborts on the deadline.
  void await(const std::string& what, std::chrono::milliseconds timeout);
  [[noreturn]] void fail(comm::CollectiveError::Kind kind, const std::string& what, const std::string& reason);
  void abortCommunicator();
  // A device buffer of at least `bytes` (grow-only), for host-memory operands.
  void* scratch(std::size_t bytes);
  void useDevice() const;

  int device_;
  int rank_;
  int worldSize_;
  std::chrono::milliseconds operationTimeout_;
  ncclComm_t comm_ = nullptr;
  cudaStream_t stream_ = nullptr;
  void* scratch_ = nullptr;
  std::size_t scratchBytes_ = 0;
  std::string failedOperation_;  // set once an operation failed: the group is then unusable
};

// True when `pointer` is device (or managed) memory that NCCL can use directly.
bool isDeviceMemory(const void* pointer);

}  // namespace archi::cuda::nccl
