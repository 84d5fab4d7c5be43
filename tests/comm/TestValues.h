#pragma once
// Deterministic test data shared by the Gloo rank helper and the tests that check its
// results: integer-valued floats in [-1000, 1000], so sums of a few ranks are exact.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace archi::test {

inline std::uint64_t splitMix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

inline std::vector<float> rankValues(std::uint64_t seed, int rank, std::size_t count) {
  std::vector<float> values(count);
  std::uint64_t state = splitMix64(seed * 0x100000001b3ull + static_cast<std::uint64_t>(rank));
  for (std::size_t i = 0; i < count; ++i) {
    state = splitMix64(state);
    values[i] = static_cast<float>(static_cast<int>(state % 2001) - 1000);
  }
  return values;
}

}  // namespace archi::test
