#pragma once
// Building JSON pointers (RFC 6901) while walking a document.

#include <cstddef>
#include <string>
#include <string_view>

namespace archi {

// Escapes one reference token: '~' becomes "~0" and '/' becomes "~1".
std::string escapePointerToken(std::string_view token);

// "/a" + "b" -> "/a/b"; the token is escaped.
std::string pointerChild(const std::string& parent, std::string_view key);
std::string pointerChild(const std::string& parent, std::size_t index);

}  // namespace archi
