#include "bridge/NodeApproval.h"

#include <exception>

#include "comm/pki/CertificateAuthority.h"
#include "comm/pki/NodeEnrollment.h"
#include "comm/pki/NodeRequest.h"

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }
constexpr const char* kConsoleCaName = "archipelago-console-ca";
}  // namespace

std::optional<NodeApproval> NodeApproval::read(const QString& csrPath, QString* error) {
  try {
    NodeApproval approval;
    approval.request_ = std::make_shared<const archi::pki::NodeRequest>(archi::pki::readNodeRequest(csrPath.toStdString()));
    return approval;
  } catch (const std::exception& e) {
    if (error) *error = q(e.what());
    return std::nullopt;
  }
}

QString NodeApproval::nodeId() const { return q(request_->nodeId); }
QString NodeApproval::datacenterId() const { return q(request_->datacenterId); }
QString NodeApproval::fingerprint() const { return q(request_->publicKeyFingerprint); }

std::optional<NodeApproval::Approved> NodeApproval::approve(const QString& pkiDirectory, QString* error) const {
  try {
    const std::filesystem::path pki = pkiDirectory.toStdString();
    const archi::pki::CertificateAuthority ca = archi::pki::CertificateAuthority::openOrCreate(pki, kConsoleCaName);
    const archi::pki::ApprovedNode node = archi::pki::approveNodeRequest(ca, *request_, pki);
    Approved out;
    out.certificatePath = q(node.certificatePath.string());
    out.caCertificatePath = q(ca.certificatePath().string());
    out.replacedKey = node.replacedKey;
    out.installCommand = QStringLiteral("archi agent install-cert --state STATE --certificate %1.crt --ca ca.crt").arg(q(node.nodeId));
    return out;
  } catch (const std::exception& e) {
    if (error) *error = q(e.what());
    return std::nullopt;
  }
}
