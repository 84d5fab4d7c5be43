#include "comm/gloo/KvProtocol.h"

#include <fmt/core.h>

#include <algorithm>
#include <optional>

#include "core/ByteCodec.h"

namespace archi::comm::kv {
namespace {

// Sequential big-endian reader over an untrusted payload; offsets are reported frame-relative.
class PayloadReader {
 public:
  explicit PayloadReader(std::span<const std::uint8_t> payload) : payload_(payload) {}

  std::size_t frameOffset() const { return kHeaderBytes + position_; }
  std::size_t remaining() const { return payload_.size() - position_; }

  bool readU16(std::uint16_t& out) {
    if (remaining() < 2) return false;
    out = be::getU16(payload_, position_);
    position_ += 2;
    return true;
  }
  bool readU32(std::uint32_t& out) {
    if (remaining() < 4) return false;
    out = be::getU32(payload_, position_);
    position_ += 4;
    return true;
  }
  std::span<const std::uint8_t> take(std::size_t count) {
    const auto bytes = payload_.subspan(position_, count);
    position_ += count;
    return bytes;
  }

 private:
  std::span<const std::uint8_t> payload_;
  std::size_t position_ = 0;
};

DecodeError truncated(const PayloadReader& reader, const char* what) {
  return {reader.frameOffset(), fmt::format("payload ends inside the {}", what)};
}

// Reads one u16-prefixed key and checks it.
std::variant<std::string, DecodeError> readKey(PayloadReader& reader, const Limits& limits) {
  const std::size_t lengthOffset = reader.frameOffset();
  std::uint16_t length = 0;
  if (!reader.readU16(length)) return truncated(reader, "key length");
  if (length > limits.maxKeyBytes) {
    return DecodeError{lengthOffset, fmt::format("key length {} exceeds the {}-byte limit", length, limits.maxKeyBytes)};
  }
  if (reader.remaining() < length) return truncated(reader, "key");
  const std::size_t keyOffset = reader.frameOffset();
  const auto bytes = reader.take(length);
  std::string key(bytes.begin(), bytes.end());
  std::string problem = checkKey(key, limits);
  if (!problem.empty()) return DecodeError{keyOffset, std::move(problem)};
  return key;
}

std::variant<std::vector<char>, DecodeError> readValue(PayloadReader& reader, const Limits& limits) {
  const std::size_t lengthOffset = reader.frameOffset();
  std::uint32_t length = 0;
  if (!reader.readU32(length)) return truncated(reader, "value length");
  if (length > limits.maxValueBytes) {
    return DecodeError{lengthOffset,
                       fmt::format("value length {} exceeds the {}-byte limit", length, limits.maxValueBytes)};
  }
  if (reader.remaining() < length) return truncated(reader, "value");
  const auto bytes = reader.take(length);
  return std::vector<char>(bytes.begin(), bytes.end());
}

std::variant<std::vector<std::string>, DecodeError> readKeyList(PayloadReader& reader, const Limits& limits,
                                                                std::size_t maxCount, bool allowEmpty) {
  const std::size_t countOffset = reader.frameOffset();
  std::uint16_t count = 0;
  if (!reader.readU16(count)) return truncated(reader, "key count");
  if (count > maxCount || (count == 0 && !allowEmpty)) {
    return DecodeError{countOffset, fmt::format("key count {} is outside 1..{}", count, maxCount)};
  }
  std::vector<std::string> keys;
  keys.reserve(count);
  for (std::uint16_t i = 0; i < count; ++i) {
    auto key = readKey(reader, limits);
    if (auto* error = std::get_if<DecodeError>(&key)) return std::move(*error);
    keys.push_back(std::move(std::get<std::string>(key)));
  }
  return keys;
}

std::variant<std::vector<std::uint8_t>, DecodeError> readToken(PayloadReader& reader, const char* what) {
  if (reader.remaining() < kTokenBytes) return truncated(reader, what);
  const auto bytes = reader.take(kTokenBytes);
  return std::vector<std::uint8_t>(bytes.begin(), bytes.end());
}

// Error and AuthFailed: u16-prefixed text, non-printable bytes shown as '?'.
std::variant<std::string, DecodeError> readText(PayloadReader& reader) {
  const std::size_t lengthOffset = reader.frameOffset();
  std::uint16_t length = 0;
  if (!reader.readU16(length)) return truncated(reader, "error text length");
  if (length > kMaxErrorTextBytes || reader.remaining() < length) {
    return DecodeError{lengthOffset, fmt::format("error text length {} is invalid", length)};
  }
  const auto bytes = reader.take(length);
  std::string text(bytes.begin(), bytes.end());
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) c = '?';
  }
  return text;
}

