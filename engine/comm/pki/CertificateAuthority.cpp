#include "comm/pki/CertificateAuthority.h"

#include <arpa/inet.h>
#include <openssl/bn.h>

#include <ctime>

#include "comm/pki/CertificateChain.h"
#include "comm/pki/CertificateInfo.h"
#include "comm/pki/OpenSslError.h"
#include "comm/pki/PemFiles.h"
#include "comm/pki/PkiError.h"
#include "comm/pki/PrivateDirectory.h"

namespace archi::pki {
namespace {

constexpr auto kClockSkewSlack = std::chrono::minutes(5);

PkeyPtr generateKey() {
  return PkeyPtr(
      opensslCheck(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"), "Ed25519 key generation"));
}

void addNameEntry(X509_NAME* name, const char* field, const std::string& value) {
  opensslCheck(
      X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                 reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1, 0),
      "X509_NAME_add_entry_by_txt");
}

void addExtension(X509* certificate, X509V3_CTX* context, int nid, const std::string& value) {
  X509ExtensionPtr extension(opensslCheck(X509V3_EXT_conf_nid(nullptr, context, nid, value.c_str()),
                                          "building X509 extension"));
  opensslCheck(X509_add_ext(certificate, extension.get(), -1), "X509_add_ext");
}

// Fresh certificate with version 3, a random positive 127-bit serial and the given window.
X509Ptr newCertificate(EVP_PKEY* publicKey, std::chrono::system_clock::time_point from,
                       std::chrono::seconds validity) {
  X509Ptr certificate(opensslCheck(X509_new(), "X509_new"));
  opensslCheck(X509_set_version(certificate.get(), X509_VERSION_3), "X509_set_version");
  BignumPtr serial(opensslCheck(BN_new(), "BN_new"));
  opensslCheck(BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY), "BN_rand");
  opensslCheck(BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate.get())),
               "BN_to_ASN1_INTEGER");
  const std::time_t notBefore = std::chrono::system_clock::to_time_t(from);
  const std::time_t notAfter = std::chrono::system_clock::to_time_t(from + validity);
  opensslCheck(ASN1_TIME_set(X509_getm_notBefore(certificate.get()), notBefore),
               "setting notBefore");
  opensslCheck(ASN1_TIME_set(X509_getm_notAfter(certificate.get()), notAfter), "setting notAfter");
  opensslCheck(X509_set_pubkey(certificate.get(), publicKey), "X509_set_pubkey");
  return certificate;
}

bool isIpv4(const std::string& host) {
  unsigned char address[4];
  return inet_pton(AF_INET, host.c_str(), address) == 1;
}

}  // namespace

CertificateAuthority::CertificateAuthority(std::filesystem::path directory, PkeyPtr key,
                                           X509Ptr certificate)
    : directory_(std::move(directory)),
      key_(std::move(key)),
      certificate_(std::move(certificate)) {}

