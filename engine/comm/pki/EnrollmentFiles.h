#pragma once
// Where enrollment keeps its files (docs/agent-api.md, "Identities and files"):
//   node side     STATE/pki/{node.key (0600), node.csr, node.crt, ca.crt}, folder 0700
//   console side  PKI/nodes/<node>.{crt,pin}, PKI/nodes/revoked/<node>.pin

#include <filesystem>
#include <string>

namespace archi::pki {

class NodeStateFiles {
 public:
  explicit NodeStateFiles(const std::filesystem::path& stateDirectory)
      : directory_(stateDirectory / "pki") {}

  const std::filesystem::path& directory() const { return directory_; }
  std::filesystem::path key() const { return directory_ / "node.key"; }
  std::filesystem::path request() const { return directory_ / "node.csr"; }
  std::filesystem::path certificate() const { return directory_ / "node.crt"; }
  std::filesystem::path caCertificate() const { return directory_ / "ca.crt"; }

 private:
  std::filesystem::path directory_;
};

class ApprovedNodeFiles {
 public:
  explicit ApprovedNodeFiles(const std::filesystem::path& pkiDirectory)
      : directory_(pkiDirectory / "nodes") {}

  const std::filesystem::path& directory() const { return directory_; }
  std::filesystem::path revokedDirectory() const { return directory_ / "revoked"; }
  std::filesystem::path certificate(const std::string& nodeId) const {
    return directory_ / (nodeId + ".crt");
  }
  std::filesystem::path pin(const std::string& nodeId) const {
    return directory_ / (nodeId + ".pin");
  }
  std::filesystem::path revokedPin(const std::string& nodeId) const {
    return revokedDirectory() / (nodeId + ".pin");
  }

 private:
  std::filesystem::path directory_;
};

}  // namespace archi::pki
