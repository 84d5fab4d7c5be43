#include "train/ShareBalancer.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "plan/LoadBalancer.h"

namespace archi {

ShareBalancer::ShareBalancer(std::vector<int> plannedShares, std::vector<int> capsBySlot, ShareBalancerOptions options)
    : caps_(std::move(capsBySlot)), options_(options) {
  if (plannedShares.size() != caps_.size()) {
    throw std::invalid_argument("share balancer: one planned share and one cap per slot");
  }
  for (int share : plannedShares) {
    plannedTotal_ += share;
    speed_.push_back(static_cast<double>(share));
  }
}

std::vector<int> ShareBalancer::sharesFor(const std::vector<int>& memberSlots) const {
  std::vector<double> speeds;
  for (int slot : memberSlots) speeds.push_back(speed_.at(static_cast<std::size_t>(slot)));
  return sharesFor(memberSlots, speeds);
}

std::vector<int> ShareBalancer::sharesFor(const std::vector<int>& memberSlots, const std::vector<double>& speeds) const {
  std::vector<ShareRequest> requests;
  for (std::size_t i = 0; i < memberSlots.size(); ++i) {
    requests.push_back({std::max(1e-9, speeds.at(i)), caps_.at(static_cast<std::size_t>(memberSlots[i]))});
  }
  if (auto shares = apportionShares(requests, plannedTotal_)) return *shares;
  // The members' memory cannot hold the planned batch: each takes what it can.
  std::vector<int> caps;
  for (const ShareRequest& r : requests) caps.push_back(std::max(0, r.max_sequences));
  return caps;
}

void ShareBalancer::restartChecks(std::size_t members) {
  driftSign_.assign(members, 0);
  driftRun_.assign(members, 0);
}

// Until speeds were measured once, the basis is the planned shares: compare proportions.
std::vector<double> ShareBalancer::expectedSpeeds(const std::vector<int>& memberSlots, double measuredSum) const {
  double basisSum = 0.0;
  for (int slot : memberSlots) basisSum += speed_.at(static_cast<std::size_t>(slot));
  std::vector<double> expected;
  for (int slot : memberSlots) {
    const double basis = speed_.at(static_cast<std::size_t>(slot));
    expected.push_back(measured_ ? basis : basis / basisSum * measuredSum);
  }
  return expected;
}

std::optional<RebalanceDue> ShareBalancer::check(const std::vector<int>& memberSlots, const std::vector<int>& currentShares,
                                                 const std::vector<double>& measured) {
  const std::size_t members = memberSlots.size();
  if (measured.size() != members || currentShares.size() != members) return std::nullopt;
  if (std::any_of(measured.begin(), measured.end(), [](double v) { return !(v > 0.0) || !std::isfinite(v); })) return std::nullopt;
  if (driftSign_.size() != members) restartChecks(members);
  double measuredSum = 0.0;
  for (double v : measured) measuredSum += v;
  const std::vector<double> expected = expectedSpeeds(memberSlots, measuredSum);

  bool anyDrift = false;
  bool confirmed = false;
  RebalanceDue due;
  double worst = -1.0;
  for (std::size_t i = 0; i < members; ++i) {
    const double relative = (measured[i] - expected[i]) / expected[i];
    const int sign = relative > options_.tolerance ? 1 : (relative < -options_.tolerance ? -1 : 0);
    driftRun_[i] = sign == 0 ? 0 : (sign == driftSign_[i] ? driftRun_[i] + 1 : 1);
    driftSign_[i] = sign;
    anyDrift = anyDrift || sign != 0;
    confirmed = confirmed || driftRun_[i] >= options_.confirmations;
    if (std::fabs(relative) > worst) {
      worst = std::fabs(relative);
      due.driftRank = static_cast<int>(i);
      due.driftMeasured_tokens_per_s = measured[i];
      due.driftPlanned_tokens_per_s = expected[i];
    }
  }
  if (!anyDrift && !measured_) {
    adopt(memberSlots, measured);  // the plan holds: later drifts are judged against these speeds
    return std::nullopt;
  }
  if (!confirmed) return std::nullopt;
  // Worth it only if the slowest member's step gets shorter by a margin.
  const std::vector<int> candidate = sharesFor(memberSlots, measured);
  double current_s = 0.0;
  double proposed_s = 0.0;
  for (std::size_t i = 0; i < members; ++i) {
    current_s = std::max(current_s, currentShares[i] / measured[i]);
    proposed_s = std::max(proposed_s, candidate[i] / measured[i]);
  }
  if (!(proposed_s < (1.0 - options_.minGain) * current_s)) return std::nullopt;
  due.measured_tokens_per_s = measured;
  return due;
}

void ShareBalancer::adopt(const std::vector<int>& memberSlots, const std::vector<double>& measured) {
  if (!measured_) {
    // Planned shares become tokens/s: slots outside the group keep their proportion.
    double basisSum = 0.0;
    double measuredSum = 0.0;
    for (std::size_t i = 0; i < memberSlots.size(); ++i) {
      basisSum += speed_.at(static_cast<std::size_t>(memberSlots[i]));
      measuredSum += measured.at(i);
    }
    if (basisSum > 0.0) {
      for (double& speed : speed_) speed *= measuredSum / basisSum;
    }
    measured_ = true;
  }
  for (std::size_t i = 0; i < memberSlots.size(); ++i) speed_.at(static_cast<std::size_t>(memberSlots[i])) = measured.at(i);
}

}  // namespace archi
