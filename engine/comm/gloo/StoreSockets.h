#pragma once
// The rendezvous store's view of the socket layer (comm/net/Socket.h): the same names in
// archi::comm, and the calls that can fail throw RendezvousError, the store's error type.

#include <utility>

#include "comm/gloo/RendezvousError.h"
#include "comm/net/Socket.h"

namespace archi::comm {

using archi::formatHostPort;
using archi::HostPort;
using archi::parseHostPort;
using archi::SteadyClock;
using net::UniqueFd;

// Runs one socket call; its NetError comes back as a RendezvousError of the same kind.
template <typename Call>
decltype(auto) asRendezvousError(Call&& call) {
  return net::rethrowAs<RendezvousError>(RendezvousError::Kind::Timeout, RendezvousError::Kind::Io,
                                         std::forward<Call>(call));
}

inline UniqueFd listenTcp(const HostPort& address, int backlog) {
  return asRendezvousError([&] { return net::listenTcp(address, backlog); });
}
inline HostPort localAddress(int fd) {
  return asRendezvousError([&] { return net::localAddress(fd); });
}
inline UniqueFd connectTcp(const HostPort& address, SteadyClock::time_point deadline) {
  return asRendezvousError([&] { return net::connectTcp(address, deadline); });
}
inline void sendAll(int fd, std::span<const std::uint8_t> bytes, SteadyClock::time_point deadline) {
  asRendezvousError([&] { net::sendAll(fd, bytes, deadline); });
}
inline void receiveExact(int fd, std::span<std::uint8_t> bytes, SteadyClock::time_point deadline) {
  asRendezvousError([&] { net::receiveExact(fd, bytes, deadline); });
}

}  // namespace archi::comm
