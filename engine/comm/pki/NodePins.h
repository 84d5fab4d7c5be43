#pragma once
// What the console knows of its nodes, read from PKI/nodes (EnrollmentFiles.h) on every call so
// that a revocation takes effect at once: each approved node's public-key pin, the revoked ones,
// and whether a certificate a node presents is the one it was approved with.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "comm/pki/CertificateInfo.h"
#include "comm/pki/OpenSslHandles.h"

namespace archi::pki {

enum class NodeStatus { Approved, Revoked };

struct NodeRecord {
  std::string nodeId;
  std::string datacenterId;
  std::string publicKeyFingerprint;  // colon-hex SHA-256 of the public key
  NodeStatus status = NodeStatus::Approved;
};

class NodePins {
 public:
  explicit NodePins(std::filesystem::path pkiDirectory);

  std::optional<std::string> pinFor(const std::string& nodeId) const;  // sha256//<base64>
  bool isRevoked(const std::string& nodeId) const;

  // Why the console must not trust `certificate` as node `nodeId`, or nullopt when it may (the
  // chain to the CA is checked by TLS, not here).
  std::optional<std::string> check(const std::string& nodeId, const CertificateInfo& info) const;
  std::optional<std::string> check(const std::string& nodeId, X509* certificate) const;

  // Every node with a certificate in PKI/nodes, by node id.
  std::vector<NodeRecord> nodes() const;

 private:
  std::filesystem::path pkiDirectory_;
};

}  // namespace archi::pki
