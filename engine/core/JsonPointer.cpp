#include "core/JsonPointer.h"

namespace archi {

std::string escapePointerToken(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string pointerChild(const std::string& parent, std::string_view key) {
  return parent + "/" + escapePointerToken(key);
}

std::string pointerChild(const std::string& parent, std::size_t index) {
  return parent + "/" + std::to_string(index);
}

}  // namespace archi
