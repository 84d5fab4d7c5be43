#pragma once
// Speed-proportional work shares inside a datacenter (docs/architecture.md#planning): each device
// gets a number of sequences per step proportional to its speed, rounded by largest remainder so
// the total is exact, and never more than its memory allows.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace archi {

struct ShareRequest {
  double tokens_per_s = 0.0;  // > 0
  int max_sequences = 0;      // memory cap per step; <= 0 means the device cannot take part
};

// Returns sequences per device summing to `totalSequences`, or nullopt when the devices'
// memory caps together cannot hold that many.
std::optional<std::vector<int>> apportionShares(const std::vector<ShareRequest>& devices, int totalSequences);

// Even split (what naive data parallel does), still respecting the total exactly.
std::vector<int> equalShares(int deviceCount, int totalSequences);

// True when any device's measured speed differs from the speed its share was planned for by
// more than `tolerance` (0.10 = 10%): thermal throttling, a noisy neighbour.
bool needsRebalance(const std::vector<double>& plannedTokensPerS, const std::vector<double>& measuredTokensPerS,
                    double tolerance = 0.10);

}  // namespace archi
