#pragma once
// The console's own TLS identity towards node agents: PKI/console.crt (role console, CN console)
// and PKI/console.key (0600), issued by the console's CA on first use.

#include <filesystem>

namespace archi::pki {

struct ConsoleIdentity {
  std::filesystem::path certificatePath;
  std::filesystem::path keyPath;
  std::filesystem::path caCertificatePath;
};

// Creates the CA when missing (as `archi run` does), then issues console.crt/.key unless a valid
// pair under this CA is already there.
ConsoleIdentity ensureConsoleIdentity(const std::filesystem::path& pkiDirectory);

}  // namespace archi::pki
