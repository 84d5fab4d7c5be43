#pragma once
// The one checking function for OpenSSL calls: on failure it throws an OpenSslError that
// names the call site, what was being done, and everything on OpenSSL's error queue.

#include <source_location>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

namespace archi::pki {

class OpenSslError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Empties this thread's OpenSSL error queue into one "; "-separated string ("" when empty).
std::string takeOpenSslErrors();

[[noreturn]] void throwOpenSslError(std::string_view what, const std::source_location& where);

// Pointers must be non-null and integers positive (OpenSSL's 1-on-success convention);
// returns the value so a call can be wrapped inline.
template <typename T>
T opensslCheck(T result, std::string_view what,
               const std::source_location& where = std::source_location::current()) {
  bool ok = false;
  if constexpr (std::is_pointer_v<T>) {
    ok = result != nullptr;
  } else {
    ok = result > 0;
  }
  if (!ok) throwOpenSslError(what, where);
  return result;
}

}  // namespace archi::pki
