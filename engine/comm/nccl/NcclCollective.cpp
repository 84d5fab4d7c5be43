#include "comm/nccl/NcclCollective.h"

#include <fmt/core.h>

#include <algorithm>
#include <cstring>
#include <thread>

#include "comm/collective/CollectiveError.h"
#include "comm/nccl/NcclCheck.h"
#include "comm/nccl/NcclScale.h"
#include "core/WallClock.h"

namespace archi::cuda::nccl {
namespace {

using Kind = comm::CollectiveError::Kind;

void checkOptions(const NcclOptions& options) {
  if (options.worldSize < 1) {
    throw comm::CollectiveError(Kind::InvalidArgument, fmt::format("nccl: world size {} is below 1", options.worldSize));
  }
  if (options.rank < 0 || options.rank >= options.worldSize) {
    throw comm::CollectiveError(Kind::InvalidArgument,
                                fmt::format("nccl: rank {} is outside 0..{}", options.rank, options.worldSize - 1));
  }
  if (options.operationTimeout.count() <= 0) {
    throw comm::CollectiveError(Kind::InvalidArgument, "nccl: the operation deadline must be positive (a wait without one can hang)");
  }
  if (options.uniqueId.size() != sizeof(ncclUniqueId)) {
    throw comm::CollectiveError(Kind::InvalidArgument,
                                fmt::format("nccl: the unique id holds {} bytes, NCCL's has {} (was it read whole from the "
                                            "rendezvous store?)",
                                            options.uniqueId.size(), sizeof(ncclUniqueId)));
  }
}

// Polling interval while waiting: short at first (small operations finish in microseconds),
// backing off so that a long wait does not burn a CPU core.
constexpr auto kFirstPoll = std::chrono::microseconds(2);
constexpr auto kLongestPoll = std::chrono::microseconds(500);

}  // namespace

bool isDeviceMemory(const void* pointer) {
  cudaPointerAttributes attributes{};
  if (cudaPointerGetAttributes(&attributes, pointer) != cudaSuccess) {
    (void)cudaGetLastError();  // older drivers answer "invalid value" for plain host memory: clear it
    return false;
  }
  return attributes.type == cudaMemoryTypeDevice || attributes.type == cudaMemoryTypeManaged;
}

NcclCollective::NcclCollective(const NcclOptions& options)
    : device_(options.device), rank_(options.rank), worldSize_(options.worldSize),
      operationTimeout_(options.operationTimeout) {
  checkOptions(options);
  const std::string what = fmt::format("forming the group (rank {} of {}, CUDA device {})", rank_, worldSize_, device_);
  try {
    useDevice();
    checkCuda(cudaStreamCreateWithFlags(&stream_, cudaStreamNonBlocking), "creating the collective's stream");
    ncclUniqueId id;
    std::memcpy(&id, options.uniqueId.data(), sizeof id);
    ncclConfig_t config = NCCL_CONFIG_INITIALIZER;
    config.blocking = 0;  // every wait is ours to bound (see the header)
    checkNccl(ncclCommInitRankConfig(&comm_, worldSize_, id, rank_, &config), what);
    await(what, operationTimeout_);
  } catch (...) {
    // The destructor does not run for a half-built object: release what was made.
    abortCommunicator();
    if (stream_ != nullptr) cudaStreamDestroy(stream_);
    throw;
  }
}

NcclCollective::~NcclCollective() {
  (void)cudaSetDevice(device_);
  if (comm_ != nullptr) {
    // A healthy group is finalised (flushes this rank's part) before it is destroyed; a peer
    // that already left must not make that wait forever, so it is bounded and aborted after.
    ncclResult_t state = ncclCommFinalize(comm_);
    const auto deadline = SteadyClock::now() + operationTimeout_;
    while (state == ncclInProgress && SteadyClock::now() < deadline) {
      std::this_thread::sleep_for(kLongestPoll);
      if (ncclCommGetAsyncError(comm_, &state) != ncclSuccess) break;
    }
    if (state == ncclSuccess) {
      ncclCommDestroy(comm_);
      comm_ = nullptr;
    } else {
      abortCommunicator();
    }
  }
  if (scratch_ != nullptr) cudaFree(scratch_);
  if (stream_ != nullptr) cudaStreamDestroy(stream_);
}

void NcclCollective::useDevice() const {
  checkCuda(cudaSetDevice(device_), fmt::format("selecting CUDA device {}", device_), Kind::InvalidArgument);
}

void NcclCollective::abortCommunicator() {
  if (comm_ == nullptr) return;
  ncclCommAbort(comm_);  // also stops kernels waiting for a peer, so stream_ drains
  comm_ = nullptr;
}

void NcclCollective::fail(Kind kind, const std::string& what, const std::string& reason) {
  failedOperation_ = what;
  abortCommunicator();
  throw comm::CollectiveError(kind, fmt::format("nccl {} on rank {} of {} (CUDA device {}) failed: {}", what, rank_,
                                                worldSize_, device_, reason));
}

void NcclCollective::await(const std::string& what, std::chrono::milliseconds timeout) {
  const auto started = SteadyClock::now();
  const auto deadline = started + timeout;
  auto pause = std::chrono::duration_cast<std::chrono::microseconds>(kFirstPoll);
  for (;;) {
    ncclResult_t state = ncclSuccess;
    const ncclResult_t queried = ncclCommGetAsyncError(comm_, &state);
    if (queried != ncclSuccess) fail(Kind::PeerFailure, what, fmt::format("querying the communicator: {}", ncclGetErrorString(queried)));
    if (state != ncclSuccess && state != ncclInProgress) {
      fail(Kind::PeerFailure, what, fmt::format("{}: {} (a peer died or its connection broke)", ncclGetErrorString(state),
                                                ncclGetLastError(comm_)));
    }
    if (state == ncclSuccess) {
      const cudaError_t done = cudaStreamQuery(stream_);
      if (done == cudaSuccess) return;
      if (done != cudaErrorNotReady) fail(Kind::PeerFailure, what, fmt::format("CUDA error {}", cudaGetErrorString(done)));
    }
    if (SteadyClock::now() >= deadline) {
      const auto elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - started).count();
      fail(Kind::Timeout, what, fmt::format("not done after {} ms (deadline {} ms): a peer did not join or answer in time",
                                            elapsed_ms, timeout.count()));
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::duration_cast<std::chrono::microseconds>(kLongestPoll));
  }
}