std::optional<DecodeError> expectEnd(const PayloadReader& reader) {
  if (reader.remaining() == 0) return std::nullopt;
  return DecodeError{reader.frameOffset(), fmt::format("{} unexpected bytes after the payload", reader.remaining())};
}

using be::putU16;
using be::putU32;

void putKey(std::vector<std::uint8_t>& out, const std::string& key) {
  putU16(out, static_cast<std::uint16_t>(key.size()));
  out.insert(out.end(), key.begin(), key.end());
}

void putValue(std::vector<std::uint8_t>& out, std::span<const char> value) {
  putU32(out, static_cast<std::uint32_t>(value.size()));
  out.insert(out.end(), value.begin(), value.end());
}

// Starts a frame; finishFrame() fills the payload length once the payload is appended.
std::vector<std::uint8_t> startFrame(FrameKind kind, std::uint8_t version = kVersion) {
  std::vector<std::uint8_t> frame(kMagic.begin(), kMagic.end());
  frame.push_back(version);
  frame.push_back(static_cast<std::uint8_t>(kind));
  putU16(frame, 0);
  putU32(frame, 0);
  return frame;
}

std::vector<std::uint8_t> finishFrame(std::vector<std::uint8_t> frame) {
  const auto length = static_cast<std::uint32_t>(frame.size() - kHeaderBytes);
  be::store(std::span<std::uint8_t>(frame), 8, length);
  return frame;
}

}  // namespace

bool isRequest(FrameKind kind) {
  return kind == FrameKind::Set || kind == FrameKind::Get || kind == FrameKind::Wait || kind == FrameKind::Hello ||
         kind == FrameKind::Auth;
}

bool isHandshake(FrameKind kind) {
  return kind == FrameKind::Hello || kind == FrameKind::Auth || kind == FrameKind::Challenge;
}

bool isReply(FrameKind kind) {
  return kind == FrameKind::Ok || kind == FrameKind::Value || kind == FrameKind::NotFound ||
         kind == FrameKind::TimedOut || kind == FrameKind::Error || kind == FrameKind::Challenge ||
         kind == FrameKind::AuthFailed;
}

bool isWriteOnceKey(std::string_view key) { return key.find(kMutableKeySegment) == std::string_view::npos; }

std::size_t Limits::maxPayloadBytes() const {
  const std::size_t set = 2 + maxKeyBytes + 4 + maxValueBytes;
  const std::size_t wait = 4 + 2 + maxWaitKeys * (2 + maxKeyBytes);
  return std::max(set, wait);
}

std::string checkKey(const std::string& key, const Limits& limits) {
  if (key.empty()) return "empty key";
  if (key.size() > limits.maxKeyBytes) {
    return fmt::format("key of {} bytes exceeds the {}-byte limit", key.size(), limits.maxKeyBytes);
  }
  for (std::size_t i = 0; i < key.size(); ++i) {
    const auto byte = static_cast<unsigned char>(key[i]);
    if (byte < 0x21 || byte > 0x7e) {
      return fmt::format("key byte {} is 0x{:02x}; keys are printable ASCII without spaces", i, byte);
    }
  }
  return {};
}

