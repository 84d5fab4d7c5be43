#pragma once
// Wire formats of pseudo-gradients (issue 4): fp32 (exact), bf16 (round to nearest even)
// and int8 blockwise — each block of kInt8BlockElements values is sent as one fp32 scale
// (max |v| / 127) followed by one signed byte per value. Error feedback keeps what the
// wire lost, in fp32, on the sender, and adds it to the next round's values.
//
// Written error bounds, per value v in a block whose largest magnitude is m:
//   int8: |v - decoded| <= m / 254 (half a quantisation step), up to fp32 rounding;
//   bf16: |v - decoded| <= |v| * 2^-8 (half a unit in the last place of 8 significant bits).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "comm/collective/OuterGroup.h"

namespace archi::wan {

// The outer group's value formats (comm/collective/OuterGroup.h), as the wire numbers them.
using WireFormat = comm::ValueFormat;

inline constexpr std::size_t kInt8BlockElements = 256;

std::string_view toString(WireFormat format);
std::optional<WireFormat> parseWireFormat(std::string_view text);
bool isKnownWireFormat(std::uint8_t value);

// Bytes that `elements` values occupy on the wire in `format`.
std::size_t encodedBytes(WireFormat format, std::size_t elements);

// `out` must hold exactly encodedBytes(format, values.size()) bytes.
void encodeValues(WireFormat format, std::span<const float> values, std::span<std::uint8_t> out);

// Encodes values + residual and leaves in `residual` what the wire could not carry
// ((values + residual) - decoded), so that over rounds nothing is lost for good. Returns an
// error when a corrected value does not survive the format (e.g. bf16 rounds it to infinity).
std::optional<std::string> encodeWithErrorFeedback(WireFormat format, std::span<const float> values,
                                                   std::span<float> residual,
                                                   std::span<std::uint8_t> out);

// Decodes untrusted bytes; returns an error naming the byte offset when the size does not
// match `out` or an int8 block scale is negative or not finite.
std::optional<std::string> decodeValues(WireFormat format, std::span<const std::uint8_t> bytes,
                                        std::span<float> out);

}  // namespace archi::wan
