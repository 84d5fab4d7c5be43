#pragma once
// The WAN transport's error type, thrown at its API boundary (never across threads). The
// message names the peer (rank, name, address) and what was being waited for.

#include <stdexcept>
#include <string>

namespace archi::wan {

class WanError : public std::runtime_error {
 public:
  enum class Kind {
    Config,       // bad configuration or arguments
    Timeout,      // a deadline passed; the message names who was being waited for
    PeerRefused,  // certificate, role, run id or hello refused (by us or by the peer)
    Protocol,     // malformed or unexpected bytes from a peer
    Io,           // socket or TLS failure, peer closed the connection
    Aborted,      // a peer gave up the round and said why
  };
  WanError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

}  // namespace archi::wan
