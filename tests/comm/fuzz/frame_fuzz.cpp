// Fuzzes the frame assembler: arbitrary bytes, delivered in pieces whose sizes the input
// chooses, must only ever give frames within the payload limit or an error.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "comm/wan/Frame.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  constexpr std::uint32_t kLimit = 4096;
  archi::wan::FrameAssembler assembler(kLimit);
  const std::size_t piece = 1 + data[0] % 64;
  std::span<const std::uint8_t> rest(data + 1, size - 1);
  while (!rest.empty()) {
    const std::size_t n = std::min(piece, rest.size());
    assembler.append(rest.first(n));
    rest = rest.subspan(n);
    while (true) {
      auto next = assembler.next();
      if (auto* frame = std::get_if<archi::wan::Frame>(&next)) {
        if (frame->payload.size() > kLimit || frame->payload.size() != frame->header.payload_bytes)
          std::abort();
        continue;
      }
      if (std::holds_alternative<archi::wan::FrameError>(next)) return 0;
      break;
    }
  }
  (void)assembler.finish();
  return 0;
}
