#include "agent/NodeIdentity.h"

#include "comm/pki/CertificateInfo.h"
#include "comm/pki/PemFiles.h"

namespace archi::agent {

std::string datacenterFromSubjectAltNames(const std::vector<std::string>& subjectAltNames) {
  const std::string prefix = std::string("URI:") + kDatacenterUriPrefix;
  for (const std::string& name : subjectAltNames) {
    if (name.rfind(prefix, 0) == 0) return name.substr(prefix.size());
  }
  return {};
}

NodeIdentity readNodeIdentity(const std::filesystem::path& nodeCertificate) {
  const pki::X509Ptr certificate = pki::readCertificateFile(nodeCertificate);
  const pki::CertificateInfo info = pki::describeCertificate(certificate.get());
  return {info.commonName, datacenterFromSubjectAltNames(info.subjectAltNames)};
}

}  // namespace archi::agent
