#include "comm/wan/SyntheticGradient.h"

namespace archi::wan {
namespace {

std::uint64_t splitMix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

std::vector<float> syntheticPseudoGradient(std::uint64_t seed, int rank, std::uint64_t round,
                                           std::size_t elements) {
  std::uint64_t state =
      seed * 0x100000001b3ULL + static_cast<std::uint64_t>(rank) * 0x9e3779b97f4a7c15ULL + round;
  std::vector<float> values(elements);
  for (std::size_t i = 0; i < elements; ++i) {
    const double unit = static_cast<double>(splitMix64(state) >> 11) * 0x1.0p-53;  // [0, 1)
    const double magnitude =
        1e-3 * static_cast<double>(1 + (i / 256 + static_cast<std::size_t>(rank)) % 7);
    values[i] = static_cast<float>((2.0 * unit - 1.0) * magnitude);
  }
  return values;
}

double syntheticWeight(int rank, std::uint64_t round) {
  return 4096.0 * static_cast<double>(rank + 1) + 128.0 * static_cast<double>(round % 5);
}

}  // namespace archi::wan
