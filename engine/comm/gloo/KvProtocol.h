#pragma once
// Wire format of the rendezvous key-value store (version 2). Every message is one frame:
//
//   offset 0  magic "AKVS"        4 bytes
//   offset 4  version             u8   (2; version 1 had no authentication and is refused)
//   offset 5  kind                u8   (FrameKind)
//   offset 6  flags               u16  (must be 0)
//   offset 8  payload length      u32  (capped by Limits)
//   offset 12 payload
//
// Integers are big-endian. Strings are u16-length-prefixed keys (printable ASCII, no space)
// or u32-length-prefixed values. Input from the network is untrusted: decoding never reads
// out of bounds and every failure names the byte offset within the frame.
//
// Every connection starts with a challenge-response proving the run's secret both ways
// (StoreHandshake.h): Hello(client nonce) -> Challenge(server nonce, server proof) ->
// Auth(client proof); the client then sends its requests. Until Auth is accepted the server
// takes only these two 32-byte frames and answers anything else with AuthFailed.
//
// Keys are write-once (a second Set is refused naming the key) except those with the segment
// kMutableKeySegment: the elastic group's generation and membership keys
// (GlooElasticGroup.h), rewritten at every re-join. Gloo's per-rank address keys
// ("<group>-<nonce>-g<N>/<rank>") live under a fresh group name per generation, so they are
// never rewritten legitimately; a second writer would redirect a rank's traffic.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace archi::comm::kv {

inline constexpr std::array<std::uint8_t, 4> kMagic{'A', 'K', 'V', 'S'};
inline constexpr std::uint8_t kVersion = 2;
inline constexpr std::uint8_t kUnauthenticatedVersion = 1;  // refused with a version-1 Error frame
inline constexpr std::size_t kHeaderBytes = 12;
inline constexpr std::size_t kTokenBytes = 32;  // nonces and HMAC-SHA256 proofs
inline constexpr std::string_view kMutableKeySegment = "/elastic/";

enum class FrameKind : std::uint8_t {
  // Requests (client to server).
  Set = 0x01,   // key, value -> Ok
  Get = 0x02,   // key -> Value | NotFound
  Wait = 0x03,  // u32 wait_ms, u16 count, keys -> Ok when all exist | TimedOut (missing keys)
  Hello = 0x04,  // 32-byte client nonce -> Challenge | AuthFailed
  Auth = 0x05,   // 32-byte client proof -> (nothing: requests follow) | AuthFailed
  // Replies (server to client).
  Ok = 0x81,
  Value = 0x82,     // value
  NotFound = 0x83,  // (empty)
  TimedOut = 0x84,  // u16 count, keys still missing (at most kMaxReportedKeys)
  Error = 0x85,     // u16 length, printable text; the server closes after protocol errors
  Challenge = 0x86,   // 32-byte server nonce, 32-byte server proof
  AuthFailed = 0x87,  // u16 length, printable text (like Error); the server then closes
};

// Requests include the handshake frames Hello and Auth; replies include Challenge and AuthFailed.
bool isRequest(FrameKind kind);
bool isHandshake(FrameKind kind);
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
  std::vector<std::uint8_t> token;  // Hello (nonce) and Auth (proof), kTokenBytes
};

struct Reply {
  FrameKind kind = FrameKind::Ok;
  std::vector<char> value;        // Value
  std::vector<std::string> keys;  // TimedOut
  std::string message;            // Error, AuthFailed
  std::vector<std::uint8_t> nonce;  // Challenge, kTokenBytes
  std::vector<std::uint8_t> proof;  // Challenge, kTokenBytes
};

std::variant<FrameHeader, DecodeError> decodeHeader(std::span<const std::uint8_t> header, const Limits& limits);
std::variant<Request, DecodeError> decodeRequest(FrameKind kind, std::span<const std::uint8_t> payload,
                                                 const Limits& limits);
std::variant<Reply, DecodeError> decodeReply(FrameKind kind, std::span<const std::uint8_t> payload,
                                             const Limits& limits);

// Empty when `key` is acceptable, else why not.
std::string checkKey(const std::string& key, const Limits& limits);
// Whether a second Set of `key` is refused: every key without kMutableKeySegment.
bool isWriteOnceKey(std::string_view key);

std::vector<std::uint8_t> encodeSet(const std::string& key, std::span<const char> value);
std::vector<std::uint8_t> encodeGet(const std::string& key);
std::vector<std::uint8_t> encodeWait(const std::vector<std::string>& keys, std::uint32_t wait_ms);
std::vector<std::uint8_t> encodeOk();
std::vector<std::uint8_t> encodeValue(std::span<const char> value);
std::vector<std::uint8_t> encodeNotFound();
std::vector<std::uint8_t> encodeTimedOut(const std::vector<std::string>& missingKeys);
// Non-printable bytes become '?', and the text is cut to kMaxErrorTextBytes.
std::vector<std::uint8_t> encodeError(const std::string& message);
std::vector<std::uint8_t> encodeAuthFailed(const std::string& message);
// The refusal an old, unauthenticated client can still read: an Error frame of version 1.
std::vector<std::uint8_t> encodeLegacyError(const std::string& message);
std::vector<std::uint8_t> encodeHello(std::span<const std::uint8_t> clientNonce);
std::vector<std::uint8_t> encodeAuth(std::span<const std::uint8_t> clientProof);
std::vector<std::uint8_t> encodeChallenge(std::span<const std::uint8_t> serverNonce,
                                          std::span<const std::uint8_t> serverProof);

}  // namespace archi::comm::kv
