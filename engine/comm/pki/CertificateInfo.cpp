#include "comm/pki/CertificateInfo.h"

#include <openssl/asn1.h>
#include <openssl/evp.h>

#include <ctime>

#include "comm/pki/HexText.h"
#include "comm/pki/OpenSslError.h"
#include "comm/pki/PublicKeyPin.h"

namespace archi::pki {
namespace {

std::string nameToString(const X509_NAME* name) {
  BioPtr bio(opensslCheck(BIO_new(BIO_s_mem()), "BIO_new"));
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253);
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

std::string nameEntry(const X509_NAME* name, int nid) {
  const int index = X509_NAME_get_index_by_NID(name, nid, -1);
  if (index < 0) return {};
  const ASN1_STRING* value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                     static_cast<std::size_t>(ASN1_STRING_length(value)));
}

std::int64_t toUnixSeconds(const ASN1_TIME* time) {
  std::tm parts{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &parts) != 1) return 0;
  return static_cast<std::int64_t>(timegm(&parts));
}

std::string asn1Text(const ASN1_STRING* value) {
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                     static_cast<std::size_t>(ASN1_STRING_length(value)));
}

// Two different values of one name in a certificate (two run ids, two datacenters) bind it to
// neither.
void setOnce(std::string& field, const std::string& value) {
  field = field.empty() || field == value ? value : std::string("<conflicting>");
}

std::string formatUtc(std::int64_t unix_s) {
  const std::time_t t = static_cast<std::time_t>(unix_s);
  std::tm parts{};
  gmtime_r(&t, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S UTC", &parts);
  return buffer;
}

}  // namespace

CertificateInfo describeCertificate(X509* certificate) {
  CertificateInfo info;
  const X509_NAME* subject = X509_get_subject_name(certificate);
  info.subject = nameToString(subject);
  info.issuer = nameToString(X509_get_issuer_name(certificate));
  info.commonName = nameEntry(subject, NID_commonName);
  const std::string organisationalUnit = nameEntry(subject, NID_organizationalUnitName);
  info.notBefore_unix_s = toUnixSeconds(X509_get0_notBefore(certificate));
  info.notAfter_unix_s = toUnixSeconds(X509_get0_notAfter(certificate));
  const ASN1_INTEGER* serial = X509_get0_serialNumber(certificate);
  info.serialHex = hexText(serial->data, static_cast<std::size_t>(serial->length), "");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digestLength = 0;
  opensslCheck(X509_digest(certificate, EVP_sha256(), digest, &digestLength), "X509_digest");
  info.sha256Fingerprint = hexText(digest, digestLength, ":");
  info.isCa = X509_check_ca(certificate) > 0;
  info.publicKeyPin = publicKeyPin(opensslCheck(X509_get0_pubkey(certificate), "X509_get0_pubkey"));

  std::optional<PeerRole> sanRole;
  bool roleConflict = false;
  GeneralNamesPtr names(static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr)));
  const int count = names ? sk_GENERAL_NAME_num(names.get()) : 0;
  for (int i = 0; i < count; ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names.get(), i);
    if (name->type == GEN_URI) {
      const std::string uri = asn1Text(name->d.uniformResourceIdentifier);
      info.subjectAltNames.push_back("URI:" + uri);
      if (uri.starts_with(kRoleUriPrefix)) {
        const auto role =
            parsePeerRole(std::string_view(uri).substr(std::string_view(kRoleUriPrefix).size()));
        roleConflict = roleConflict || !role || (sanRole && sanRole != role);
        sanRole = role;
      } else if (uri.starts_with(kRunUriPrefix)) {
        setOnce(info.runId, uri.substr(std::string_view(kRunUriPrefix).size()));
      } else if (uri.starts_with(kDatacenterUriPrefix)) {
        setOnce(info.datacenter, uri.substr(std::string_view(kDatacenterUriPrefix).size()));
      } else if (uri.starts_with(kNodeUriPrefix)) {
        setOnce(info.nodeId, uri.substr(std::string_view(kNodeUriPrefix).size()));
      }
    } else if (name->type == GEN_DNS) {
      info.subjectAltNames.push_back("DNS:" + asn1Text(name->d.dNSName));
    } else if (name->type == GEN_IPADD) {
      const ASN1_OCTET_STRING* ip = name->d.iPAddress;
      std::string text;
      for (int b = 0; ip->length == 4 && b < 4; ++b)
        text += (b ? "." : "") + std::to_string(ip->data[b]);
      info.subjectAltNames.push_back(
          "IP:" + (text.empty() ? hexText(ip->data, static_cast<std::size_t>(ip->length), ":") : text));
    }
  }
  if (sanRole && !roleConflict && organisationalUnit == toString(*sanRole)) info.role = sanRole;
  return info;
}

std::string formatCertificateInfo(const CertificateInfo& info) {
  std::string text;
  text += "subject:     " + info.subject + "\n";
  text += "issuer:      " + info.issuer + "\n";
  text +=
      "role:        " + (info.role ? std::string(toString(*info.role)) : std::string("(none)")) +
      "\n";
  text += "run id:      " + (info.runId.empty() ? std::string("(none)") : info.runId) + "\n";
  if (!info.nodeId.empty()) text += "node:        " + info.nodeId + "\n";
  if (!info.datacenter.empty()) text += "datacenter:  " + info.datacenter + "\n";
  text += "is CA:       " + std::string(info.isCa ? "yes" : "no") + "\n";
  text += "valid from:  " + formatUtc(info.notBefore_unix_s) + "\n";
  text += "valid until: " + formatUtc(info.notAfter_unix_s) + "\n";
  text += "serial:      " + info.serialHex + "\n";
  text += "sha256:      " + info.sha256Fingerprint + "\n";
  text += "key pin:     " + info.publicKeyPin + "\n";
  for (const std::string& name : info.subjectAltNames) text += "alt name:    " + name + "\n";
  return text;
}

}  // namespace archi::pki
