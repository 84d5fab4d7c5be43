#include "comm/pki/HexText.h"

namespace archi::pki {

std::string hexText(const unsigned char* data, std::size_t length, const char* separator) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string text;
  for (std::size_t i = 0; i < length; ++i) {
    if (i > 0) text += separator;
    text += kDigits[data[i] >> 4];
    text += kDigits[data[i] & 15];
  }
  return text;
}

}  // namespace archi::pki
