#pragma once
// What the certificate-verify callback saw, attached to an SSL object as its app data.

#include <string>

namespace archi::wan {

struct TlsVerifyRecord {
  std::string reason;   // OpenSSL's verify error, e.g. "certificate has expired"
  std::string subject;  // subject of the certificate that failed
};

}  // namespace archi::wan
