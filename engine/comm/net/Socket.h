#pragma once
// POSIX TCP sockets for every transport (the rendezvous store, the WAN leaders, the
// launcher's free ports): an owning descriptor, address parsing, and listen / accept /
// connect / send / receive that each take a deadline, so no network wait can last forever.
// Sockets are non-blocking and close-on-exec. Failures throw NetError.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "comm/net/NetError.h"
#include "core/HostPort.h"
#include "core/WallClock.h"

namespace archi::net {

using Deadline = SteadyClock::time_point;

// Owns one file descriptor.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd();
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int release();
  void reset();

 private:
  int fd_ = -1;
};

// Throws NetError(Io) with "<operation>: <strerror(errno)>" when `result` is negative.
void checkSystemCall(long result, std::string_view operation);

// Milliseconds left until `deadline` for poll(): rounded up, so that a wait never ends just
// before the deadline and spins; 0 when it has passed; at most a day.
int pollTimeoutMs(Deadline deadline);
// Waits for `events` on `fd`; false once the deadline has passed.
bool waitFor(int fd, short events, Deadline deadline);

// The first IPv4 address (else IPv6) of network interface `name`, e.g. "eth1" -> "10.1.0.5";
// throws NetError listing the interfaces that exist when it has none.
std::string interfaceAddress(const std::string& name);

// A listening socket bound to `address` (port 0 picks a free port).
UniqueFd listenTcp(const HostPort& address, int backlog);
// The address a bound socket actually listens on.
HostPort localAddress(int fd);

// A listening socket and its port, for listeners that publish the port they got.
struct Listener {
  UniqueFd socket;
  std::uint16_t port = 0;  // the bound port (the kernel's choice when 0 was asked)
};
Listener listenOn(const HostPort& address);

// Connects to `address`; refused or unreachable attempts are retried until `deadline`, since
// the peer may start after us. The stream has TCP_NODELAY and keep-alive set.
UniqueFd connectTcp(const HostPort& address, Deadline deadline);
// Accepts one pending connection, or nullopt when none is pending. `peerAddress` (if given)
// gets "host:port".
std::optional<UniqueFd> acceptNow(int listenFd, std::string* peerAddress = nullptr);
// Accepts one connection, waiting until `deadline`; nullopt then.
std::optional<UniqueFd> acceptTcp(int listenFd, Deadline deadline, std::string* peerAddress = nullptr);

// Sends every byte or throws (Timeout at the deadline, Io on a broken connection).
void sendAll(int fd, std::span<const std::uint8_t> bytes, Deadline deadline);
// Receives exactly bytes.size() bytes or throws; a closed connection is an Io error.
void receiveExact(int fd, std::span<std::uint8_t> bytes, Deadline deadline);

}  // namespace archi::net
