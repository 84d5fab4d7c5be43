#include "comm/wan/WireFormat.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <vector>

namespace archi::wan {
namespace {

static_assert(std::endian::native == std::endian::little, "the wire format is little-endian; add byte swapping");

std::uint16_t toBf16(float value) {
  std::uint32_t bits = std::bit_cast<std::uint32_t>(value);
  if (std::isnan(value)) return static_cast<std::uint16_t>((bits >> 16) | 0x40);  // stay a (quiet) NaN
  bits += 0x7fff + ((bits >> 16) & 1);  // round to nearest, ties to even
  return static_cast<std::uint16_t>(bits >> 16);
}

float fromBf16(std::uint16_t half) { return std::bit_cast<float>(static_cast<std::uint32_t>(half) << 16); }

// One int8 block: scale then bytes. Returns bytes written.
std::size_t encodeInt8Block(std::span<const float> block, std::uint8_t* out) {
  float largest = 0.0f;
  for (float v : block) largest = std::max(largest, std::fabs(v));
  const float scale = largest / 127.0f;
  std::memcpy(out, &scale, sizeof scale);
  const float inverse = largest > 0.0f ? 127.0f / largest : 0.0f;
  for (std::size_t i = 0; i < block.size(); ++i) {
    const float q = std::clamp(std::nearbyint(block[i] * inverse), -127.0f, 127.0f);
    out[sizeof scale + i] = static_cast<std::uint8_t>(static_cast<std::int8_t>(q));
  }
  return sizeof scale + block.size();
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

bool isKnownWireFormat(std::uint8_t value) { return value <= static_cast<std::uint8_t>(WireFormat::Int8Block); }

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
      std::memcpy(out.data(), values.data(), values.size_bytes());
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
        cursor += encodeInt8Block(values.subspan(start, std::min(kInt8BlockElements, values.size() - start)), cursor);
      }
      return;
    }
  }
}

void encodeWithErrorFeedback(WireFormat format, std::span<const float> values, std::span<float> residual,
                             std::span<std::uint8_t> out) {
  if (format == WireFormat::Fp32) {
    // fp32 is exact: whatever residual remains from a lossy earlier round goes out now.
    std::vector<float> corrected(values.begin(), values.end());
    for (std::size_t i = 0; i < values.size(); ++i) corrected[i] += residual[i];
    encodeValues(format, corrected, out);
    std::fill(residual.begin(), residual.end(), 0.0f);
    return;
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
    decodeValues(format, piece, std::span<float>(decoded.data(), n));
    for (std::size_t i = 0; i < n; ++i) residual[start + i] = corrected[i] - decoded[i];
    outOffset += bytes;
  }
}

std::optional<std::string> decodeValues(WireFormat format, std::span<const std::uint8_t> bytes, std::span<float> out) {
  const std::size_t expected = encodedBytes(format, out.size());
  if (bytes.size() != expected) {
    return std::string(toString(format)) + " payload of " + std::to_string(bytes.size()) + " bytes for " +
           std::to_string(out.size()) + " values (expected " + std::to_string(expected) + " bytes)";
  }
  switch (format) {
    case WireFormat::Fp32:
      std::memcpy(out.data(), bytes.data(), bytes.size());
      return std::nullopt;
    case WireFormat::Bf16:
      for (std::size_t i = 0; i < out.size(); ++i) {
        std::uint16_t half = 0;
        std::memcpy(&half, bytes.data() + 2 * i, sizeof half);
        out[i] = fromBf16(half);
      }
      return std::nullopt;
    case WireFormat::Int8Block: {
      std::size_t offset = 0;
      for (std::size_t start = 0; start < out.size(); start += kInt8BlockElements) {
        const std::size_t n = std::min(kInt8BlockElements, out.size() - start);
        float scale = 0.0f;
        std::memcpy(&scale, bytes.data() + offset, sizeof scale);
        if (!std::isfinite(scale) || scale < 0.0f) {
          return "int8 block scale at byte offset " + std::to_string(offset) + " is " + std::to_string(scale) +
                 " (must be finite and non-negative)";
        }
        offset += sizeof scale;
        for (std::size_t i = 0; i < n; ++i) {
          out[start + i] = static_cast<float>(static_cast<std::int8_t>(bytes[offset + i])) * scale;
        }
        offset += n;
      }
      return std::nullopt;
    }
  }
  return "unknown wire format";
}

}  // namespace archi::wan
