#pragma once
// Errors of the rendezvous key-value store and its sockets: the message names the peer
// address, the operation and the system's or the server's reason.

#include <stdexcept>
#include <string>

namespace archi::comm {

class RendezvousError : public std::runtime_error {
 public:
  // Authentication: the peer did not prove the run's rendezvous secret (either direction).
  enum class Kind { Io, Timeout, Protocol, Rejected, Authentication };
  RendezvousError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

}  // namespace archi::comm
