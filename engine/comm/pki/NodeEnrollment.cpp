#include "comm/pki/NodeEnrollment.h"

#include "comm/pki/CertificateChain.h"
#include "comm/pki/EnrollmentFiles.h"
#include "comm/pki/NodePins.h"
#include "comm/pki/OpenSslError.h"
#include "comm/pki/PemFiles.h"
#include "comm/pki/PkiError.h"

namespace archi::pki {
namespace {

void createFolder(const std::filesystem::path& directory) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) throw PkiError(directory.string() + ": cannot create folder: " + error.message());
}

}  // namespace

ApprovedNode approveNodeRequest(const CertificateAuthority& ca,
                                const std::filesystem::path& requestPath,
                                const std::filesystem::path& pkiDirectory) {
  return approveNodeRequest(ca, readNodeRequest(requestPath), pkiDirectory);
}

ApprovedNode approveNodeRequest(const CertificateAuthority& ca, const NodeRequest& request,
                                const std::filesystem::path& pkiDirectory) {
  const NodePins pins(pkiDirectory);
  if (pins.isRevoked(request.nodeId)) {
    throw PkiError("node " + request.nodeId + " was revoked; to enroll it again, remove " +
                   ApprovedNodeFiles(pkiDirectory).revokedPin(request.nodeId).string() +
                   " first");
  }
  const std::optional<std::string> previousPin = pins.pinFor(request.nodeId);

  CertificateRequest certificateRequest;
  certificateRequest.role = PeerRole::Node;
  certificateRequest.name = request.nodeId;
  const X509Ptr certificate =
      ca.issueForKey(certificateRequest, request.publicKey.get(),
                     {kDatacenterUriPrefix + request.datacenterId, kNodeUriPrefix + request.nodeId});

  const ApprovedNodeFiles files(pkiDirectory);
  createFolder(files.directory());
  ApprovedNode approved{request.nodeId,
                        request.datacenterId,
                        request.publicKeyPin,
                        files.certificate(request.nodeId),
                        files.pin(request.nodeId),
                        previousPin && *previousPin != request.publicKeyPin};
  writeCertificateFile(approved.certificatePath, certificate.get());
  writeFileAtomically(approved.pinPath, approved.publicKeyPin + "\n", 0644);
  return approved;
}

CertificateInfo installNodeCertificate(const std::filesystem::path& stateDirectory,
                                       const std::filesystem::path& certificatePath,
                                       const std::filesystem::path& caCertificatePath) {
  const NodeStateFiles files(stateDirectory);
  const PkeyPtr key = readPrivateKeyFile(files.key());
  const X509Ptr certificate = readCertificateFile(certificatePath);
  const X509Ptr caCertificate = readCertificateFile(caCertificatePath);
  if (X509_check_private_key(certificate.get(), key.get()) != 1) {
    takeOpenSslErrors();
    throw PkiError(certificatePath.string() + " was not issued for this node's key " +
                   files.key().string() + " (approve this node's own " +
                   files.request().string() + ")");
  }
  if (const auto problem = verifyCertificateChain(caCertificate.get(), certificate.get())) {
    throw PkiError(certificatePath.string() + " does not chain to " + caCertificatePath.string() +
                   ": " + *problem);
  }
  CertificateInfo info = describeCertificate(certificate.get());
  if (info.role != PeerRole::Node) {
    throw PkiError(certificatePath.string() + " is not a node certificate (role " +
                   (info.role ? std::string(toString(*info.role)) : std::string("none")) + ")");
  }
  writeCertificateFile(files.certificate(), certificate.get());
  writeCertificateFile(files.caCertificate(), caCertificate.get());
  return info;
}

void revokeNode(const std::filesystem::path& pkiDirectory, const std::string& nodeId) {
  if (!isValidPkiName(nodeId)) throw PkiError("node id '" + nodeId + "' is invalid");
  const ApprovedNodeFiles files(pkiDirectory);
  if (std::filesystem::exists(files.revokedPin(nodeId)))
    throw PkiError("node " + nodeId + " is already revoked");
  if (!std::filesystem::exists(files.pin(nodeId))) {
    throw PkiError("node " + nodeId + " has no approved certificate in " +
                   files.directory().string() + " (see `archi pki nodes`)");
  }
  createFolder(files.revokedDirectory());
  std::error_code error;
  std::filesystem::rename(files.pin(nodeId), files.revokedPin(nodeId), error);
  if (error) {
    throw PkiError(files.pin(nodeId).string() + ": cannot move to " +
                   files.revokedDirectory().string() + ": " + error.message());
  }
}

CertificateInfo installLocalNode(const CertificateAuthority& ca,
                                 const std::filesystem::path& pkiDirectory,
                                 const std::filesystem::path& stateDirectory,
                                 const std::string& nodeId, const std::string& datacenterId) {
  createNodeRequest(stateDirectory, nodeId, datacenterId, /*replaceKey=*/true);
  const NodeStateFiles files(stateDirectory);
  const ApprovedNode approved = approveNodeRequest(ca, files.request(), pkiDirectory);
  return installNodeCertificate(stateDirectory, approved.certificatePath, ca.certificatePath());
}

}  // namespace archi::pki