template <typename Enqueue, typename Finish>
void NcclCollective::run(const std::string& what, std::chrono::milliseconds timeout, Enqueue&& enqueue, Finish&& finish) {
  if (!failedOperation_.empty()) {
    throw comm::CollectiveError(Kind::Unusable,
                                fmt::format("nccl {} on rank {} of {}: the group is unusable since '{}' failed; form a new one",
                                            what, rank_, worldSize_, failedOperation_));
  }
  useDevice();
  try {
    // The operands were written by the backend's own stream: let that work finish first.
    checkCuda(cudaDeviceSynchronize(), "waiting for the device's queued work");
    enqueue();
  } catch (const comm::CollectiveError& e) {
    fail(e.kind(), what, e.what());
  }
  await(what, timeout);
  try {
    finish();
  } catch (const comm::CollectiveError& e) {
    fail(e.kind(), what, e.what());
  }
}

template <typename Enqueue>
void NcclCollective::run(const std::string& what, std::chrono::milliseconds timeout, Enqueue&& enqueue) {
  run(what, timeout, std::forward<Enqueue>(enqueue), [] {});
}

void* NcclCollective::scratch(std::size_t bytes) {
  if (bytes > scratchBytes_) {
    if (scratch_ != nullptr) checkCuda(cudaFree(scratch_), "freeing the staging buffer");
    scratch_ = nullptr;
    scratchBytes_ = 0;
    checkCuda(cudaMalloc(&scratch_, bytes), fmt::format("allocating a {}-byte staging buffer for host memory", bytes),
              Kind::InvalidArgument);
    scratchBytes_ = bytes;
  }
  return scratch_;
}

void NcclCollective::copyToHost(void* host, const void* device, std::size_t bytes) {
  // Only once the operation is complete: a copy queued behind an NCCL kernel that waits for a
  // dead peer would block the host (pageable memory) and escape the deadline.
  checkCuda(cudaMemcpy(host, device, bytes, cudaMemcpyDeviceToHost), "copying the result to the host");
}

