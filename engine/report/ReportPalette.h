#pragma once
// The datacenter colours of every chart, the console's canvas and the report (UI.md "Visual
// language"): Tableau 10 in project order, reds and greens last so they are not mistaken for
// an error or for NVIDIA. Header-only so that the console's VisualStyle reads the same table.

#include <array>
#include <cstddef>
#include <cstdint>

namespace archi::report {

inline constexpr std::array<std::uint32_t, 10> kDatacenterRgb = {0x4E79A7, 0xF28E2B, 0x76B7B2, 0xB07AA1, 0x9C755F,
                                                                 0xEDC948, 0xFF9DA7, 0xBAB0AC, 0x59A14F, 0xE15759};

// 0xRRGGBB of the datacenter at `index` in the project (negative reads as 0).
constexpr std::uint32_t datacenterRgb(int index) {
  return kDatacenterRgb[static_cast<std::size_t>(index < 0 ? 0 : index) % kDatacenterRgb.size()];
}

// The step-time components, apart from the datacenter colours: compute is the busy blue,
// the WAN amber (a round waiting on a link), idle the "not doing anything" grey.
inline constexpr std::uint32_t kComputeRgb = 0x2F80ED;
inline constexpr std::uint32_t kIntraRgb = 0x1E9E6A;
inline constexpr std::uint32_t kWanRgb = 0xE09B00;
inline constexpr std::uint32_t kIdleRgb = 0x8A8F98;

}  // namespace archi::report
