#include "comm/wan/Frame.h"

#include <algorithm>
#include <cstring>

namespace archi::wan {
namespace {

constexpr std::uint8_t kMagic[4] = {'A', 'W', 'A', 'N'};

}  // namespace

std::string_view toString(FrameType type) {
  switch (type) {
    case FrameType::Hello:
      return "hello";
    case FrameType::HelloAck:
      return "hello-ack";
    case FrameType::Weight:
      return "weight";
    case FrameType::ReduceChunk:
      return "reduce-chunk";
    case FrameType::GatherChunk:
      return "gather-chunk";
    case FrameType::Abort:
      return "abort";
    case FrameType::Knock:
      return "knock";
    case FrameType::View:
      return "view";
    case FrameType::Confirm:
      return "confirm";
  }
  return "unknown";
}

std::vector<std::uint8_t> encodeFrame(FrameHeader header, std::span<const std::uint8_t> payload) {
  // One buffer of the final size, fields stored at their offsets (see Frame.h).
  std::vector<std::uint8_t> out(kFrameHeaderBytes + payload.size());
  std::memcpy(out.data(), kMagic, sizeof kMagic);
  out[4] = kProtocolVersion;
  out[5] = static_cast<std::uint8_t>(header.type);
  out[6] = static_cast<std::uint8_t>(header.format);
  out[7] = 0;
  const std::span<std::uint8_t> fields(out);
  le::store(fields, 8, header.round);
  le::store(fields, 16, header.fragment);
  le::store(fields, 20, header.chunk);
  le::store(fields, 24, static_cast<std::uint32_t>(payload.size()));
  le::store(fields, 28, header.epoch);
  if (!payload.empty()) std::memcpy(out.data() + kFrameHeaderBytes, payload.data(), payload.size());
  return out;
}

std::variant<FrameHeader, FrameError> parseFrameHeader(std::span<const std::uint8_t> bytes,
                                                       std::uint32_t maxPayloadBytes,
                                                       std::uint64_t streamOffset) {
  if (bytes.size() != kFrameHeaderBytes) {
    return FrameError{streamOffset, "frame header of " + std::to_string(bytes.size()) +
                                        " bytes (expected " + std::to_string(kFrameHeaderBytes) +
                                        ")"};
  }
  if (std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
    return FrameError{
        streamOffset,
        "bad frame magic (not an Archipelago WAN peer, or the stream lost its framing)"};
  }
  if (bytes[4] != kProtocolVersion) {
    return FrameError{streamOffset + 4, "unsupported protocol version " + std::to_string(bytes[4]) +
                                            " (this build speaks version " +
                                            std::to_string(kProtocolVersion) +
                                            "; run the same archi version on every leader)"};
  }
  if (bytes[5] < static_cast<std::uint8_t>(FrameType::Hello) ||
      bytes[5] > static_cast<std::uint8_t>(FrameType::Confirm)) {
    return FrameError{streamOffset + 5, "unknown frame type " + std::to_string(bytes[5])};
  }
  if (!isKnownWireFormat(bytes[6])) {
    return FrameError{streamOffset + 6, "unknown wire format " + std::to_string(bytes[6])};
  }
  if (bytes[7] != 0) {
    return FrameError{streamOffset + 7,
                      "reserved flags byte is " + std::to_string(bytes[7]) + " (must be 0)"};
  }
  FrameHeader header;
  header.type = static_cast<FrameType>(bytes[5]);
  header.format = static_cast<WireFormat>(bytes[6]);
  header.round = le::get<std::uint64_t>(bytes, 8);
  header.fragment = le::get<std::uint32_t>(bytes, 16);
  header.chunk = le::get<std::uint32_t>(bytes, 20);
  header.payload_bytes = le::get<std::uint32_t>(bytes, 24);
  header.epoch = le::get<std::uint64_t>(bytes, 28);
  const bool carriesValues = header.type == FrameType::ReduceChunk || header.type == FrameType::GatherChunk;
  const std::uint32_t limit = carriesValues ? maxPayloadBytes : std::min(maxPayloadBytes, kMaxControlPayloadBytes);
  if (header.payload_bytes > limit) {
    return FrameError{streamOffset + 24, "payload length " + std::to_string(header.payload_bytes) +
                                             " bytes exceeds the limit of " + std::to_string(limit) +
                                             " for a " + std::string(toString(header.type)) + " frame"};
  }
  return header;
}

void FrameAssembler::append(std::span<const std::uint8_t> bytes) {
  if (readOffset_ > 0 && readOffset_ * 2 >= buffer_.size()) {
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(readOffset_));
    readOffset_ = 0;
  }
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
}

std::variant<std::monostate, Frame, FrameError> FrameAssembler::next() {
  const std::span<const std::uint8_t> available(buffer_.data() + readOffset_,
                                                buffer_.size() - readOffset_);
  if (!pendingHeader_) {
    if (available.size() < kFrameHeaderBytes) return std::monostate{};
    auto parsed = parseFrameHeader(available.first(kFrameHeaderBytes), maxPayloadBytes_, consumed_);
    if (auto* error = std::get_if<FrameError>(&parsed)) return *error;
    pendingHeader_ = std::get<FrameHeader>(parsed);
  }
  const std::size_t total = kFrameHeaderBytes + pendingHeader_->payload_bytes;
  if (available.size() < total) return std::monostate{};
  Frame frame;
  frame.header = *pendingHeader_;
  frame.payload.assign(available.begin() + kFrameHeaderBytes,
                       available.begin() + static_cast<std::ptrdiff_t>(total));
  pendingHeader_.reset();
  readOffset_ += total;
  consumed_ += total;
  return frame;
}

std::optional<FrameError> FrameAssembler::finish() const {
  const std::size_t buffered = buffer_.size() - readOffset_;
  if (buffered == 0) return std::nullopt;
  const std::size_t expected =
      pendingHeader_ ? kFrameHeaderBytes + pendingHeader_->payload_bytes : kFrameHeaderBytes;
  return FrameError{consumed_ + buffered,
                    "stream ended inside a frame: " + std::to_string(buffered) + " of " +
                        std::to_string(expected) + (pendingHeader_ ? " frame" : " header") +
                        " bytes arrived"};
}

}  // namespace archi::wan
