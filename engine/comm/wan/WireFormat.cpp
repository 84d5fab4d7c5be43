#include "comm/wan/WireFormat.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

namespace archi::wan {
namespace {

static_assert(std::endian::native == std::endian::little,
              "the wire format is little-endian; add byte swapping");

std::uint16_t toBf16(float value) {
  std::uint32_t bits = std::bit_cast<std::uint32_t>(value);
  if (std::isnan(value))
    return static_cast<std::uint16_t>((bits >> 16) | 0x40);  // stay a (quiet) NaN
  bits += 0x7fff + ((bits >> 16) & 1);                       // round to nearest, ties to even
  return static_cast<std::uint16_t>(bits >> 16);
}

float fromBf16(std::uint16_t half) {
  return std::bit_cast<float>(static_cast<std::uint32_t>(half) << 16);
}

// Largest |v| through the float bits with the sign cleared: for finite values their order
// as unsigned integers is their order as magnitudes, and an integer max vectorises.
float largestMagnitude(const float* values, std::size_t count) {
  std::uint32_t largest = 0;
  for (std::size_t i = 0; i < count; ++i) {
    largest = std::max(largest, std::bit_cast<std::uint32_t>(values[i]) & 0x7fffffffu);
  }
  return std::bit_cast<float>(largest);
}

// Round half away from zero by hand: an add and a truncation vectorise, where nearbyint is
// a library call per value on baseline x86-64.
void quantise(const float* values, std::size_t count, float inverse, std::int8_t* out) {
  for (std::size_t i = 0; i < count; ++i) {
    const float x = std::min(127.0f, std::max(-127.0f, values[i] * inverse));
    out[i] = static_cast<std::int8_t>(static_cast<int>(x + std::copysign(0.5f, x)));
  }
}

// One int8 block: scale then bytes. Returns bytes written.
std::size_t encodeInt8Block(std::span<const float> block, std::uint8_t* out) {
  // Full blocks take the fixed-count path that the compiler unrolls and vectorises.
  const bool full = block.size() == kInt8BlockElements;
  const float largest = full ? largestMagnitude(block.data(), kInt8BlockElements)
                             : largestMagnitude(block.data(), block.size());
  const float scale = largest / 127.0f;
  std::memcpy(out, &scale, sizeof scale);
  const float inverse = largest > 0.0f ? 127.0f / largest : 0.0f;
  auto* bytes = reinterpret_cast<std::int8_t*>(out + sizeof scale);
  if (full) {
    quantise(block.data(), kInt8BlockElements, inverse, bytes);
  } else {
    quantise(block.data(), block.size(), inverse, bytes);
  }
  return sizeof scale + block.size();
}

constexpr float kLargestScale = std::numeric_limits<float>::max() / 127.0f;
constexpr float kExactScale = std::numeric_limits<float>::max() / 128.0f;  // every int8 times it is finite

// Decoded values from a peer end up in every datacenter's model: refuse NaN and infinity.
std::optional<std::string> firstNonFinite(std::span<const float> values,
                                          std::size_t bytesPerValue) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      return "value " + std::to_string(i) + " at byte offset " + std::to_string(i * bytesPerValue) +
             " is not finite";
    }
  }
  return std::nullopt;
}

}  // namespace

std::string_view toString(WireFormat format) {
  switch (format) {
    case WireFormat::Fp32:
      return "fp32";
    case WireFormat::Bf16:
      return "bf16";
    case WireFormat::Int8Block:
      return "int8";
  }
  return "unknown";
}

std::optional<WireFormat> parseWireFormat(std::string_view text) {
  for (WireFormat format : {WireFormat::Fp32, WireFormat::Bf16, WireFormat::Int8Block}) {
    if (text == toString(format)) return format;
  }
  return std::nullopt;
}

bool isKnownWireFormat(std::uint8_t value) {
  return value <= static_cast<std::uint8_t>(WireFormat::Int8Block);
}

std::size_t encodedBytes(WireFormat format, std::size_t elements) {
  switch (format) {
    case WireFormat::Fp32:
      return elements * sizeof(float);
    case WireFormat::Bf16:
      return elements * sizeof(std::uint16_t);
    case WireFormat::Int8Block:
      return elements + sizeof(float) * ((elements + kInt8BlockElements - 1) / kInt8BlockElements);
  }
  return 0;
}

