#include "comm/pki/NodeRequest.h"

#include <openssl/pem.h>

#include "comm/pki/CertificateInfo.h"
#include "comm/pki/EnrollmentFiles.h"
#include "comm/pki/OpenSslError.h"
#include "comm/pki/PemFiles.h"
#include "comm/pki/PkiError.h"
#include "comm/pki/PrivateDirectory.h"
#include "comm/pki/PublicKeyPin.h"

namespace archi::pki {
namespace {

struct ExtensionStackFree {
  void operator()(STACK_OF(X509_EXTENSION) * stack) const {
    sk_X509_EXTENSION_pop_free(stack, X509_EXTENSION_free);
  }
};
using ExtensionStackPtr = std::unique_ptr<STACK_OF(X509_EXTENSION), ExtensionStackFree>;

void requireName(const std::string& what, const std::string& value) {
  if (!isValidPkiName(value)) {
    throw PkiError(what + " '" + value +
                   "' is invalid: use 1-64 characters among A-Z a-z 0-9 . _ -");
  }
}

X509ReqPtr buildRequest(EVP_PKEY* key, const std::string& nodeId,
                        const std::string& datacenterId) {
  X509ReqPtr request(opensslCheck(X509_REQ_new(), "X509_REQ_new"));
  opensslCheck(X509_REQ_set_version(request.get(), X509_REQ_VERSION_1), "X509_REQ_set_version");
  X509_NAME* subject = X509_REQ_get_subject_name(request.get());
  opensslCheck(X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
                                          reinterpret_cast<const unsigned char*>(nodeId.c_str()),
                                          -1, -1, 0),
               "setting the CSR's CN");
  opensslCheck(X509_REQ_set_pubkey(request.get(), key), "X509_REQ_set_pubkey");
  const std::string altNames = std::string("URI:") + kNodeUriPrefix + nodeId + ",URI:" +
                               kDatacenterUriPrefix + datacenterId;
  ExtensionStackPtr extensions(opensslCheck(sk_X509_EXTENSION_new_null(), "extension stack"));
  X509_EXTENSION* altName = opensslCheck(
      X509V3_EXT_conf_nid(nullptr, nullptr, NID_subject_alt_name, altNames.c_str()),
      "building the CSR's subjectAltName");
  if (sk_X509_EXTENSION_push(extensions.get(), altName) <= 0) {
    X509_EXTENSION_free(altName);
    throwOpenSslError("sk_X509_EXTENSION_push", {__FILE__, __LINE__});
  }
  opensslCheck(X509_REQ_add_extensions(request.get(), extensions.get()), "X509_REQ_add_extensions");
  // Ed25519 signs the whole message itself: no separate digest.
  opensslCheck(X509_REQ_sign(request.get(), key, nullptr), "signing the CSR");
  return request;
}

std::string asn1Text(const ASN1_STRING* value) {
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                     static_cast<std::size_t>(ASN1_STRING_length(value)));
}

// The URI after `prefix` among the CSR's requested subjectAltNames ("" when absent); two
// different ones are refused.
std::string requestedUri(X509_REQ* request, const char* prefix, const std::string& where) {
  ExtensionStackPtr extensions(X509_REQ_get_extensions(request));
  GeneralNamesPtr names(extensions ? static_cast<GENERAL_NAMES*>(X509V3_get_d2i(
                                         extensions.get(), NID_subject_alt_name, nullptr, nullptr))
                                   : nullptr);
  std::string found;
  for (int i = 0; names && i < sk_GENERAL_NAME_num(names.get()); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names.get(), i);
    if (name->type != GEN_URI) continue;
    const std::string uri = asn1Text(name->d.uniformResourceIdentifier);
    if (!uri.starts_with(prefix)) continue;
    const std::string value = uri.substr(std::string_view(prefix).size());
    if (!found.empty() && found != value)
      throw PkiError(where + ": the request names two different " + prefix + " values");
    found = value;
  }
  return found;
}

std::string commonName(X509_REQ* request) {
  const X509_NAME* subject = X509_REQ_get_subject_name(request);
  const int index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
  if (index < 0) return {};
  return asn1Text(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index)));
}

NodeRequest describe(EVP_PKEY* key, std::string nodeId, std::string datacenterId) {
  NodeRequest described;
  described.nodeId = std::move(nodeId);
  described.datacenterId = std::move(datacenterId);
  described.publicKeyPin = publicKeyPin(key);
  described.publicKeyFingerprint = publicKeyFingerprint(key);
  opensslCheck(EVP_PKEY_up_ref(key), "EVP_PKEY_up_ref");
  described.publicKey.reset(key);
  return described;
}

}  // namespace

NodeRequest createNodeRequest(const std::filesystem::path& stateDirectory,
                              const std::string& nodeId, const std::string& datacenterId,
                              bool replaceKey) {
  requireName("node id", nodeId);
  requireName("datacenter", datacenterId);
  const NodeStateFiles files(stateDirectory);
  if (!replaceKey && std::filesystem::exists(files.key())) {
    throw PkiError(files.key().string() +
                   " already exists: this node is enrolled or enrolling; pass --replace-key to make "
                   "a new identity (the console must approve it again)");
  }
  makePrivateDirectory(stateDirectory);
  makePrivateDirectory(files.directory());
  const PkeyPtr key(
      opensslCheck(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"), "Ed25519 key generation"));
  const X509ReqPtr request = buildRequest(key.get(), nodeId, datacenterId);
  BioPtr bio(opensslCheck(BIO_new(BIO_s_mem()), "BIO_new"));
  opensslCheck(PEM_write_bio_X509_REQ(bio.get(), request.get()), "PEM_write_bio_X509_REQ");
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  writePrivateKeyFile(files.key(), key.get());
  writeFileAtomically(files.request(), std::string(data, static_cast<std::size_t>(length)), 0644);
  return describe(key.get(), nodeId, datacenterId);
}

NodeRequest readNodeRequest(const std::filesystem::path& requestPath) {
  const std::string where = requestPath.string();
  BIO* file = BIO_new_file(requestPath.c_str(), "rb");
  if (file == nullptr)
    throw PkiError(where + ": cannot open the request: " + takeOpenSslErrors());
  const BioPtr bio(file);
  const X509ReqPtr request(PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr));
  if (!request) throw PkiError(where + ": not a PEM certificate request: " + takeOpenSslErrors());
  EVP_PKEY* key = X509_REQ_get0_pubkey(request.get());
  if (key == nullptr || EVP_PKEY_get_id(key) != EVP_PKEY_ED25519) {
    takeOpenSslErrors();
    throw PkiError(where + ": the request's key is not Ed25519 (make it with `archi agent enroll`)");
  }
  if (X509_REQ_verify(request.get(), key) != 1) {
    takeOpenSslErrors();
    throw PkiError(where + ": the request's signature does not verify: it was altered after "
                           "the node signed it");
  }
  const std::string nodeId = commonName(request.get());
  const std::string uriNodeId = requestedUri(request.get(), kNodeUriPrefix, where);
  const std::string datacenterId = requestedUri(request.get(), kDatacenterUriPrefix, where);
  requireName(where + ": node id", nodeId);
  requireName(where + ": datacenter", datacenterId);
  if (!uriNodeId.empty() && uriNodeId != nodeId) {
    throw PkiError(where + ": the request names node '" + nodeId + "' in its CN but '" +
                   uriNodeId + "' in its subjectAltName");
  }
  return describe(key, nodeId, datacenterId);
}

}  // namespace archi::pki
