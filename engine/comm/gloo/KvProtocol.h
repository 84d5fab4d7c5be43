#pragma once
// Wire format of the rendezvous key-value store (version 1). Every message is one frame:
//
//   offset 0  magic "AKVS"        4 bytes
//   offset 4  version             u8   (1)
//   offset 5  kind                u8   (FrameKind)
//   offset 6  flags               u16  (must be 0)
//   offset 8  payload length      u32  (capped by Limits)
//   offset 12 payload
//
// Integers are big-endian. Strings are u16-length-prefixed keys (printable ASCII, no space)
// or u32-length-prefixed values. Input from the network is untrusted: decoding never reads
// out of bounds and every failure names the byte offset within the frame.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

namespace archi::comm::kv {

inline constexpr std::array<std::uint8_t, 4> kMagic{'A', 'K', 'V', 'S'};
inline constexpr std::uint8_t kVersion = 1;
inline constexpr std::size_t kHeaderBytes = 12;

enum class FrameKind : std::uint8_t {
  // Requests (client to server).
  Set = 0x01,   // key, value -> Ok
  Get = 0x02,   // key -> Value | NotFound
  Wait = 0x03,  // u32 wait_ms, u16 count, keys -> Ok when all exist | TimedOut (missing keys)
  // Replies (server to client).
  Ok = 0x81,
  Value = 0x82,     // value
  NotFound = 0x83,  // (empty)
  TimedOut = 0x84,  // u16 count, keys still missing (at most kMaxReportedKeys)
  Error = 0x85,     // u16 length, printable text; the server closes after protocol errors
};

bool isRequest(FrameKind kind);
bool isReply(FrameKind kind);

struct Limits {
  std::size_t maxKeyBytes = 512;
  std::size_t maxValueBytes = 1u << 20;  // Gloo publishes 192 bytes per peer: 1 MiB is ~5000 ranks
  std::size_t maxWaitKeys = 1024;
  std::uint32_t maxWait_ms = 3'600'000;
  std::size_t maxPayloadBytes() const;
};

inline constexpr std::size_t kMaxReportedKeys = 16;
inline constexpr std::size_t kMaxErrorTextBytes = 1024;

struct DecodeError {
  std::size_t byteOffset = 0;  // within the frame, header included
  std::string message;
};

struct FrameHeader {
  FrameKind kind = FrameKind::Error;
  std::uint32_t payloadBytes = 0;
};

struct Request {
  FrameKind kind = FrameKind::Get;
  std::vector<std::string> keys;  // one for Set and Get
  std::vector<char> value;        // Set only
  std::uint32_t wait_ms = 0;      // Wait only
};

struct Reply {
  FrameKind kind = FrameKind::Ok;
  std::vector<char> value;        // Value
  std::vector<std::string> keys;  // TimedOut
  std::string message;            // Error
};

std::variant<FrameHeader, DecodeError> decodeHeader(std::span<const std::uint8_t> header, const Limits& limits);
std::variant<Request, DecodeError> decodeRequest(FrameKind kind, std::span<const std::uint8_t> payload,
                                                 const Limits& limits);
std::variant<Reply, DecodeError> decodeReply(FrameKind kind, std::span<const std::uint8_t> payload,
                                             const Limits& limits);

// Empty when `key` is acceptable, else why not.
std::string checkKey(const std::string& key, const Limits& limits);

std::vector<std::uint8_t> encodeSet(const std::string& key, std::span<const char> value);
std::vector<std::uint8_t> encodeGet(const std::string& key);
std::vector<std::uint8_t> encodeWait(const std::vector<std::string>& keys, std::uint32_t wait_ms);
std::vector<std::uint8_t> encodeOk();
std::vector<std::uint8_t> encodeValue(std::span<const char> value);
std::vector<std::uint8_t> encodeNotFound();
std::vector<std::uint8_t> encodeTimedOut(const std::vector<std::string>& missingKeys);
// Non-printable bytes become '?', and the text is cut to kMaxErrorTextBytes.
std::vector<std::uint8_t> encodeError(const std::string& message);

}  // namespace archi::comm::kv