void encodeValues(WireFormat format, std::span<const float> values, std::span<std::uint8_t> out) {
  switch (format) {
    case WireFormat::Fp32:
      if (!values.empty()) std::memcpy(out.data(), values.data(), values.size_bytes());
      return;
    case WireFormat::Bf16:
      for (std::size_t i = 0; i < values.size(); ++i) {
        const std::uint16_t half = toBf16(values[i]);
        std::memcpy(out.data() + 2 * i, &half, sizeof half);
      }
      return;
    case WireFormat::Int8Block: {
      std::uint8_t* cursor = out.data();
      for (std::size_t start = 0; start < values.size(); start += kInt8BlockElements) {
        cursor += encodeInt8Block(
            values.subspan(start, std::min(kInt8BlockElements, values.size() - start)), cursor);
      }
      return;
    }
  }
}

std::optional<std::string> encodeWithErrorFeedback(WireFormat format, std::span<const float> values,
                                                   std::span<float> residual,
                                                   std::span<std::uint8_t> out) {
  if (format == WireFormat::Fp32) {
    // fp32 is exact: whatever residual remains from a lossy earlier round goes out now.
    std::vector<float> corrected(values.begin(), values.end());
    for (std::size_t i = 0; i < values.size(); ++i) corrected[i] += residual[i];
    encodeValues(format, corrected, out);
    std::fill(residual.begin(), residual.end(), 0.0f);
    return std::nullopt;
  }
  // Block by block so the corrected values stay in cache between encoding and measuring.
  constexpr std::size_t kStep = kInt8BlockElements * 16;
  std::vector<float> corrected(kStep);
  std::vector<float> decoded(kStep);
  std::size_t outOffset = 0;
  for (std::size_t start = 0; start < values.size(); start += kStep) {
    const std::size_t n = std::min(kStep, values.size() - start);
    for (std::size_t i = 0; i < n; ++i) corrected[i] = values[start + i] + residual[start + i];
    const std::size_t bytes = encodedBytes(format, n);
    const std::span<std::uint8_t> piece = out.subspan(outOffset, bytes);
    encodeValues(format, std::span<const float>(corrected.data(), n), piece);
    if (auto error = decodeValues(format, piece, std::span<float>(decoded.data(), n))) {
      return "value " + std::to_string(start) + ".." + std::to_string(start + n) + ": " + *error;
    }
    for (std::size_t i = 0; i < n; ++i) residual[start + i] = corrected[i] - decoded[i];
    outOffset += bytes;
  }
  return std::nullopt;
}

std::optional<std::string> decodeValues(WireFormat format, std::span<const std::uint8_t> bytes,
                                        std::span<float> out) {
  const std::size_t expected = encodedBytes(format, out.size());
  if (bytes.size() != expected) {
    return std::string(toString(format)) + " payload of " + std::to_string(bytes.size()) +
           " bytes for " + std::to_string(out.size()) + " values (expected " +
           std::to_string(expected) + " bytes)";
  }
  switch (format) {
    case WireFormat::Fp32:
      if (!out.empty()) std::memcpy(out.data(), bytes.data(), bytes.size());
      return firstNonFinite(out, sizeof(float));
    case WireFormat::Bf16:
      for (std::size_t i = 0; i < out.size(); ++i) {
        std::uint16_t half = 0;
        std::memcpy(&half, bytes.data() + 2 * i, sizeof half);
        out[i] = fromBf16(half);
      }
      return firstNonFinite(out, sizeof(std::uint16_t));
    case WireFormat::Int8Block: {
      std::size_t offset = 0;
      for (std::size_t start = 0; start < out.size(); start += kInt8BlockElements) {
        const std::size_t n = std::min(kInt8BlockElements, out.size() - start);
        float scale = 0.0f;
        std::memcpy(&scale, bytes.data() + offset, sizeof scale);
        // The largest scale an encoder makes is FLT_MAX / 127; a larger one would decode to
        // infinities.
        if (!std::isfinite(scale) || scale < 0.0f || scale > kLargestScale) {
          return "int8 block scale at byte offset " + std::to_string(offset) + " is " +
                 std::to_string(scale) +
                 " (must be finite, non-negative and at most FLT_MAX / 127)";
        }
        offset += sizeof scale;
        for (std::size_t i = 0; i < n; ++i) {
          out[start + i] = static_cast<float>(static_cast<std::int8_t>(bytes[offset + i])) * scale;
        }
        // Above FLT_MAX / 128, 127 or -128 times the scale can round past FLT_MAX.
        if (scale > kExactScale) {
          for (std::size_t i = 0; i < n; ++i) {
            if (!std::isfinite(out[start + i])) {
              return "int8 value at byte offset " + std::to_string(offset + i) + " decodes to infinity (block scale " +
                     std::to_string(scale) + ")";
            }
          }
        }
        offset += n;
      }
      return std::nullopt;
    }
  }
  return "unknown wire format";
}

}  // namespace archi::wan
