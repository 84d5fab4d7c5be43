#include "comm/wan/TlsContext.h"

#include <openssl/ssl.h>
#include <sys/stat.h>

#include "comm/pki/OpenSslError.h"
#include "comm/pki/PemFiles.h"
#include "comm/wan/TlsVerifyRecord.h"
#include "comm/wan/WanError.h"

namespace archi::wan {
namespace {

// Runs inside OpenSSL's handshake (a C callback: no exceptions). Keeps the first reason
// for a failed chain check where the stream can log it after the handshake fails.
int recordVerifyFailure(int preverifyOk, X509_STORE_CTX* store) noexcept {
  if (preverifyOk == 1) return 1;
  auto* ssl =
      static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
  auto* record = ssl != nullptr ? static_cast<TlsVerifyRecord*>(SSL_get_app_data(ssl)) : nullptr;
  if (record != nullptr && record->reason.empty()) {
    record->reason = X509_verify_cert_error_string(X509_STORE_CTX_get_error(store));
    if (X509* certificate = X509_STORE_CTX_get_current_cert(store)) {
      char subject[256] = {};
      X509_NAME_oneline(X509_get_subject_name(certificate), subject, sizeof subject);
      record->subject = subject;
    }
  }
  return 0;
}

}  // namespace

TlsContext::TlsContext(const TlsIdentity& identity, PeerPolicy policy,
                       std::shared_ptr<spdlog::logger> logger)
    : identity_(identity), policy_(std::move(policy)), logger_(std::move(logger)) {
  if (!logger_) throw WanError(WanError::Kind::Config, "TLS context needs a logger");
  seen_ = stamps();
  contexts_.push_back(build(own_));
  lastLook_ = std::chrono::steady_clock::now();
}

pki::SslCtxPtr TlsContext::build(pki::CertificateInfo& info) const {
  using pki::opensslCheck;
  const TlsIdentity& identity = identity_;
  pki::X509Ptr certificate = pki::readCertificateFile(identity.certificate);
  pki::PkeyPtr key = pki::readPrivateKeyFile(identity.privateKey);
  info = pki::describeCertificate(certificate.get());

  pki::SslCtxPtr built(opensslCheck(SSL_CTX_new(TLS_method()), "SSL_CTX_new"));
  SSL_CTX* context = built.get();
  opensslCheck(SSL_CTX_set_min_proto_version(context, TLS1_3_VERSION), "requiring TLS 1.3");
  if (SSL_CTX_load_verify_locations(context, identity.caCertificate.c_str(), nullptr) != 1) {
    throw WanError(WanError::Kind::Config,
                   identity.caCertificate.string() +
                       ": cannot load CA certificate: " + pki::takeOpenSslErrors());
  }
  // The CA is the only trust anchor: no system store, so another CA can never vouch for a peer.
  SSL_CTX_set_verify(context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
                     recordVerifyFailure);
  SSL_CTX_set_verify_depth(context, 1);
  opensslCheck(SSL_CTX_use_certificate(context, certificate.get()), "loading our certificate");
  opensslCheck(SSL_CTX_use_PrivateKey(context, key.get()), "loading our private key");
  if (SSL_CTX_check_private_key(context) != 1) {
    throw WanError(WanError::Kind::Config, identity.privateKey.string() + " does not belong to " +
                                               identity.certificate.string() + ": " +
                                               pki::takeOpenSslErrors());
  }
  SSL_CTX_set_mode(context, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  // No resumption tickets: every stream authenticates fully, and no unread ticket bytes linger.
  opensslCheck(SSL_CTX_set_num_tickets(context, 0), "disabling session tickets");

  // Check our own certificate against the CA and the policy before any peer sees it.
  X509_STORE* store = SSL_CTX_get_cert_store(context);
  pki::X509StoreCtxPtr check(opensslCheck(X509_STORE_CTX_new(), "X509_STORE_CTX_new"));
  opensslCheck(X509_STORE_CTX_init(check.get(), store, certificate.get(), nullptr),
               "X509_STORE_CTX_init");
  if (X509_verify_cert(check.get()) != 1) {
    pki::takeOpenSslErrors();
    throw WanError(WanError::Kind::Config,
                   identity.certificate.string() + " is not valid under " +
                       identity.caCertificate.string() + ": " +
                       X509_verify_cert_error_string(X509_STORE_CTX_get_error(check.get())));
  }
  if (auto problem = checkPeer(info, {})) {
    throw WanError(WanError::Kind::Config,
                   identity.certificate.string() + " does not fit this run: " + *problem);
  }
  return built;
}

bool TlsContext::FileStamps::operator==(const FileStamps& other) const {
  return certificate.tv_sec == other.certificate.tv_sec && certificate.tv_nsec == other.certificate.tv_nsec &&
         key.tv_sec == other.key.tv_sec && key.tv_nsec == other.key.tv_nsec;
}

TlsContext::FileStamps TlsContext::stamps() const {
  // The change time: a rename over the file (how renewals are written) always moves it.
  FileStamps out;
  struct stat info {};
  if (::stat(identity_.certificate.c_str(), &info) == 0) out.certificate = info.st_ctim;
  if (::stat(identity_.privateKey.c_str(), &info) == 0) out.key = info.st_ctim;
  return out;
}

void TlsContext::reloadIfRenewed() const {
  const auto now = std::chrono::steady_clock::now();
  if (now - lastLook_ < std::chrono::seconds(1)) return;
  lastLook_ = now;
  const FileStamps current = stamps();
  if (current == seen_) return;
  seen_ = current;  // a pair that does not load is not tried again until a file changes
  try {
    pki::CertificateInfo info;
    contexts_.push_back(build(info));
    own_ = info;
    ++renewals_;
    logger_->info("TLS: took the renewed certificate {} for new connections", identity_.certificate.string());
  } catch (const std::exception& e) {
    logger_->warn("TLS: the renewed certificate is not taken yet, new connections keep the current one: {}", e.what());
  }
}

SSL_CTX* TlsContext::get() const {
  std::lock_guard lock(mutex_);
  reloadIfRenewed();
  return contexts_.back().get();
}

pki::CertificateInfo TlsContext::ownCertificate() const {
  std::lock_guard lock(mutex_);
  return own_;
}

int TlsContext::renewals() const {
  std::lock_guard lock(mutex_);
  return renewals_;
}

std::optional<std::string> TlsContext::checkPeer(const pki::CertificateInfo& peer,
                                                 const std::string& expectedName) const {
  if (!peer.role) return std::string("certificate carries no valid role");
  if (*peer.role != policy_.role) {
    return "role '" + std::string(pki::toString(*peer.role)) + "' where '" +
           std::string(pki::toString(policy_.role)) + "' is required";
  }
  if (peer.runId != policy_.runId) {
    return "run id '" + (peer.runId.empty() ? std::string("(none)") : peer.runId) +
           "' differs from this run '" + policy_.runId + "'";
  }
  if (!expectedName.empty() && peer.commonName != expectedName) {
    return "name '" + peer.commonName + "' where leader '" + expectedName + "' was expected";
  }
  return std::nullopt;
}

}  // namespace archi::wan