void NcclCollective::allReduceSum(float* data, std::size_t count) {
  if (count == 0) return;
  if (data == nullptr) throw comm::CollectiveError(Kind::InvalidArgument, "nccl all-reduce: null buffer");
  const std::size_t bytes = count * sizeof(float);
  const std::string what = fmt::format("all-reduce of {} floats", count);
  if (isDeviceMemory(data)) {
    run(what, operationTimeout_,
        [&] { checkNccl(ncclAllReduce(data, data, count, ncclFloat32, ncclSum, comm_, stream_), "ncclAllReduce"); });
    return;
  }
  void* staged = scratch(bytes);
  run(
      what, operationTimeout_,
      [&] {
        checkCuda(cudaMemcpy(staged, data, bytes, cudaMemcpyHostToDevice), "staging the host buffer");
        checkNccl(ncclAllReduce(staged, staged, count, ncclFloat32, ncclSum, comm_, stream_), "ncclAllReduce");
      },
      [&] { copyToHost(data, staged, bytes); });
}

std::int64_t NcclCollective::allReduceSum(std::int64_t value) {
  std::int64_t sum = value;
  // ncclInt64 sums exactly on the device; the value travels through the staging buffer.
  void* staged = scratch(sizeof sum);
  run(
      "all-reduce of one int64", operationTimeout_,
      [&] {
        checkCuda(cudaMemcpy(staged, &sum, sizeof sum, cudaMemcpyHostToDevice), "staging the value");
        checkNccl(ncclAllReduce(staged, staged, 1, ncclInt64, ncclSum, comm_, stream_), "ncclAllReduce");
      },
      [&] { copyToHost(&sum, staged, sizeof sum); });
  return sum;
}

void NcclCollective::broadcast(float* data, std::size_t count, int root) {
  broadcast(data, count, root, operationTimeout_);
}

void NcclCollective::broadcast(float* data, std::size_t count, int root, std::chrono::milliseconds timeout) {
  if (root < 0 || root >= worldSize_) {
    throw comm::CollectiveError(Kind::InvalidArgument,
                                fmt::format("nccl broadcast: root {} is outside 0..{}", root, worldSize_ - 1));
  }
  if (timeout.count() <= 0) {
    throw comm::CollectiveError(Kind::InvalidArgument, "nccl broadcast: the deadline must be positive (a wait without one can hang)");
  }
  if (count == 0) return;
  if (data == nullptr) throw comm::CollectiveError(Kind::InvalidArgument, "nccl broadcast: null buffer");
  const std::size_t bytes = count * sizeof(float);
  const std::string what = fmt::format("broadcast of {} floats from rank {}", count, root);
  if (isDeviceMemory(data)) {
    run(what, timeout,
        [&] { checkNccl(ncclBroadcast(data, data, count, ncclFloat32, root, comm_, stream_), "ncclBroadcast"); });
    return;
  }
  // Floats are copied bit for bit (the worker sends integers through them), never converted.
  void* staged = scratch(bytes);
  run(
      what, timeout,
      [&] {
        if (rank_ == root) checkCuda(cudaMemcpy(staged, data, bytes, cudaMemcpyHostToDevice), "staging the host buffer");
        checkNccl(ncclBroadcast(staged, staged, count, ncclFloat32, root, comm_, stream_), "ncclBroadcast");
      },
      [&] { copyToHost(data, staged, bytes); });
}

void NcclCollective::barrier() {
  // NCCL has no barrier: an all-reduce of one value completes only once every rank joined it.
  (void)allReduceSum(std::int64_t{0});
}

void NcclCollective::scaleInPlace(float* data, std::size_t count, float factor) {
  if (count == 0 || factor == 1.0f) return;
  if (!isDeviceMemory(data)) {
    comm::scaleHostBuffer(data, count, factor);
    return;
  }
  useDevice();
  checkCuda(cudaDeviceSynchronize(), "waiting for the device's queued work");
  if (factor == 0.0f) {
    // All-zero bytes are +0.0f: exact zeros, so NaN or Inf in an idle worker's buffer cannot leak.
    checkCuda(cudaMemsetAsync(data, 0, count * sizeof(float), stream_), "zeroing the buffer");
  } else {
    checkCuda(launchScale(data, count, factor, stream_), "scaling the buffer");
  }
  // The following all-reduce is queued on the same stream, so it sees the scaled values.
}

}  // namespace archi::cuda::nccl
