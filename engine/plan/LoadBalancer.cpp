#include "plan/LoadBalancer.h"

#include <algorithm>
#include <cmath>

namespace archi {

std::optional<std::vector<int>> apportionShares(const std::vector<ShareRequest>& devices, int totalSequences) {
  const std::size_t n = devices.size();
  std::vector<int> shares(n, 0);
  if (totalSequences <= 0) return shares;
  long long capacity = 0;
  for (const ShareRequest& d : devices) capacity += std::max(0, d.max_sequences);
  if (capacity < totalSequences) return std::nullopt;

  // Water-filling: devices whose proportional share exceeds their cap are pinned at the cap
  // and the rest is shared again among the others, until no ideal share exceeds its cap.
  std::vector<bool> pinned(n, false);
  std::vector<double> ideal(n, 0.0);
  for (bool changed = true; changed;) {
    changed = false;
    double freeSpeed = 0.0;
    int remaining = totalSequences;
    for (std::size_t i = 0; i < n; ++i) {
      if (devices[i].max_sequences <= 0 || devices[i].tokens_per_s <= 0.0) {
        pinned[i] = true;
        ideal[i] = 0.0;
      }
      if (pinned[i]) {
        remaining -= static_cast<int>(ideal[i]);
      } else {
        freeSpeed += devices[i].tokens_per_s;
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (pinned[i]) continue;
      ideal[i] = freeSpeed > 0.0 ? remaining * devices[i].tokens_per_s / freeSpeed : 0.0;
      if (ideal[i] > devices[i].max_sequences) {
        ideal[i] = devices[i].max_sequences;
        pinned[i] = true;
        changed = true;
      }
    }
  }

  // Rounding: floors first, then each remaining sequence to the device that would still finish
  // its step soonest with it, (share + 1) / speed, among those with room. This minimises the
  // slowest device's step time, the figure the whole datacenter waits for; largest-remainder
  // rounding can hand the last sequence to a slow device and stretch every step by a sequence
  // of it. Ties go to the larger fractional part, then to the earlier device.
  int assigned = 0;
  for (std::size_t i = 0; i < n; ++i) {
    shares[i] = static_cast<int>(std::floor(ideal[i] + 1e-9));
    assigned += shares[i];
  }
  while (assigned < totalSequences) {
    std::size_t best = n;
    double bestFinish = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      if (shares[i] >= devices[i].max_sequences || devices[i].tokens_per_s <= 0.0) continue;
      const double finish = (shares[i] + 1) / devices[i].tokens_per_s;
      const bool earlier = best == n || finish < bestFinish * (1.0 - 1e-12) ||
                           (finish <= bestFinish * (1.0 + 1e-12) && ideal[i] - shares[i] > ideal[best] - shares[best] + 1e-12);
      if (earlier) {
        best = i;
        bestFinish = finish;
      }
    }
    if (best == n) break;  // unreachable: capacity was checked above
    ++shares[best];
    ++assigned;
  }
  return shares;
}

std::vector<int> equalShares(int deviceCount, int totalSequences) {
  std::vector<int> shares(static_cast<std::size_t>(std::max(0, deviceCount)), 0);
  for (int i = 0; i < totalSequences && deviceCount > 0; ++i) ++shares[static_cast<std::size_t>(i % deviceCount)];
  return shares;
}

bool needsRebalance(const std::vector<double>& planned, const std::vector<double>& measured, double tolerance) {
  for (std::size_t i = 0; i < planned.size() && i < measured.size(); ++i) {
    if (planned[i] <= 0.0) continue;
    if (std::fabs(measured[i] - planned[i]) / planned[i] > tolerance) return true;
  }
  return false;
}

}  // namespace archi
