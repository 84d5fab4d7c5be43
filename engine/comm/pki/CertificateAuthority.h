#pragma once
// One CA per console (docs/architecture.md#security): an Ed25519 key (ca.key, 0600, in a 0700
// folder) and a self-signed certificate (ca.crt). It issues certificates for the console, nodes and
// workers that carry the role and, for run-bound ones, the run id.

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "comm/pki/OpenSslHandles.h"
#include "comm/pki/PeerRole.h"

namespace archi::pki {

struct CertificateRequest {
  PeerRole role = PeerRole::Worker;
  std::string name;                // CN; also the file stem when written
  std::string runId;               // empty: not bound to a run (console and node certificates)
  std::vector<std::string> hosts;  // extra SANs: IPv4 addresses or DNS names
  // Validity window; validFrom defaults to now minus five minutes of clock-skew slack.
  std::optional<std::chrono::system_clock::time_point> validFrom;
  std::chrono::seconds validity{std::chrono::hours(24 * 365)};
};

struct IssuedCertificate {
  PkeyPtr key;
  X509Ptr certificate;
};

class CertificateAuthority {
 public:
  static constexpr const char* kKeyFile = "ca.key";
  static constexpr const char* kCertificateFile = "ca.crt";

  // Creates a new CA in `directory`; refuses when one is already there.
  static CertificateAuthority create(const std::filesystem::path& directory,
                                     const std::string& name);
  static CertificateAuthority open(const std::filesystem::path& directory);
  // The CA in `directory`, created under `name` when there is none yet (what `archi run` does on
  // first use).
  static CertificateAuthority openOrCreate(const std::filesystem::path& directory,
                                           const std::string& name);

  IssuedCertificate issue(const CertificateRequest& request) const;
  // Signs a certificate for a key the holder made itself (a node's CSR, NodeEnrollment.h): the
  // private key never reaches the CA. `extraUris` are added to the SAN URIs as given.
  X509Ptr issueForKey(const CertificateRequest& request, EVP_PKEY* publicKey,
                      const std::vector<std::string>& extraUris = {}) const;
  // Writes <name>.key (0600), <name>.crt and a copy of ca.crt into `directory`; returns the
  // certificate path.
  std::filesystem::path issueToDirectory(const CertificateRequest& request,
                                         const std::filesystem::path& directory) const;

  // Why `certificate` does not chain to this CA at the current time, or nullopt when it does.
  std::optional<std::string> verify(X509* certificate) const;

  X509* certificate() const { return certificate_.get(); }
  const std::filesystem::path& directory() const { return directory_; }
  std::filesystem::path certificatePath() const { return directory_ / kCertificateFile; }

 private:
  CertificateAuthority(std::filesystem::path directory, PkeyPtr key, X509Ptr certificate);

  std::filesystem::path directory_;
  PkeyPtr key_;
  X509Ptr certificate_;
};

}  // namespace archi::pki
