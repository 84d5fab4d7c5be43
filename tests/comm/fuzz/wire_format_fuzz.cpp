// Fuzzes decoding of pseudo-gradient payloads: any bytes, any claimed value count, every
// format; a decode either fails with a message or fills exactly the values asked for.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "comm/wan/WireFormat.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  const auto format = static_cast<archi::wan::WireFormat>(data[0] % 3);
  const std::size_t values = (static_cast<std::size_t>(data[1]) << 8 | data[2]) % 4096;
  std::vector<float> out(values, -1.0f);
  const auto error = archi::wan::decodeValues(format, std::span(data + 3, size - 3), out);
  if (!error && format == archi::wan::WireFormat::Int8Block) {
    for (float v : out) {
      if (!std::isfinite(v)) std::abort();  // a block that would decode to infinity is refused
    }
  }
  return 0;
}
