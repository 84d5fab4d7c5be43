#pragma once
// The group of a datacenter with a single worker: every operation is local, no network,
// no rendezvous. Buffers are in host memory.

#include "comm/collective/Collective.h"

namespace archi::comm {

class SoloCollective final : public Collective {
 public:
  int rank() const override { return 0; }
  int worldSize() const override { return 1; }
  std::string_view backendName() const override { return "solo"; }

  void allReduceSum(float* data, std::size_t count) override;
  std::int64_t allReduceSum(std::int64_t value) override;
  void broadcast(float* data, std::size_t count, int root) override;
  void broadcast(float* data, std::size_t count, int root, std::chrono::milliseconds timeout) override;
  void barrier() override {}

 protected:
  void scaleInPlace(float* data, std::size_t count, float factor) override;
};

}  // namespace archi::comm
