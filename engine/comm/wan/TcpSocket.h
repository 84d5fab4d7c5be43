#pragma once
// Plain POSIX TCP sockets, non-blocking, with every wait bounded by a deadline.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "core/WallClock.h"

namespace archi::wan {

using Clock = std::chrono::steady_clock;
using Deadline = Clock::time_point;

// Milliseconds left until `deadline` for poll(): 0 when passed, capped to fit an int.
int pollTimeoutMs(Deadline deadline);
using archi::secondsSince;  // core/WallClock.h
// CPU time of the calling thread (user + system), for per-call cost accounting.
double threadCpuSeconds();

// Owns one file descriptor.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd();
  Fd(Fd&& other) noexcept : fd_(other.release()) {}
  Fd& operator=(Fd&& other) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;

  int get() const { return fd_; }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }
  bool valid() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

struct Listener {
  Fd socket;
  std::uint16_t port = 0;  // the bound port (the kernel's choice when 0 was asked)
};

// IPv4 host (dotted quad or "localhost"); port 0 lets the kernel choose.
Listener listenTcp(const std::string& host, std::uint16_t port);

// Connects, retrying refused connections (the peer may not listen yet) until `deadline`.
Fd connectTcp(const std::string& host, std::uint16_t port, Deadline deadline);

// Accepts one connection or returns nullopt at the deadline. `peerAddress` gets "ip:port".
std::optional<Fd> acceptTcp(int listenFd, Deadline deadline, std::string& peerAddress);

// Waits for `events` on `fd`; false at the deadline.
bool waitFor(int fd, short events, Deadline deadline);

}  // namespace archi::wan
