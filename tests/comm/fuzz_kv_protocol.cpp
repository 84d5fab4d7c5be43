// libFuzzer target for the rendezvous store's wire format: any bytes from the network must
// decode to a frame or to an error with an offset inside the input, never crash; whatever
// decodes as a request re-encodes to the same bytes.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <variant>
#include <vector>

#include "comm/gloo/KvProtocol.h"

using namespace archi::comm;

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
  auto request = kv::decodeRequest(frame.kind, payload, limits);
  if (auto* decoded = std::get_if<kv::Request>(&request)) {
    std::vector<std::uint8_t> again;
    if (decoded->kind == kv::FrameKind::Set) again = kv::encodeSet(decoded->keys.front(), decoded->value);
    if (decoded->kind == kv::FrameKind::Get) again = kv::encodeGet(decoded->keys.front());
    if (decoded->kind == kv::FrameKind::Wait) again = kv::encodeWait(decoded->keys, decoded->wait_ms);
    if (!std::equal(again.begin(), again.end(), input.begin(), input.begin() + static_cast<std::ptrdiff_t>(again.size())) ||
        again.size() != kv::kHeaderBytes + payload.size()) {
      std::abort();
    }
  } else if (std::get<kv::DecodeError>(request).byteOffset > kv::kHeaderBytes + payload.size()) {
    std::abort();
  }
  auto reply = kv::decodeReply(frame.kind, payload, limits);
  if (auto* error = std::get_if<kv::DecodeError>(&reply)) {
    if (error->byteOffset > kv::kHeaderBytes + payload.size()) std::abort();
  }
  return 0;
}
