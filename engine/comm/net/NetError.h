#pragma once
// The socket layer's error: the message names the address or operation and the system's
// reason. Each transport turns it into its own error type at its boundary
// (comm/gloo/StoreSockets.h, comm/wan/WanSockets.h).

#include <stdexcept>
#include <string>
#include <utility>

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

// Runs one socket call; a NetError it throws comes back as the transport's `Error`, of kind
// `timeout` or `io`.
template <typename Error, typename Call>
decltype(auto) rethrowAs(typename Error::Kind timeout, typename Error::Kind io, Call&& call) {
  try {
    return std::forward<Call>(call)();
  } catch (const NetError& e) {
    throw Error(e.kind() == NetError::Kind::Timeout ? timeout : io, e.what());
  }
}

}  // namespace archi::net
