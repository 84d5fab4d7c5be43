#pragma once
// Errors of the PKI that are not OpenSSL failures: files, modes, names, refused requests.

#include <stdexcept>

namespace archi::pki {

class PkiError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace archi::pki
