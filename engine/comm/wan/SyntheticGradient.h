#pragma once
// Deterministic stand-in pseudo-gradients for tests and benchmarks (labelled synthetic):
// every process computes the same values from (seed, rank, round), so a test can rebuild
// each leader's contribution and check the all-reduce against a serial sum.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace archi::wan {

// Values in (-m, m) where the magnitude m varies per 256-value block between 1e-3 and 7e-3,
// like gradients of layers with different scales. round 0 means "the same every round".
std::vector<float> syntheticPseudoGradient(std::uint64_t seed, int rank, std::uint64_t round,
                                           std::size_t elements);

// Tokens a leader processed in a round: differs per rank so that weighting matters.
double syntheticWeight(int rank, std::uint64_t round);

}  // namespace archi::wan
