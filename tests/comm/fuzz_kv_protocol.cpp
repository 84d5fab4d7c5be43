// libFuzzer target for the rendezvous store's wire format (version 2, handshake frames
// included): any bytes from the network must decode to a frame or to an error with an offset
// inside the input, never crash; whatever decodes as a request or a handshake reply re-encodes
// to the same bytes.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <variant>
#include <vector>

#include "comm/gloo/KvProtocol.h"

using namespace archi::comm;

namespace {

std::vector<std::uint8_t> reencodeRequest(const kv::Request& request) {
  switch (request.kind) {
    case kv::FrameKind::Set:
      return kv::encodeSet(request.keys.front(), request.value);
    case kv::FrameKind::Get:
      return kv::encodeGet(request.keys.front());
    case kv::FrameKind::Wait:
      return kv::encodeWait(request.keys, request.wait_ms);
    case kv::FrameKind::Hello:
      return kv::encodeHello(request.token);
    case kv::FrameKind::Auth:
      return kv::encodeAuth(request.token);
    default:
      std::abort();
  }
}

void expectSameFrame(const std::vector<std::uint8_t>& again, std::span<const std::uint8_t> input, std::size_t frameBytes) {
  if (again.size() != frameBytes || !std::equal(again.begin(), again.end(), input.begin())) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  kv::Limits limits;
  limits.maxKeyBytes = 64;
  limits.maxValueBytes = 4096;
  limits.maxWaitKeys = 8;
  const std::span<const std::uint8_t> input(data, size);
  auto header = kv::decodeHeader(input.first(std::min(size, kv::kHeaderBytes)), limits);
  if (auto* error = std::get_if<kv::DecodeError>(&header)) {
    if (error->byteOffset > kv::kHeaderBytes) std::abort();
    return 0;
  }
  const auto frame = std::get<kv::FrameHeader>(header);
  if (size < kv::kHeaderBytes + frame.payloadBytes) return 0;  // the server waits for the rest
  const auto payload = input.subspan(kv::kHeaderBytes, frame.payloadBytes);
  const std::size_t frameBytes = kv::kHeaderBytes + payload.size();
  auto request = kv::decodeRequest(frame.kind, payload, limits);
  if (auto* decoded = std::get_if<kv::Request>(&request)) {
    if (kv::isHandshake(decoded->kind) && decoded->token.size() != kv::kTokenBytes) std::abort();
    expectSameFrame(reencodeRequest(*decoded), input, frameBytes);
  } else if (std::get<kv::DecodeError>(request).byteOffset > frameBytes) {
    std::abort();
  }
  auto reply = kv::decodeReply(frame.kind, payload, limits);
  if (auto* error = std::get_if<kv::DecodeError>(&reply)) {
    if (error->byteOffset > frameBytes) std::abort();
  } else if (const auto& decoded = std::get<kv::Reply>(reply); decoded.kind == kv::FrameKind::Challenge) {
    if (decoded.nonce.size() != kv::kTokenBytes || decoded.proof.size() != kv::kTokenBytes) std::abort();
    expectSameFrame(kv::encodeChallenge(decoded.nonce, decoded.proof), input, frameBytes);
  }
  return 0;
}
