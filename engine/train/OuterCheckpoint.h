#pragma once
// A datacenter leader's share of the run's global state (docs/architecture.md#checkpoints):
// what DiLoCo's outer loop holds beside the inner trainer — the global parameters after the
// last outer step, the outer Nesterov momentum, how new that state is (its version), the
// run's merged token count and round, the tokens trained while outside the WAN group, and
// whose contributions the state merged. Written with the datacenter's inner checkpoint, so a
// resumed or restarted leader continues the run instead of starting from fresh parameters.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace archi {

inline constexpr std::uint32_t kOuterCheckpointFormat = 1;

struct OuterState {
  std::uint64_t version = 0;          // outer steps applied to `global`
  std::int64_t round = 0;             // outer rounds this datacenter went through
  std::int64_t globalTokens = 0;      // every datacenter's merged tokens
  std::int64_t unsyncedTokens = 0;    // trained since `global` while left out of the WAN group
  std::vector<float> global;          // global parameters
  std::vector<float> momentum;        // outer momentum, one per parameter
  std::vector<std::uint64_t> mergedFrom;  // by leader rank: 1 + version of its last merged contribution
  bool operator==(const OuterState&) const = default;
};

struct OuterStateLoad {
  std::optional<OuterState> state;
  std::string error;
};

// Throws std::runtime_error naming the path on I/O failure.
void saveOuterState(const std::filesystem::path& path, const OuterState& state);
// Refuses a missing, truncated, corrupted or foreign file, and one whose parameter count is
// not `parameters` or whose leader count is not `leaders` (a checkpoint of another run shape).
OuterStateLoad loadOuterState(const std::filesystem::path& path, std::size_t parameters, std::size_t leaders);

}  // namespace archi
