#include "comm/pki/NodePins.h"

#include <algorithm>
#include <fstream>

#include "comm/pki/EnrollmentFiles.h"
#include "comm/pki/PemFiles.h"
#include "comm/pki/PublicKeyPin.h"

namespace archi::pki {
namespace {

std::optional<std::string> readPinFile(const std::filesystem::path& path) {
  std::ifstream file(path);
  std::string pin;
  if (!file || !std::getline(file, pin) || !pin.starts_with(kPinPrefix)) return std::nullopt;
  return pin;
}

}  // namespace

NodePins::NodePins(std::filesystem::path pkiDirectory) : pkiDirectory_(std::move(pkiDirectory)) {}

std::optional<std::string> NodePins::pinFor(const std::string& nodeId) const {
  if (!isValidPkiName(nodeId)) return std::nullopt;
  return readPinFile(ApprovedNodeFiles(pkiDirectory_).pin(nodeId));
}

bool NodePins::isRevoked(const std::string& nodeId) const {
  return isValidPkiName(nodeId) &&
         std::filesystem::exists(ApprovedNodeFiles(pkiDirectory_).revokedPin(nodeId));
}

std::optional<std::string> NodePins::check(const std::string& nodeId,
                                           const CertificateInfo& info) const {
  if (isRevoked(nodeId)) return "node " + nodeId + " is revoked";
  const std::optional<std::string> pin = pinFor(nodeId);
  if (!pin) {
    return "node " + nodeId + " has no approved certificate (run `archi pki approve`)";
  }
  if (info.role != PeerRole::Node || info.commonName != nodeId) {
    return "certificate presented as " + nodeId + " is not that node's certificate (CN " +
           info.commonName + ")";
  }
  if (info.publicKeyPin != *pin) return "certificate of " + nodeId + " does not match its pin";
  return std::nullopt;
}

std::optional<std::string> NodePins::check(const std::string& nodeId, X509* certificate) const {
  return check(nodeId, describeCertificate(certificate));
}

std::vector<NodeRecord> NodePins::nodes() const {
  const ApprovedNodeFiles files(pkiDirectory_);
  std::vector<NodeRecord> records;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(files.directory(), error)) {
    if (entry.path().extension() != ".crt") continue;
    const X509Ptr certificate = readCertificateFile(entry.path());
    const CertificateInfo info = describeCertificate(certificate.get());
    records.push_back({entry.path().stem().string(), info.datacenter,
                       publicKeyFingerprint(X509_get0_pubkey(certificate.get())),
                       isRevoked(entry.path().stem().string()) ? NodeStatus::Revoked
                                                               : NodeStatus::Approved});
  }
  std::sort(records.begin(), records.end(),
            [](const NodeRecord& a, const NodeRecord& b) { return a.nodeId < b.nodeId; });
  return records;
}

}  // namespace archi::pki
