#pragma once
// TLS 1.3 with mutual authentication for leader-to-leader streams. Both sides present a
// certificate of this console's CA and both check the other's: chain to the same CA, the
// expected role and the same run id (and, when known, the expected name). Every refusal
// is logged with its reason.
//
// A leader's certificate is renewed while the run goes on (issue 15 item 4): the launcher
// writes a new certificate and key over the old files, and get() notices (the files' change
// times, looked at most once a second) and builds a fresh SSL_CTX from them, which every
// connection made afterwards uses. Streams already open keep the context they were made
// with. A half-written renewal (a key that does not match the certificate yet) is not taken;
// the current identity stays until the pair is whole.

#include <spdlog/logger.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

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

  // The context for a new connection (with a renewed certificate once one is written). The
  // pointer stays valid for the TlsContext's lifetime.
  SSL_CTX* get() const;
  const PeerPolicy& policy() const { return policy_; }
  pki::CertificateInfo ownCertificate() const;
  // How many times a renewed certificate was taken.
  int renewals() const;
  spdlog::logger& logger() const { return *logger_; }

  // After a completed handshake: why the peer's certificate breaks the policy, or nullopt.
  std::optional<std::string> checkPeer(const pki::CertificateInfo& peer,
                                       const std::string& expectedName) const;

 private:
  // A context for `identity`, checked like the first one; throws WanError when it would not do.
  pki::SslCtxPtr build(pki::CertificateInfo& info) const;
  struct FileStamps {
    std::timespec certificate{};
    std::timespec key{};
    bool operator==(const FileStamps& other) const;
  };
  FileStamps stamps() const;
  void reloadIfRenewed() const;

  TlsIdentity identity_;
  PeerPolicy policy_;
  std::shared_ptr<spdlog::logger> logger_;
  mutable std::mutex mutex_;
  // Every context handed out stays alive: a stream may still be starting with an older one.
  mutable std::vector<pki::SslCtxPtr> contexts_;
  mutable pki::CertificateInfo own_;
  mutable FileStamps seen_;
  mutable std::chrono::steady_clock::time_point lastLook_;
  mutable int renewals_ = 0;
};

}  // namespace archi::wan
