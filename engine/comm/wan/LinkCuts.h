#pragma once
// Emulated WAN link cuts (issue 5 faults; docs/architecture.md#emulation: labelled emulation). The
// launcher writes one line "<datacenter> <datacenter>" per cut link into a file of the run; every
// leader reads it (at most every 200 ms) and neither sends to, dials nor admits a peer whose link
// to it is cut, exactly as if the link carried no traffic. Removing the line heals it.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "comm/wan/LinkShaper.h"

namespace archi::wan {

class LinkCuts {
 public:
  // `datacenterByRank`: the datacenter id of every leader rank; `myRank`: ours.
  LinkCuts(std::filesystem::path file, std::vector<std::string> datacenterByRank, int myRank);

  // Thread-safe: the transport's threads ask concurrently.
  bool isCut(int peerRank);
  // Changes whenever the set of cut links seen by this leader changes.
  std::uint64_t generation();
  const std::filesystem::path& file() const { return file_; }

 private:
  void refreshLocked();

  std::filesystem::path file_;
  std::vector<std::string> datacenterByRank_;
  int myRank_;
  std::mutex mutex_;
  std::vector<bool> cut_;
  std::uint64_t generation_ = 0;
  std::chrono::steady_clock::time_point lastRead_{};
};

// A link shaper that admits nothing while the link is cut and otherwise defers to `inner`
// (which may be null: an unshaped link).
class CuttableShaper : public LinkShaper {
 public:
  CuttableShaper(std::shared_ptr<LinkCuts> cuts, int peerRank, std::unique_ptr<LinkShaper> inner);

  std::size_t allowance(Clock::time_point now) override;
  void consume(std::size_t bytes) override;
  Clock::time_point nextAdmission(Clock::time_point now) const override;
  Clock::duration oneWayDelay() const override;
  Clock::duration frameDelay(std::size_t bytes) override;

 private:
  std::shared_ptr<LinkCuts> cuts_;
  int peerRank_;
  std::unique_ptr<LinkShaper> inner_;
};

}  // namespace archi::wan
