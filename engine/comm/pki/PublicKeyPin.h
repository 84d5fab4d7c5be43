#pragma once
// A public key's pin: SHA-256 of its DER SubjectPublicKeyInfo, written the way curl's
// CURLOPT_PINNEDPUBLICKEY takes it ("sha256//<base64>") and as colon-hex for people to compare.
// The console pins each approved node's key (docs/agent-api.md, "Identities and files").

#include <string>

#include "comm/pki/OpenSslHandles.h"

namespace archi::pki {

inline constexpr const char* kPinPrefix = "sha256//";

std::string publicKeyPin(EVP_PKEY* key);          // "sha256//" + base64 of 32 bytes
std::string publicKeyFingerprint(EVP_PKEY* key);  // "AB:12:..." (32 bytes)

}  // namespace archi::pki
