#pragma once
// The framed, versioned WAN protocol. Every message is a 36-byte little-endian header
//   0 magic "AWAN" | 4 version u8 | 5 type u8 | 6 wire format u8 | 7 flags u8 (0)
//   8 round u64 | 16 fragment u32 | 20 chunk u32 | 24 payload length u32 | 28 epoch u64
// followed by the payload. The epoch names the group formation a frame belongs to (0 for the
// handshakes before a group exists); a group refuses frames of any other epoch. Bytes from a peer are untrusted: parsing returns an error that
// names the byte offset in the stream instead of trusting a length or a type.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "comm/wan/WireFormat.h"
#include "core/ByteCodec.h"

namespace archi::wan {

inline constexpr std::uint8_t kProtocolVersion = 2;
inline constexpr std::size_t kFrameHeaderBytes = 36;
// Frames that carry no values (every type but ReduceChunk and GatherChunk) are small: a hello is
// 20 bytes, an abort reason is cut to this. A larger one is refused from its header, before its
// payload is buffered (docs/architecture.md#limits-on-outside-input).
inline constexpr std::uint32_t kMaxControlPayloadBytes = 4096;

enum class FrameType : std::uint8_t {
  Hello = 1,        // dialer -> acceptor: rank, world size, stream index and count, chunk size
  HelloAck = 2,     // acceptor -> dialer: the stream is admitted
  Weight = 3,       // a leader's weight (tokens) and element count for this round
  ReduceChunk = 4,  // a leader's scaled contribution to one chunk of the owner's fragment
  GatherChunk = 5,  // the owner's reduced values of one chunk of its fragment
  Abort = 6,        // the sender gives up (reason as UTF-8); the receiver fails the round
  Knock = 7,        // a leader outside the group asks to be let in (hello payload); answered by HelloAck
  View = 8,         // while re-forming: which leaders the sender reached, its state version and last epoch
  Confirm = 9,      // while re-forming: the member set and epoch the sender chose
};

std::string_view toString(FrameType type);

struct FrameHeader {
  FrameType type = FrameType::Hello;
  WireFormat format = WireFormat::Fp32;
  std::uint64_t round = 0;
  std::uint32_t fragment = 0;
  std::uint32_t chunk = 0;
  std::uint32_t payload_bytes = 0;
  std::uint64_t epoch = 0;
};

struct Frame {
  FrameHeader header;
  std::vector<std::uint8_t> payload;
};

struct FrameError {
  std::uint64_t byteOffset = 0;  // offset in the stream where the bad field starts
  std::string message;
};

// Header + payload as one buffer; header.payload_bytes is set from the payload.
std::vector<std::uint8_t> encodeFrame(FrameHeader header, std::span<const std::uint8_t> payload);

// Parses exactly kFrameHeaderBytes bytes that start at `streamOffset` in the stream. A payload
// may be up to `maxPayloadBytes` for a chunk of values, kMaxControlPayloadBytes for the rest.
std::variant<FrameHeader, FrameError> parseFrameHeader(std::span<const std::uint8_t> bytes,
                                                       std::uint32_t maxPayloadBytes,
                                                       std::uint64_t streamOffset);

// Reassembles frames from a byte stream that arrives in arbitrary pieces.
class FrameAssembler {
 public:
  explicit FrameAssembler(std::uint32_t maxPayloadBytes) : maxPayloadBytes_(maxPayloadBytes) {}

  void append(std::span<const std::uint8_t> bytes);
  // A complete frame, an error (the stream is then unusable), or monostate: need more bytes.
  std::variant<std::monostate, Frame, FrameError> next();
  // At end of stream: an error when a frame was cut off, naming how much of it arrived.
  std::optional<FrameError> finish() const;
  std::uint64_t streamOffset() const { return consumed_; }

 private:
  std::uint32_t maxPayloadBytes_;
  std::vector<std::uint8_t> buffer_;
  std::size_t readOffset_ = 0;
  std::uint64_t consumed_ = 0;  // stream bytes before buffer_[readOffset_]
  std::optional<FrameHeader> pendingHeader_;
};

// Payload fields are little-endian, written with the project's byte codec.
using le::getF64;
using le::getU32;
using le::getU64;
using le::putF64;
using le::putU32;
using le::putU64;

}  // namespace archi::wan
