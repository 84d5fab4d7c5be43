#include "comm/pki/OpenSslError.h"

#include <openssl/err.h>

#include <filesystem>

namespace archi::pki {

std::string takeOpenSslErrors() {
  std::string text;
  while (const unsigned long code = ERR_get_error()) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    if (!text.empty()) text += "; ";
    text += buffer;
  }
  return text;
}

void throwOpenSslError(std::string_view what, CallSite where) {
  std::string message = std::string(what) + " failed";
  const std::string queue = takeOpenSslErrors();
  message += queue.empty() ? " (no OpenSSL error recorded)" : ": " + queue;
  message += " [" + std::filesystem::path(where.file).filename().string() + ":" + std::to_string(where.line) + "]";
  throw OpenSslError(message);
}

}  // namespace archi::pki
