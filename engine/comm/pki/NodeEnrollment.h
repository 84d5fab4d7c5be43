#pragma once
// Enrollment without moving private keys (docs/agent-api.md, "Identities and files"): the node
// makes its key and a CSR (NodeRequest.h), the console approves the CSR and pins the node's public
// key, the node installs the certificate it is sent. Revoking a node moves its pin aside.

#include <filesystem>
#include <string>

#include "comm/pki/CertificateAuthority.h"
#include "comm/pki/CertificateInfo.h"
#include "comm/pki/NodeRequest.h"

namespace archi::pki {

struct ApprovedNode {
  std::string nodeId;
  std::string datacenterId;
  std::string publicKeyPin;
  std::filesystem::path certificatePath;  // PKI/nodes/<node>.crt
  std::filesystem::path pinPath;          // PKI/nodes/<node>.pin
  bool replacedKey = false;               // the node was approved before, with another key
};

// Signs the CSR as a node certificate (role node, CN = node id, SAN URIs for node and datacenter)
// and writes PKI/nodes/<node>.crt and .pin. Refuses a CSR that readNodeRequest refuses and a node
// that was revoked.
ApprovedNode approveNodeRequest(const CertificateAuthority& ca,
                                const std::filesystem::path& requestPath,
                                const std::filesystem::path& pkiDirectory);
// The same for a request already read (and shown to the operator): what was shown is what is
// signed, whatever happens to the file meanwhile.
ApprovedNode approveNodeRequest(const CertificateAuthority& ca, const NodeRequest& request,
                                const std::filesystem::path& pkiDirectory);

// Checks that the certificate holds the public half of STATE/pki/node.key, chains to the CA
// certificate and has role node; then writes STATE/pki/node.crt and STATE/pki/ca.crt.
CertificateInfo installNodeCertificate(const std::filesystem::path& stateDirectory,
                                       const std::filesystem::path& certificatePath,
                                       const std::filesystem::path& caCertificatePath);

// Moves PKI/nodes/<node>.pin to PKI/nodes/revoked/; the certificate stays for the record.
void revokeNode(const std::filesystem::path& pkiDirectory, const std::string& nodeId);

// Request, approval and installation in one process, for the agents that `archi run --local`
// starts on loopback: a fresh key is made in stateDirectory and never leaves it.
CertificateInfo installLocalNode(const CertificateAuthority& ca,
                                 const std::filesystem::path& pkiDirectory,
                                 const std::filesystem::path& stateDirectory,
                                 const std::string& nodeId, const std::string& datacenterId);

}  // namespace archi::pki
