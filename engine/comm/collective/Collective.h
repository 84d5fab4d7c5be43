#pragma once
// One intra-datacenter communication group (docs/architecture.md#inside-a-datacenter): every worker
// of a datacenter holds one, with the same world size and a distinct rank. Gloo implements it over
// TCP for CPU workers, NCCL for GPU workers. All ranks must call the same operations in the same
// order. Every operation has a deadline: a dead or stuck peer makes it throw CollectiveError naming
// the operation, never hang; after such an error the group is unusable.

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace archi::comm {

class Collective {
 public:
  virtual ~Collective() = default;
  Collective() = default;
  Collective(const Collective&) = delete;
  Collective& operator=(const Collective&) = delete;

  virtual int rank() const = 0;
  virtual int worldSize() const = 0;
  // "gloo", "nccl", "solo": for logs and metrics.
  virtual std::string_view backendName() const = 0;

  // In place: every rank ends with the element-wise sum over all ranks of `data`. The buffer
  // lives where the backend computes (host memory for Gloo, device memory for NCCL).
  virtual void allReduceSum(float* data, std::size_t count) = 0;
  // Exact integer sum of one host value per rank (token counts, sample counts).
  virtual std::int64_t allReduceSum(std::int64_t value) = 0;
  // In place: every rank ends with root's `data`.
  virtual void broadcast(float* data, std::size_t count, int root) = 0;
  // The same with its own deadline instead of the group's operation deadline: for a wait that
  // is expected to be long (workers waiting while their leader does slow WAN work), so the
  // group's deadline can stay short enough to notice a dead peer in seconds.
  virtual void broadcast(float* data, std::size_t count, int root, std::chrono::milliseconds timeout) = 0;
  virtual void barrier() = 0;

  // Data-parallel gradient averaging weighted by tokens, not by rank
  // (docs/architecture.md#inside-a-datacenter): on entry `gradient` is this worker's gradient
  // averaged over its own `tokens`; on return every rank holds sum_i(tokens_i * gradient_i) /
  // sum_i(tokens_i), exact whatever the shares are. A worker with zero tokens contributes nothing
  // (its buffer may hold garbage). Returns the total tokens of the group; throws CollectiveError
  // when no worker had any token.
  std::int64_t allReduceTokenWeightedMean(float* gradient, std::size_t count, std::int64_t tokens);

 protected:
  // Multiplies `data` (in the backend's memory) by `factor`; factor 0 must write exact zeros
  // so that NaN or Inf in an idle worker's buffer cannot leak into the sum.
  virtual void scaleInPlace(float* data, std::size_t count, float factor) = 0;
};

// scaleInPlace for buffers in host memory (the Gloo and solo backends, and the NCCL one for a
// host buffer). Inline: the CUDA plugin uses it without linking the collective module.
inline void scaleHostBuffer(float* data, std::size_t count, float factor) {
  if (factor == 0.0f) {
    std::fill(data, data + count, 0.0f);
    return;
  }
  if (factor == 1.0f) return;
  for (std::size_t i = 0; i < count; ++i) data[i] *= factor;
}

}  // namespace archi::comm
