#pragma once
// The one checking function for OpenSSL calls: on failure it throws an OpenSslError that
// names the call site, what was being done, and everything on OpenSSL's error queue.

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

// Where a check was made, named in its error. Not std::source_location: the fuzz targets are
// built with Debian 12's clang 14, which cannot compile libstdc++'s (it lacks the builtin).
struct CallSite {
  const char* file = "";
  unsigned line = 0;
};

[[noreturn]] void throwOpenSslError(std::string_view what, CallSite where);

// Pointers must be non-null and integers positive (OpenSSL's 1-on-success convention);
// returns the value so a call can be wrapped inline.
template <typename T>
T opensslCheck(T result, std::string_view what, const char* file = __builtin_FILE(),
               unsigned line = __builtin_LINE()) {
  bool ok = false;
  if constexpr (std::is_pointer_v<T>) {
    ok = result != nullptr;
  } else {
    ok = result > 0;
  }
  if (!ok) throwOpenSslError(what, {file, line});
  return result;
}

}  // namespace archi::pki
