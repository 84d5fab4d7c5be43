#include "train/Sha256.h"

#include <openssl/err.h>
#include <openssl/evp.h>

#include <stdexcept>
#include <string>

namespace archi {

namespace {

// Every OpenSSL call goes through here: says which call failed and OpenSSL's own reason.
void opensslCheck(bool ok, const char* call) {
  if (ok) return;
  char reason[256] = "no OpenSSL error queued";
  if (const unsigned long code = ERR_get_error(); code != 0) ERR_error_string_n(code, reason, sizeof reason);
  throw std::runtime_error(std::string("SHA-256: ") + call + " failed: " + reason);
}

}  // namespace

Sha256::Sha256() : context_(EVP_MD_CTX_new()) {
  opensslCheck(context_ != nullptr, "EVP_MD_CTX_new");
  if (EVP_DigestInit_ex(context_, EVP_sha256(), nullptr) != 1) {
    EVP_MD_CTX_free(context_);
    opensslCheck(false, "EVP_DigestInit_ex");
  }
}

Sha256::~Sha256() { EVP_MD_CTX_free(context_); }

void Sha256::update(const void* data, std::size_t bytes) {
  opensslCheck(EVP_DigestUpdate(context_, data, bytes) == 1, "EVP_DigestUpdate");
}

Sha256Digest Sha256::finish() {
  Sha256Digest digest{};
  unsigned int length = 0;
  opensslCheck(EVP_DigestFinal_ex(context_, digest.data(), &length) == 1 && length == digest.size(),
               "EVP_DigestFinal_ex");
  return digest;
}

}  // namespace archi
