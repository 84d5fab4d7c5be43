#pragma once
// Who this node is, read from its certificate (docs/agent-api.md#identities-and-files): the CN
// is the node id, the SAN URI urn:archipelago:datacenter:<dc> names its datacenter.

#include <filesystem>
#include <string>
#include <vector>

namespace archi::agent {

inline constexpr const char* kDatacenterUriPrefix = "urn:archipelago:datacenter:";

struct NodeIdentity {
  std::string node;
  std::string datacenter;  // empty when the certificate names none
};

// The datacenter named among SANs written "URI:..." (empty when none).
std::string datacenterFromSubjectAltNames(const std::vector<std::string>& subjectAltNames);

// Throws (pki::PkiError / OpenSslError) when the certificate cannot be read.
NodeIdentity readNodeIdentity(const std::filesystem::path& nodeCertificate);

}  // namespace archi::agent
