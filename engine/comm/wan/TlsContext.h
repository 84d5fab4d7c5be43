#pragma once
// TLS 1.3 with mutual authentication for leader-to-leader streams. Both sides present a
// certificate of this console's CA and both check the other's: chain to the same CA, the
// expected role and the same run id (and, when known, the expected name). Every refusal
// is logged with its reason.

#include <spdlog/logger.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "comm/pki/CertificateInfo.h"
#include "comm/pki/OpenSslHandles.h"
#include "comm/pki/PeerRole.h"

namespace archi::wan {

struct TlsIdentity {
  std::filesystem::path caCertificate;  // the console's ca.crt: the only trust anchor
  std::filesystem::path certificate;
  std::filesystem::path privateKey;
};

struct PeerPolicy {
  pki::PeerRole role = pki::PeerRole::Worker;  // leaders are workers of the run
  std::string runId;
};

class TlsContext {
 public:
  // Loads the identity and refuses to start when our own certificate would not pass the
  // policy that we apply to peers (wrong role, other run, other CA).
  TlsContext(const TlsIdentity& identity, PeerPolicy policy,
             std::shared_ptr<spdlog::logger> logger);

  SSL_CTX* get() const { return context_.get(); }
  const PeerPolicy& policy() const { return policy_; }
  const pki::CertificateInfo& ownCertificate() const { return own_; }
  spdlog::logger& logger() const { return *logger_; }

  // After a completed handshake: why the peer's certificate breaks the policy, or nullopt.
  std::optional<std::string> checkPeer(const pki::CertificateInfo& peer,
                                       const std::string& expectedName) const;

 private:
  pki::SslCtxPtr context_;
  PeerPolicy policy_;
  pki::CertificateInfo own_;
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace archi::wan
