#include "data/ByteTokenizer.h"

namespace archi {

std::vector<std::int32_t> ByteTokenizer::encode(std::string_view text) {
  std::vector<std::int32_t> tokens;
  tokens.reserve(text.size());
  for (const char c : text) tokens.push_back(static_cast<std::int32_t>(static_cast<unsigned char>(c)));
  return tokens;
}

std::string ByteTokenizer::decode(std::span<const std::int32_t> tokens) {
  std::string text;
  text.reserve(tokens.size());
  for (const std::int32_t t : tokens) {
    if (t >= 0 && t < kVocab) text.push_back(static_cast<char>(static_cast<unsigned char>(t)));
    else text += "\xEF\xBF\xBD";
  }
  return text;
}

}  // namespace archi