std::variant<FrameHeader, DecodeError> decodeHeader(std::span<const std::uint8_t> header, const Limits& limits) {
  if (header.size() < kHeaderBytes) {
    return DecodeError{header.size(), fmt::format("frame header needs {} bytes, got {}", kHeaderBytes, header.size())};
  }
  for (std::size_t i = 0; i < kMagic.size(); ++i) {
    if (header[i] != kMagic[i]) {
      return DecodeError{i, "bad magic: not an Archipelago rendezvous frame (expected \"AKVS\")"};
    }
  }
  if (header[4] == kUnauthenticatedVersion) {
    return DecodeError{4, fmt::format("protocol version 1 has no authentication and is refused (this side speaks "
                                      "version {}, which proves the run's rendezvous secret): upgrade archi",
                                      kVersion)};
  }
  if (header[4] != kVersion) {
    return DecodeError{4, fmt::format("unsupported protocol version {} (this side speaks version {})", header[4],
                                      kVersion)};
  }
  const auto kind = static_cast<FrameKind>(header[5]);
  if (!isRequest(kind) && !isReply(kind)) return DecodeError{5, fmt::format("unknown frame kind 0x{:02x}", header[5])};
  if (header[6] != 0 || header[7] != 0) return DecodeError{6, "reserved flags are not zero"};
  const std::uint32_t length = be::getU32(header, 8);
  if (length > limits.maxPayloadBytes()) {
    return DecodeError{8, fmt::format("payload length {} exceeds the {}-byte limit", length, limits.maxPayloadBytes())};
  }
  return FrameHeader{kind, length};
}

std::variant<Request, DecodeError> decodeRequest(FrameKind kind, std::span<const std::uint8_t> payload,
                                                 const Limits& limits) {
  if (!isRequest(kind)) {
    return DecodeError{5, fmt::format("frame kind 0x{:02x} is not a request", static_cast<unsigned>(kind))};
  }
  PayloadReader reader(payload);
  Request request;
  request.kind = kind;
  if (kind == FrameKind::Hello || kind == FrameKind::Auth) {
    auto token = readToken(reader, kind == FrameKind::Hello ? "client nonce" : "client proof");
    if (auto* error = std::get_if<DecodeError>(&token)) return std::move(*error);
    request.token = std::move(std::get<std::vector<std::uint8_t>>(token));
  } else if (kind == FrameKind::Wait) {
    const std::size_t waitOffset = reader.frameOffset();
    if (!reader.readU32(request.wait_ms)) return truncated(reader, "wait time");
    if (request.wait_ms > limits.maxWait_ms) {
      return DecodeError{waitOffset,
                         fmt::format("wait of {} ms exceeds the {} ms limit", request.wait_ms, limits.maxWait_ms)};
    }
    auto keys = readKeyList(reader, limits, limits.maxWaitKeys, false);
    if (auto* error = std::get_if<DecodeError>(&keys)) return std::move(*error);
    request.keys = std::move(std::get<std::vector<std::string>>(keys));
  } else {
    auto key = readKey(reader, limits);
    if (auto* error = std::get_if<DecodeError>(&key)) return std::move(*error);
    request.keys.push_back(std::move(std::get<std::string>(key)));
    if (kind == FrameKind::Set) {
      auto value = readValue(reader, limits);
      if (auto* error = std::get_if<DecodeError>(&value)) return std::move(*error);
      request.value = std::move(std::get<std::vector<char>>(value));
    }
  }
  if (auto error = expectEnd(reader)) return std::move(*error);
  return request;
}

std::variant<Reply, DecodeError> decodeReply(FrameKind kind, std::span<const std::uint8_t> payload,
                                             const Limits& limits) {
  if (!isReply(kind)) return DecodeError{5, fmt::format("frame kind 0x{:02x} is not a reply", static_cast<unsigned>(kind))};
  PayloadReader reader(payload);
  Reply reply;
  reply.kind = kind;
  if (kind == FrameKind::Value) {
    auto value = readValue(reader, limits);
    if (auto* error = std::get_if<DecodeError>(&value)) return std::move(*error);
    reply.value = std::move(std::get<std::vector<char>>(value));
  } else if (kind == FrameKind::TimedOut) {
    auto keys = readKeyList(reader, limits, kMaxReportedKeys, true);
    if (auto* error = std::get_if<DecodeError>(&keys)) return std::move(*error);
    reply.keys = std::move(std::get<std::vector<std::string>>(keys));
  } else if (kind == FrameKind::Error || kind == FrameKind::AuthFailed) {
    auto text = readText(reader);
    if (auto* error = std::get_if<DecodeError>(&text)) return std::move(*error);
    reply.message = std::move(std::get<std::string>(text));
  } else if (kind == FrameKind::Challenge) {
    auto nonce = readToken(reader, "server nonce");
    if (auto* error = std::get_if<DecodeError>(&nonce)) return std::move(*error);
    reply.nonce = std::move(std::get<std::vector<std::uint8_t>>(nonce));
    auto proof = readToken(reader, "server proof");
    if (auto* error = std::get_if<DecodeError>(&proof)) return std::move(*error);
    reply.proof = std::move(std::get<std::vector<std::uint8_t>>(proof));
  }
  if (auto error = expectEnd(reader)) return std::move(*error);
  return reply;
}

