#pragma once
// What a certificate says about its holder, read back from the X509 fields that the CA
// writes: CN = name, OU = role, SAN URIs urn:archipelago:role:<role> and
// urn:archipelago:run:<run id>; node certificates also urn:archipelago:datacenter:<dc> and
// urn:archipelago:node:<node id>.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "comm/pki/OpenSslHandles.h"
#include "comm/pki/PeerRole.h"

namespace archi::pki {

inline constexpr const char* kRoleUriPrefix = "urn:archipelago:role:";
inline constexpr const char* kRunUriPrefix = "urn:archipelago:run:";
inline constexpr const char* kDatacenterUriPrefix = "urn:archipelago:datacenter:";
inline constexpr const char* kNodeUriPrefix = "urn:archipelago:node:";

struct CertificateInfo {
  std::string commonName;
  std::string subject;  // one line, RFC 2253
  std::string issuer;
  std::optional<PeerRole> role;              // set only when SAN and OU agree on a known role
  std::string runId;                         // empty when the certificate is not bound to a run
  std::string datacenter;                    // from the datacenter SAN URI; empty when absent
  std::string nodeId;                        // from the node SAN URI; empty when absent
  std::vector<std::string> subjectAltNames;  // "URI:...", "DNS:...", "IP:..."
  std::int64_t notBefore_unix_s = 0;
  std::int64_t notAfter_unix_s = 0;
  std::string serialHex;
  std::string sha256Fingerprint;  // colon-separated hex, of the whole certificate
  std::string publicKeyPin;       // sha256//<base64>, of the public key (PublicKeyPin.h)
  bool isCa = false;
};

CertificateInfo describeCertificate(X509* certificate);

// Multi-line human-readable summary for `archi pki show`.
std::string formatCertificateInfo(const CertificateInfo& info);

}  // namespace archi::pki
