#include "comm/wan/LinkCuts.h"

#include <fstream>
#include <limits>
#include <sstream>

namespace archi::wan {
namespace {

constexpr auto kRereadEvery = std::chrono::milliseconds(200);

}  // namespace

LinkCuts::LinkCuts(std::filesystem::path file, std::vector<std::string> datacenterByRank, int myRank)
    : file_(std::move(file)),
      datacenterByRank_(std::move(datacenterByRank)),
      myRank_(myRank),
      cut_(datacenterByRank_.size(), false) {}

void LinkCuts::refreshLocked() {
  const auto now = std::chrono::steady_clock::now();
  if (now - lastRead_ < kRereadEvery) return;
  lastRead_ = now;
  std::vector<bool> cut(datacenterByRank_.size(), false);
  std::ifstream in(file_);  // no file: nothing is cut
  std::string line;
  const std::string& me = datacenterByRank_.at(static_cast<std::size_t>(myRank_));
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string a;
    std::string b;
    if (!(fields >> a >> b)) continue;  // blank or partial line (the launcher replaces the file whole)
    const std::string* other = a == me ? &b : (b == me ? &a : nullptr);
    if (other == nullptr) continue;
    for (std::size_t rank = 0; rank < datacenterByRank_.size(); ++rank) {
      if (datacenterByRank_[rank] == *other && static_cast<int>(rank) != myRank_) cut[rank] = true;
    }
  }
  if (cut != cut_) {
    cut_ = std::move(cut);
    ++generation_;
  }
}

bool LinkCuts::isCut(int peerRank) {
  std::lock_guard lock(mutex_);
  refreshLocked();
  return peerRank >= 0 && static_cast<std::size_t>(peerRank) < cut_.size() && cut_[static_cast<std::size_t>(peerRank)];
}

std::uint64_t LinkCuts::generation() {
  std::lock_guard lock(mutex_);
  refreshLocked();
  return generation_;
}

CuttableShaper::CuttableShaper(std::shared_ptr<LinkCuts> cuts, int peerRank, std::unique_ptr<LinkShaper> inner)
    : cuts_(std::move(cuts)), peerRank_(peerRank), inner_(std::move(inner)) {}

std::size_t CuttableShaper::allowance(Clock::time_point now) {
  if (cuts_->isCut(peerRank_)) return 0;
  return inner_ ? inner_->allowance(now) : std::numeric_limits<std::size_t>::max();
}

void CuttableShaper::consume(std::size_t bytes) {
  if (inner_) inner_->consume(bytes);
}

Clock::time_point CuttableShaper::nextAdmission(Clock::time_point now) const {
  if (cuts_->isCut(peerRank_)) return now + std::chrono::milliseconds(100);  // look again soon
  return inner_ ? inner_->nextAdmission(now) : now;
}

Clock::duration CuttableShaper::oneWayDelay() const {
  return inner_ ? inner_->oneWayDelay() : Clock::duration::zero();
}

Clock::duration CuttableShaper::frameDelay(std::size_t bytes) {
  return inner_ ? inner_->frameDelay(bytes) : Clock::duration::zero();
}

}  // namespace archi::wan
