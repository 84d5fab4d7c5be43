#pragma once
// The WAN transport's error type, thrown at its API boundary (never across threads). The
// message names the peer (rank, name, address) and what was being waited for.

#include <string>

#include "comm/collective/CollectiveError.h"

namespace archi::wan {

// A CollectiveError too, so that the outer loop (which sees only comm::OuterGroup) catches it.
class WanError : public comm::CollectiveError {
 public:
  enum class Kind {
    Config,       // bad configuration or arguments
    Timeout,      // a deadline passed; the message names who was being waited for
    PeerRefused,  // certificate, role, run id or hello refused (by us or by the peer)
    Protocol,     // malformed or unexpected bytes from a peer
    Io,           // socket or TLS failure, peer closed the connection
    Aborted,      // a peer gave up the round and said why
  };
  WanError(Kind kind, const std::string& message) : comm::CollectiveError(collectiveKind(kind), message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  static comm::CollectiveError::Kind collectiveKind(Kind kind) {
    switch (kind) {
      case Kind::Config: return comm::CollectiveError::Kind::InvalidArgument;
      case Kind::Timeout: return comm::CollectiveError::Kind::Timeout;
      case Kind::PeerRefused: return comm::CollectiveError::Kind::Rendezvous;
      case Kind::Protocol:
      case Kind::Io:
      case Kind::Aborted: return comm::CollectiveError::Kind::PeerFailure;
    }
    return comm::CollectiveError::Kind::PeerFailure;
  }
  Kind kind_;
};

}  // namespace archi::wan
