#pragma once
// The WAN transport's view of the socket layer (comm/net/Socket.h) under the names its many
// call sites use; the calls that can fail throw WanError, the transport's error type.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "comm/net/Socket.h"
#include "comm/wan/WanError.h"
#include "core/WallClock.h"

namespace archi::wan {

using Clock = SteadyClock;
using Deadline = net::Deadline;
using Fd = net::UniqueFd;
using net::Listener;
using net::pollTimeoutMs;
using archi::secondsSince;
using archi::threadCpuSeconds;

// Runs one socket call; its NetError comes back as a WanError of the same kind.
template <typename Call>
decltype(auto) asWanError(Call&& call) {
  return net::rethrowAs<WanError>(WanError::Kind::Timeout, WanError::Kind::Io, std::forward<Call>(call));
}

// Host (address or name) and port; port 0 lets the kernel choose.
inline Listener listenTcp(const std::string& host, std::uint16_t port) {
  return asWanError([&] { return net::listenOn({host, port}); });
}
// Connects, retrying refused connections (the peer may not listen yet) until `deadline`.
inline Fd connectTcp(const std::string& host, std::uint16_t port, Deadline deadline) {
  return asWanError([&] { return net::connectTcp({host, port}, deadline); });
}
// Accepts one connection or returns nullopt at the deadline. `peerAddress` gets "host:port".
inline std::optional<Fd> acceptTcp(int listenFd, Deadline deadline, std::string& peerAddress) {
  return asWanError([&] { return net::acceptTcp(listenFd, deadline, &peerAddress); });
}
// Waits for `events` on `fd`; false at the deadline.
inline bool waitFor(int fd, short events, Deadline deadline) {
  return asWanError([&] { return net::waitFor(fd, events, deadline); });
}

}  // namespace archi::wan
