#include "plan/LoadBalancer.h"

#include <algorithm>
#include <cmath>
#include <numeric>

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

  // Largest remainder: floors first, then one more sequence to the largest fractional parts
  // among devices that still have room.
  int assigned = 0;
  for (std::size_t i = 0; i < n; ++i) {
    shares[i] = static_cast<int>(std::floor(ideal[i] + 1e-9));
    assigned += shares[i];
  }
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return (ideal[a] - shares[a]) > (ideal[b] - shares[b]);
  });
  for (std::size_t k = 0; assigned < totalSequences; k = (k + 1) % n) {
    const std::size_t i = order[k];
    if (shares[i] < devices[i].max_sequences && devices[i].tokens_per_s > 0.0) {
      ++shares[i];
      ++assigned;
    }
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
