#pragma once
// Whether a certificate chains to a CA certificate at the current time; shared by the CA itself
// and by a node that installs the certificate the console sent it.

#include <optional>
#include <string>

#include "comm/pki/OpenSslHandles.h"

namespace archi::pki {

// Why `certificate` does not chain to `caCertificate` now, or nullopt when it does.
std::optional<std::string> verifyCertificateChain(X509* caCertificate, X509* certificate);

}  // namespace archi::pki
