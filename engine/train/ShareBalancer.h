#pragma once
// Who in a datacenter takes how many sequences per step (docs/architecture.md#planning; issue 5,
// items 2 and 8): shares proportional to each member's speed, largest remainder, capped by memory,
// summing to the datacenter's planned batch. The leader keeps one of these. After a member is lost
// the others carry its share; when measured speeds drift from the ones the shares were computed
// from, check() says when re-balancing pays.
//
// Speeds start as the planned shares (they are proportional to the planned speeds); the first
// check that agrees with the plan switches them to measured tokens per second.

#include <optional>
#include <string>
#include <vector>

namespace archi {

struct ShareBalancerOptions {
  double tolerance = 0.10;   // a drift is a measured speed this far from the basis
  int confirmations = 3;     // checks in a row, in one direction, before it counts
  double minGain = 0.05;     // new shares must shorten the predicted step by this much
};

struct RebalanceDue {
  std::vector<double> measured_tokens_per_s;  // by rank of the checked members
  int driftRank = 0;                          // the member that drifted most
  double driftMeasured_tokens_per_s = 0.0;
  double driftPlanned_tokens_per_s = 0.0;
};

class ShareBalancer {
 public:
  // Planned shares and memory caps by slot. Throws std::invalid_argument if their sizes differ.
  ShareBalancer(std::vector<int> plannedShares, std::vector<int> capsBySlot, ShareBalancerOptions options = {});

  int plannedTotal() const { return plannedTotal_; }
  // Shares of these slots (by rank) from the current speed basis, summing to the planned total;
  // when their caps cannot hold it, every member takes its cap.
  std::vector<int> sharesFor(const std::vector<int>& memberSlots) const;
  // Shares of these slots for the given speeds (by rank), same rules.
  std::vector<int> sharesFor(const std::vector<int>& memberSlots, const std::vector<double>& speeds) const;

  // Forgets drifts seen so far: shares or membership changed.
  void restartChecks(std::size_t members);
  // One check of measured speeds (tokens/s, by rank) against the basis. Returns what to
  // re-balance to when a drift is confirmed and new shares would pay.
  std::optional<RebalanceDue> check(const std::vector<int>& memberSlots, const std::vector<int>& currentShares,
                                    const std::vector<double>& measured_tokens_per_s);
  // Makes measured speeds the basis of these slots (slots outside keep their proportion).
  void adopt(const std::vector<int>& memberSlots, const std::vector<double>& measured_tokens_per_s);
  bool speedsMeasured() const { return measured_; }

 private:
  std::vector<double> expectedSpeeds(const std::vector<int>& memberSlots, double measuredSum) const;

  std::vector<int> caps_;
  std::vector<double> speed_;  // basis by slot: planned shares, then measured tokens/s
  int plannedTotal_ = 0;
  ShareBalancerOptions options_;
  bool measured_ = false;
  std::vector<int> driftSign_;  // by rank, at the last check
  std::vector<int> driftRun_;   // by rank: checks in a row with that sign
};

}  // namespace archi
