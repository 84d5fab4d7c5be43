#pragma once
// The node's half of enrollment: it makes its own Ed25519 key and a certificate signing request
// (CSR) that names it and its datacenter; only the CSR travels to the console
// (docs/architecture.md#security). The CSR carries CN = node id and, in a requested
// subjectAltName, urn:archipelago:node:<node> and urn:archipelago:datacenter:<dc>.

#include <filesystem>
#include <string>

#include "comm/pki/OpenSslHandles.h"

namespace archi::pki {

struct NodeRequest {
  std::string nodeId;
  std::string datacenterId;
  std::string publicKeyPin;          // sha256//<base64> (PublicKeyPin.h)
  std::string publicKeyFingerprint;  // the same hash as colon-hex, for people to compare
  PkeyPtr publicKey;
};

// Writes STATE/pki/node.key (0600, folder 0700) and STATE/pki/node.csr. Refuses to replace an
// existing node.key unless `replaceKey`: the key is the node's identity.
NodeRequest createNodeRequest(const std::filesystem::path& stateDirectory,
                              const std::string& nodeId, const std::string& datacenterId,
                              bool replaceKey = false);

// Reads a PEM CSR as untrusted input: its signature must verify with its own Ed25519 key, and its
// node id and datacenter must be present, agree and pass isValidPkiName.
NodeRequest readNodeRequest(const std::filesystem::path& requestPath);

}  // namespace archi::pki