CertificateAuthority CertificateAuthority::create(const std::filesystem::path& directory,
                                                  const std::string& name) {
  if (!isValidPkiName(name)) {
    throw PkiError("CA name '" + name +
                   "' is invalid: use 1-64 characters among A-Z a-z 0-9 . _ -");
  }
  if (std::filesystem::exists(directory / kKeyFile)) {
    throw PkiError((directory / kKeyFile).string() +
                   " already exists: a console has one CA; remove the folder to start over");
  }
  // The key file itself is 0600 whatever the folder's mode.
  makePrivateDirectory(directory);

  PkeyPtr key = generateKey();
  X509Ptr certificate =
      newCertificate(key.get(), std::chrono::system_clock::now() - kClockSkewSlack,
                     std::chrono::hours(24 * 365 * 10));
  X509_NAME* subject = X509_get_subject_name(certificate.get());
  addNameEntry(subject, "O", "Archipelago");
  addNameEntry(subject, "CN", "Archipelago CA " + name);
  opensslCheck(X509_set_issuer_name(certificate.get(), subject), "X509_set_issuer_name");
  X509V3_CTX context;
  X509V3_set_ctx(&context, certificate.get(), certificate.get(), nullptr, nullptr, 0);
  addExtension(certificate.get(), &context, NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
  addExtension(certificate.get(), &context, NID_key_usage, "critical,keyCertSign,cRLSign");
  addExtension(certificate.get(), &context, NID_subject_key_identifier, "hash");
  // Ed25519 signs the whole message itself: no separate digest.
  opensslCheck(X509_sign(certificate.get(), key.get(), nullptr), "signing the CA certificate");

  writePrivateKeyFile(directory / kKeyFile, key.get());
  writeCertificateFile(directory / kCertificateFile, certificate.get());
  return CertificateAuthority(directory, std::move(key), std::move(certificate));
}

CertificateAuthority CertificateAuthority::openOrCreate(const std::filesystem::path& directory,
                                                        const std::string& name) {
  return std::filesystem::exists(directory / kCertificateFile) ? open(directory)
                                                               : create(directory, name);
}

CertificateAuthority CertificateAuthority::open(const std::filesystem::path& directory) {
  if (!std::filesystem::exists(directory / kKeyFile)) {
    throw PkiError(directory.string() + ": no CA here (missing " + kKeyFile +
                   "); run `archi pki init` first");
  }
  PkeyPtr key = readPrivateKeyFile(directory / kKeyFile);
  X509Ptr certificate = readCertificateFile(directory / kCertificateFile);
  if (X509_check_private_key(certificate.get(), key.get()) != 1) {
    takeOpenSslErrors();
    throw PkiError(directory.string() + ": ca.key does not belong to ca.crt");
  }
  return CertificateAuthority(directory, std::move(key), std::move(certificate));
}

IssuedCertificate CertificateAuthority::issue(const CertificateRequest& request) const {
  IssuedCertificate issued;
  issued.key = generateKey();
  issued.certificate = issueForKey(request, issued.key.get());
  return issued;
}

X509Ptr CertificateAuthority::issueForKey(const CertificateRequest& request, EVP_PKEY* publicKey,
                                          const std::vector<std::string>& extraUris) const {
  if (!isValidPkiName(request.name)) {
    throw PkiError("certificate name '" + request.name +
                   "' is invalid: use 1-64 characters among A-Z a-z 0-9 . _ -");
  }
  if (!request.runId.empty() && !isValidPkiName(request.runId)) {
    throw PkiError("run id '" + request.runId +
                   "' is invalid: use 1-64 characters among A-Z a-z 0-9 . _ -");
  }
  if (request.role == PeerRole::Worker && request.runId.empty()) {
    throw PkiError("a worker certificate must name its run (--run-id)");
  }
  for (const std::string& host : request.hosts) {
    if (!isIpv4(host) && !isValidPkiName(host))
      throw PkiError("host '" + host + "' is neither an IPv4 address nor a DNS name");
  }
  // Without an explicit start, the validity counts from now (a leader certificate of a short
  // run lives as long as asked); the slack only moves its start back, for peers whose clock is behind.
  const auto from = request.validFrom.value_or(std::chrono::system_clock::now() - kClockSkewSlack);
  const std::chrono::seconds validity = request.validFrom ? request.validity
                                                          : request.validity + std::chrono::duration_cast<std::chrono::seconds>(kClockSkewSlack);
  X509Ptr issued = newCertificate(publicKey, from, validity);
  X509* certificate = issued.get();
  X509_NAME* subject = X509_get_subject_name(certificate);
  addNameEntry(subject, "O", "Archipelago");
  addNameEntry(subject, "OU", std::string(toString(request.role)));
  addNameEntry(subject, "CN", request.name);
  opensslCheck(X509_set_issuer_name(certificate, X509_get_subject_name(certificate_.get())),
               "X509_set_issuer_name");

  std::string altNames = std::string("URI:") + kRoleUriPrefix + std::string(toString(request.role));
  if (!request.runId.empty()) altNames += std::string(",URI:") + kRunUriPrefix + request.runId;
  for (const std::string& host : request.hosts)
    altNames += (isIpv4(host) ? ",IP:" : ",DNS:") + host;
  for (const std::string& uri : extraUris) altNames += ",URI:" + uri;

  X509V3_CTX context;
  X509V3_set_ctx(&context, certificate_.get(), certificate, nullptr, nullptr, 0);
  addExtension(certificate, &context, NID_basic_constraints, "critical,CA:FALSE");
  addExtension(certificate, &context, NID_key_usage, "critical,digitalSignature");
  addExtension(certificate, &context, NID_ext_key_usage, "serverAuth,clientAuth");
  addExtension(certificate, &context, NID_subject_key_identifier, "hash");
  addExtension(certificate, &context, NID_authority_key_identifier, "keyid:always");
  addExtension(certificate, &context, NID_subject_alt_name, altNames);
  opensslCheck(X509_sign(certificate, key_.get(), nullptr), "signing the certificate");
  return issued;
}

std::filesystem::path CertificateAuthority::issueToDirectory(
    const CertificateRequest& request, const std::filesystem::path& directory) const {
  IssuedCertificate issued = issue(request);
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) throw PkiError(directory.string() + ": cannot create folder: " + error.message());
  writePrivateKeyFile(directory / (request.name + ".key"), issued.key.get());
  const std::filesystem::path certificatePath = directory / (request.name + ".crt");
  writeCertificateFile(certificatePath, issued.certificate.get());
  if (std::filesystem::absolute(directory) != std::filesystem::absolute(directory_)) {
    writeCertificateFile(directory / kCertificateFile, certificate_.get());
  }
  return certificatePath;
}

std::optional<std::string> CertificateAuthority::verify(X509* certificate) const {
  return verifyCertificateChain(certificate_.get(), certificate);
}

}  // namespace archi::pki
