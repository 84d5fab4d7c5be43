#pragma once
// The one byte codec of the wire and file formats: integers and doubles put into and read
// from byte buffers in an explicit byte order, by shifts, so a format reads the same on any
// host. Little-endian (le::) for WAN frames and checkpoints; big-endian (be::) for the
// rendezvous key-value protocol. Readers take an offset the caller has bounds-checked.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>
#include <vector>

namespace archi {

namespace le {

template <typename U>
void put(std::vector<std::uint8_t>& out, U value) {
  static_assert(std::is_unsigned_v<U>, "cast signed fields to their unsigned type");
  for (std::size_t i = 0; i < sizeof(U); ++i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

template <typename U>
void store(std::span<std::uint8_t> bytes, std::size_t offset, U value) {
  static_assert(std::is_unsigned_v<U>, "cast signed fields to their unsigned type");
  for (std::size_t i = 0; i < sizeof(U); ++i) bytes[offset + i] = static_cast<std::uint8_t>(value >> (8 * i));
}

template <typename U>
U get(std::span<const std::uint8_t> bytes, std::size_t offset) {
  static_assert(std::is_unsigned_v<U>, "cast signed fields to their unsigned type");
  U value = 0;
  for (std::size_t i = 0; i < sizeof(U); ++i) value |= static_cast<U>(static_cast<U>(bytes[offset + i]) << (8 * i));
  return value;
}

inline void putU32(std::vector<std::uint8_t>& out, std::uint32_t value) { put(out, value); }
inline void putU64(std::vector<std::uint8_t>& out, std::uint64_t value) { put(out, value); }
inline void putF64(std::vector<std::uint8_t>& out, double value) { put(out, std::bit_cast<std::uint64_t>(value)); }
inline std::uint32_t getU32(std::span<const std::uint8_t> bytes, std::size_t offset) {
  return get<std::uint32_t>(bytes, offset);
}
inline std::uint64_t getU64(std::span<const std::uint8_t> bytes, std::size_t offset) {
  return get<std::uint64_t>(bytes, offset);
}
inline double getF64(std::span<const std::uint8_t> bytes, std::size_t offset) {
  return std::bit_cast<double>(get<std::uint64_t>(bytes, offset));
}

// `count` floats from `bytes` at `offset` (IEEE-754 binary32, little-endian).
inline void getF32s(std::span<const std::uint8_t> bytes, std::size_t offset, std::span<float> out) {
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = std::bit_cast<float>(get<std::uint32_t>(bytes, offset + 4 * i));
}

}  // namespace le

namespace be {

template <typename U>
void put(std::vector<std::uint8_t>& out, U value) {
  static_assert(std::is_unsigned_v<U>, "cast signed fields to their unsigned type");
  for (std::size_t i = sizeof(U); i-- > 0;) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

template <typename U>
void store(std::span<std::uint8_t> bytes, std::size_t offset, U value) {
  static_assert(std::is_unsigned_v<U>, "cast signed fields to their unsigned type");
  for (std::size_t i = 0; i < sizeof(U); ++i)
    bytes[offset + i] = static_cast<std::uint8_t>(value >> (8 * (sizeof(U) - 1 - i)));
}

template <typename U>
U get(std::span<const std::uint8_t> bytes, std::size_t offset) {
  static_assert(std::is_unsigned_v<U>, "cast signed fields to their unsigned type");
  U value = 0;
  for (std::size_t i = 0; i < sizeof(U); ++i) value = static_cast<U>((value << 8) | bytes[offset + i]);
  return value;
}

inline void putU16(std::vector<std::uint8_t>& out, std::uint16_t value) { put(out, value); }
inline void putU32(std::vector<std::uint8_t>& out, std::uint32_t value) { put(out, value); }
inline std::uint16_t getU16(std::span<const std::uint8_t> bytes, std::size_t offset) {
  return get<std::uint16_t>(bytes, offset);
}
inline std::uint32_t getU32(std::span<const std::uint8_t> bytes, std::size_t offset) {
  return get<std::uint32_t>(bytes, offset);
}

}  // namespace be

}  // namespace archi
