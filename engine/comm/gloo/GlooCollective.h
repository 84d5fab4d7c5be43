#pragma once
// The intra-datacenter Collective for CPU workers: Gloo's TCP transport, ring all-reduce of the
// flat buffer, ranks found through the leader's rendezvous store (RendezvousServer). Traffic stays
// on the datacenter fabric (docs/architecture.md#security): bind the transport to that network's
// address or interface.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "comm/collective/Collective.h"
#include "comm/gloo/RendezvousSecret.h"
#include "comm/gloo/StoreSockets.h"

namespace gloo {
class Context;
}

namespace archi::comm {

struct GlooOptions {
  int rank = 0;
  int worldSize = 1;
  HostPort rendezvous;                    // the leader's RendezvousServer
  RendezvousSecret rendezvousSecret;      // the run's store secret; required for two ranks or more
  std::string groupName = "archipelago";  // key prefix: one rendezvous per group and attempt
  // Where this worker's Gloo pairs listen: an address of this host on the datacenter fabric,
  // or, when set, a network interface name (e.g. "eth1") whose first address is used.
  std::string transportHost = "127.0.0.1";
  std::string transportInterface;
  std::chrono::milliseconds rendezvousTimeout{60000};  // for every rank to publish and connect
  std::chrono::milliseconds operationTimeout{60000};   // for each collective operation
};

class GlooCollective final : public Collective {
 public:
  // Forms the group: publishes this rank's addresses, waits for every other rank's and
  // connects the full mesh. Throws CollectiveError (Rendezvous, Timeout or PeerFailure).
  // Sets SIGPIPE to ignored if it still has its default action (see GlooCollective.cpp).
  explicit GlooCollective(const GlooOptions& options);
  ~GlooCollective() override;

  int rank() const override { return rank_; }
  int worldSize() const override { return worldSize_; }
  std::string_view backendName() const override { return "gloo"; }

  void allReduceSum(float* data, std::size_t count) override;
  std::int64_t allReduceSum(std::int64_t value) override;
  void broadcast(float* data, std::size_t count, int root) override;
  void broadcast(float* data, std::size_t count, int root, std::chrono::milliseconds timeout) override;
  void barrier() override;

 protected:
  void scaleInPlace(float* data, std::size_t count, float factor) override;

 private:
  template <typename Operation>
  void run(const std::string& what, Operation&& operation);
  template <typename Operation>
  void run(const std::string& what, std::chrono::milliseconds timeout, Operation&& operation);
  std::uint32_t nextTag() { return tag_++; }

  int rank_;
  int worldSize_;
  std::chrono::milliseconds operationTimeout_;
  std::shared_ptr<gloo::Context> context_;
  std::uint32_t tag_ = 0;
  std::string failedOperation_;  // set once an operation failed: the group is then unusable
};

// A world of one needs no network: returns a SoloCollective for worldSize 1, else a
// GlooCollective. Checks the options (rank in range, rendezvous address set) first.
std::unique_ptr<Collective> makeGlooCollective(const GlooOptions& options);

}  // namespace archi::comm
