#include "comm/pki/PublicKeyPin.h"

#include <array>
#include <memory>

#include "comm/pki/HexText.h"
#include "comm/pki/OpenSslError.h"

namespace archi::pki {
namespace {

using Sha256 = std::array<unsigned char, 32>;

struct OpenSslFree {
  void operator()(unsigned char* data) const { OPENSSL_free(data); }
};

Sha256 subjectPublicKeyInfoSha256(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  const int length = opensslCheck(i2d_PUBKEY(key, &der), "encoding the public key (i2d_PUBKEY)");
  const std::unique_ptr<unsigned char, OpenSslFree> owned(der);
  Sha256 digest{};
  unsigned int digestLength = 0;
  opensslCheck(EVP_Digest(der, static_cast<std::size_t>(length), digest.data(), &digestLength,
                          EVP_sha256(), nullptr),
               "SHA-256 of the public key");
  return digest;
}

}  // namespace

std::string publicKeyPin(EVP_PKEY* key) {
  const Sha256 digest = subjectPublicKeyInfoSha256(key);
  std::array<char, 4 * ((32 + 2) / 3) + 1> base64{};
  EVP_EncodeBlock(reinterpret_cast<unsigned char*>(base64.data()), digest.data(),
                  static_cast<int>(digest.size()));
  return std::string(kPinPrefix) + base64.data();
}

std::string publicKeyFingerprint(EVP_PKEY* key) {
  const Sha256 digest = subjectPublicKeyInfoSha256(key);
  return hexText(digest.data(), digest.size(), ":");
}

}  // namespace archi::pki
