#include "comm/pki/ConsoleIdentity.h"

#include "comm/pki/CertificateAuthority.h"
#include "comm/pki/CertificateInfo.h"
#include "comm/pki/OpenSslError.h"
#include "comm/pki/PemFiles.h"

namespace archi::pki {
namespace {

constexpr const char* kConsoleName = "console";
constexpr const char* kDefaultCaName = "archipelago-console-ca";

bool isUsable(const CertificateAuthority& ca, const ConsoleIdentity& identity) {
  if (!std::filesystem::exists(identity.certificatePath) ||
      !std::filesystem::exists(identity.keyPath))
    return false;
  const X509Ptr certificate = readCertificateFile(identity.certificatePath);
  const PkeyPtr key = readPrivateKeyFile(identity.keyPath);  // refuses a key others may read
  const bool matches = X509_check_private_key(certificate.get(), key.get()) == 1;
  takeOpenSslErrors();
  return matches && !ca.verify(certificate.get()) &&
         describeCertificate(certificate.get()).role == PeerRole::Console;
}

}  // namespace

ConsoleIdentity ensureConsoleIdentity(const std::filesystem::path& pkiDirectory) {
  const CertificateAuthority ca = CertificateAuthority::openOrCreate(pkiDirectory, kDefaultCaName);
  const std::string name = kConsoleName;
  ConsoleIdentity identity{pkiDirectory / (name + ".crt"), pkiDirectory / (name + ".key"),
                           ca.certificatePath()};
  if (isUsable(ca, identity)) return identity;
  CertificateRequest request;
  request.role = PeerRole::Console;
  request.name = name;
  ca.issueToDirectory(request, pkiDirectory);
  return identity;
}

}  // namespace archi::pki