std::vector<std::uint8_t> encodeSet(const std::string& key, std::span<const char> value) {
  auto frame = startFrame(FrameKind::Set);
  putKey(frame, key);
  putValue(frame, value);
  return finishFrame(std::move(frame));
}

std::vector<std::uint8_t> encodeGet(const std::string& key) {
  auto frame = startFrame(FrameKind::Get);
  putKey(frame, key);
  return finishFrame(std::move(frame));
}

std::vector<std::uint8_t> encodeWait(const std::vector<std::string>& keys, std::uint32_t wait_ms) {
  auto frame = startFrame(FrameKind::Wait);
  putU32(frame, wait_ms);
  putU16(frame, static_cast<std::uint16_t>(keys.size()));
  for (const std::string& key : keys) putKey(frame, key);
  return finishFrame(std::move(frame));
}

std::vector<std::uint8_t> encodeOk() { return finishFrame(startFrame(FrameKind::Ok)); }

std::vector<std::uint8_t> encodeValue(std::span<const char> value) {
  auto frame = startFrame(FrameKind::Value);
  putValue(frame, value);
  return finishFrame(std::move(frame));
}

std::vector<std::uint8_t> encodeNotFound() { return finishFrame(startFrame(FrameKind::NotFound)); }

std::vector<std::uint8_t> encodeTimedOut(const std::vector<std::string>& missingKeys) {
  auto frame = startFrame(FrameKind::TimedOut);
  const std::size_t count = std::min(missingKeys.size(), kMaxReportedKeys);
  putU16(frame, static_cast<std::uint16_t>(count));
  for (std::size_t i = 0; i < count; ++i) putKey(frame, missingKeys[i]);
  return finishFrame(std::move(frame));
}

namespace {

std::vector<std::uint8_t> encodeText(FrameKind kind, const std::string& message, std::uint8_t version = kVersion) {
  std::string text = message.substr(0, kMaxErrorTextBytes);
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) c = '?';
  }
  auto frame = startFrame(kind, version);
  putU16(frame, static_cast<std::uint16_t>(text.size()));
  frame.insert(frame.end(), text.begin(), text.end());
  return finishFrame(std::move(frame));
}

std::vector<std::uint8_t> encodeTokens(FrameKind kind, std::initializer_list<std::span<const std::uint8_t>> tokens) {
  auto frame = startFrame(kind);
  for (const auto token : tokens) frame.insert(frame.end(), token.begin(), token.end());
  return finishFrame(std::move(frame));
}

}  // namespace

std::vector<std::uint8_t> encodeError(const std::string& message) { return encodeText(FrameKind::Error, message); }

std::vector<std::uint8_t> encodeAuthFailed(const std::string& message) {
  return encodeText(FrameKind::AuthFailed, message);
}

std::vector<std::uint8_t> encodeLegacyError(const std::string& message) {
  return encodeText(FrameKind::Error, message, kUnauthenticatedVersion);
}

std::vector<std::uint8_t> encodeHello(std::span<const std::uint8_t> clientNonce) {
  return encodeTokens(FrameKind::Hello, {clientNonce});
}

std::vector<std::uint8_t> encodeAuth(std::span<const std::uint8_t> clientProof) {
  return encodeTokens(FrameKind::Auth, {clientProof});
}

std::vector<std::uint8_t> encodeChallenge(std::span<const std::uint8_t> serverNonce,
                                          std::span<const std::uint8_t> serverProof) {
  return encodeTokens(FrameKind::Challenge, {serverNonce, serverProof});
}

}  // namespace archi::comm::kv
