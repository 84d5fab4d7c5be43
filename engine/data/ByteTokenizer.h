#pragma once
// Byte-level tokenizer: every byte is a token (vocabulary 256), so any file is valid input
// and decoding never fails.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace archi {

class ByteTokenizer {
 public:
  static constexpr int kVocab = 256;
  static std::vector<std::int32_t> encode(std::string_view text);
  // Tokens outside 0..255 are written as U+FFFD so a bad id is visible, not silently dropped.
  static std::string decode(std::span<const std::int32_t> tokens);
};

}  // namespace archi
