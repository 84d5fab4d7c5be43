#include "comm/pki/CertificateChain.h"

#include "comm/pki/OpenSslError.h"

namespace archi::pki {

std::optional<std::string> verifyCertificateChain(X509* caCertificate, X509* certificate) {
  X509StorePtr store(opensslCheck(X509_STORE_new(), "X509_STORE_new"));
  opensslCheck(X509_STORE_add_cert(store.get(), caCertificate), "X509_STORE_add_cert");
  X509StoreCtxPtr context(opensslCheck(X509_STORE_CTX_new(), "X509_STORE_CTX_new"));
  opensslCheck(X509_STORE_CTX_init(context.get(), store.get(), certificate, nullptr),
               "X509_STORE_CTX_init");
  if (X509_verify_cert(context.get()) == 1) return std::nullopt;
  takeOpenSslErrors();
  return std::string(X509_verify_cert_error_string(X509_STORE_CTX_get_error(context.get())));
}

}  // namespace archi::pki
