#pragma once
// The socket layer's error: the message names the address or operation and the system's
// reason. Each transport turns it into its own error type at its boundary
// (comm/gloo/StoreSockets.h, comm/wan/WanSockets.h).

#include <stdexcept>
#include <string>

namespace archi::net {

class NetError : public std::runtime_error {
 public:
  enum class Kind {
    Io,       // a system call failed, the peer closed or refused the connection
    Timeout,  // the deadline passed first
  };
  NetError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

}  // namespace archi::net
