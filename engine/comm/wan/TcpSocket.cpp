#include "comm/wan/TcpSocket.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <thread>

#include "comm/wan/WanError.h"

namespace archi::wan {
namespace {

std::string osReason(int error) {
  return std::strerror(error);
}

sockaddr_in makeAddress(const std::string& host, std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  const std::string numeric = host == "localhost" ? "127.0.0.1" : host;
  if (inet_pton(AF_INET, numeric.c_str(), &address.sin_addr) != 1) {
    throw WanError(WanError::Kind::Config, "'" + host + "' is not an IPv4 address");
  }
  return address;
}

void makeNonBlocking(int fd) {
  const int flags = ::fcntl(fd, F_GETFL, 0);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0) {
    throw WanError(WanError::Kind::Io, "cannot make socket non-blocking: " + osReason(errno));
  }
}

void tuneStream(int fd) {
  const int one = 1;
  // Frames are written whole; Nagle would only delay the last segment of each.
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  ::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
}

}  // namespace

int pollTimeoutMs(Deadline deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  // Round up so that a wait never returns just before the deadline and spins.
  return static_cast<int>(std::clamp<long long>(left + 1, 0, 24LL * 3600 * 1000));
}

double threadCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

Fd::~Fd() {
  if (fd_ >= 0) ::close(fd_);
}

Fd& Fd::operator=(Fd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.release();
  }
  return *this;
}

Listener listenTcp(const std::string& host, std::uint16_t port) {
  const sockaddr_in address = makeAddress(host, port);
  Fd socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!socket.valid())
    throw WanError(WanError::Kind::Io, "cannot create socket: " + osReason(errno));
  const int one = 1;
  ::setsockopt(socket.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (::bind(socket.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    throw WanError(WanError::Kind::Io,
                   "cannot bind " + host + ":" + std::to_string(port) + ": " + osReason(errno));
  }
  if (::listen(socket.get(), 128) != 0)
    throw WanError(WanError::Kind::Io, "cannot listen: " + osReason(errno));
  sockaddr_in bound{};
  socklen_t length = sizeof bound;
  ::getsockname(socket.get(), reinterpret_cast<sockaddr*>(&bound), &length);
  return Listener{std::move(socket), ntohs(bound.sin_port)};
}

bool waitFor(int fd, short events, Deadline deadline) {
  while (true) {
    pollfd entry{fd, events, 0};
    const int ready = ::poll(&entry, 1, pollTimeoutMs(deadline));
    if (ready > 0) return true;
    if (ready < 0 && errno != EINTR)
      throw WanError(WanError::Kind::Io, "poll failed: " + osReason(errno));
    if (ready == 0 && Clock::now() >= deadline) return false;
  }
}

Fd connectTcp(const std::string& host, std::uint16_t port, Deadline deadline) {
  const sockaddr_in address = makeAddress(host, port);
  const std::string target = host + ":" + std::to_string(port);
  int lastError = 0;
  while (true) {
    Fd socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    if (!socket.valid())
      throw WanError(WanError::Kind::Io, "cannot create socket: " + osReason(errno));
    tuneStream(socket.get());
    int result =
        ::connect(socket.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address);
    if (result != 0 && errno == EINPROGRESS) {
      if (!waitFor(socket.get(), POLLOUT, deadline)) {
        throw WanError(WanError::Kind::Timeout,
                       "connecting to " + target + " timed out (no TCP answer)");
      }
      socklen_t length = sizeof lastError;
      ::getsockopt(socket.get(), SOL_SOCKET, SO_ERROR, &lastError, &length);
      result = lastError == 0 ? 0 : -1;
    } else if (result != 0) {
      lastError = errno;
    }
    if (result == 0) return socket;
    if (lastError != ECONNREFUSED) {
      throw WanError(WanError::Kind::Io,
                     "cannot connect to " + target + ": " + osReason(lastError));
    }
    if (Clock::now() + std::chrono::milliseconds(50) >= deadline) {
      throw WanError(
          WanError::Kind::Timeout,
          "connecting to " + target +
              " timed out: connection refused until the deadline (is the peer running?)");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

std::optional<Fd> acceptTcp(int listenFd, Deadline deadline, std::string& peerAddress) {
  while (true) {
    if (!waitFor(listenFd, POLLIN, deadline)) return std::nullopt;
    sockaddr_in address{};
    socklen_t length = sizeof address;
    Fd socket(::accept4(listenFd, reinterpret_cast<sockaddr*>(&address), &length, SOCK_CLOEXEC));
    if (!socket.valid()) {
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR || errno == ECONNABORTED)
        continue;
      throw WanError(WanError::Kind::Io, "accept failed: " + osReason(errno));
    }
    makeNonBlocking(socket.get());
    tuneStream(socket.get());
    char text[INET_ADDRSTRLEN] = {};
    inet_ntop(AF_INET, &address.sin_addr, text, sizeof text);
    peerAddress = std::string(text) + ":" + std::to_string(ntohs(address.sin_port));
    return socket;
  }
}

}  // namespace archi::wan
