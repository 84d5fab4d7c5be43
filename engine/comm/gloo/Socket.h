#pragma once
// POSIX TCP sockets for the rendezvous store: an owning descriptor, address parsing, and
// send/receive/connect that each take a deadline, so no network wait can last forever.
// Failures throw RendezvousError naming the address and the system's reason.

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace archi::comm {

using SteadyClock = std::chrono::steady_clock;

struct HostPort {
  std::string host;  // IP literal or name; "[::1]" brackets are not kept
  std::uint16_t port = 0;
};

// Parses "host:port" or "[v6-address]:port"; on failure returns nullopt and explains in `error`.
std::optional<HostPort> parseHostPort(std::string_view text, std::string& error);
std::string formatHostPort(const HostPort& address);

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

// Throws RendezvousError(Io) with "<operation>: <strerror(errno)>" when `result` is negative.
void checkSystemCall(long result, std::string_view operation);

// The first IPv4 address (else IPv6) of network interface `name`, e.g. "eth1" -> "10.1.0.5";
// throws RendezvousError listing the interfaces that exist when it has none.
std::string interfaceAddress(const std::string& name);

// A non-blocking listening socket bound to `address` (port 0 picks a free port).
UniqueFd listenTcp(const HostPort& address, int backlog);
// The address a bound socket actually listens on.
HostPort localAddress(int fd);

// Connects to `address`; refused or unreachable attempts are retried until `deadline`, since
// the datacenter leader may start after its workers. The socket is non-blocking.
UniqueFd connectTcp(const HostPort& address, SteadyClock::time_point deadline);
// Sends every byte or throws (Timeout at the deadline, Io on a broken connection).
void sendAll(int fd, std::span<const std::uint8_t> bytes, SteadyClock::time_point deadline);
// Receives exactly bytes.size() bytes or throws; a closed connection is an Io error.
void receiveExact(int fd, std::span<std::uint8_t> bytes, SteadyClock::time_point deadline);

// Milliseconds left until `deadline`, clamped to [0, INT_MAX] for poll().
int millisecondsUntil(SteadyClock::time_point deadline);

}  // namespace archi::comm
