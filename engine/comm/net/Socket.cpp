#include "comm/net/Socket.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/core.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <thread>

#include "comm/net/NetError.h"

namespace archi::net {
namespace {

struct AddrInfoDeleter {
  void operator()(addrinfo* info) const { freeaddrinfo(info); }
};
using AddrInfoList = std::unique_ptr<addrinfo, AddrInfoDeleter>;

AddrInfoList resolve(const HostPort& address, bool passive) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = passive ? AI_PASSIVE : 0;
  addrinfo* result = nullptr;
  const std::string port = std::to_string(address.port);
  const int code = getaddrinfo(address.host.empty() ? nullptr : address.host.c_str(), port.c_str(), &hints, &result);
  if (code != 0) {
    throw NetError(NetError::Kind::Io, fmt::format("cannot resolve {}: {}", formatHostPort(address), gai_strerror(code)));
  }
  return AddrInfoList(result);
}

std::string errnoText(int error) { return std::strerror(error); }

UniqueFd openStreamSocket(int family, int type, int protocol) {
  return UniqueFd(::socket(family, type | SOCK_CLOEXEC | SOCK_NONBLOCK, protocol));
}

// Frames are written whole, so Nagle would only delay the last segment of each; keep-alive
// notices a peer that vanished without closing.
void tuneStream(int fd) {
  const int one = 1;
  checkSystemCall(::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one), "setsockopt(TCP_NODELAY)");
  checkSystemCall(::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one), "setsockopt(SO_KEEPALIVE)");
}

// Errors after which the peer may still come: it does not listen yet, or the path is down.
bool worthRetrying(int error) {
  return error == ECONNREFUSED || error == ENETUNREACH || error == EHOSTUNREACH || error == ETIMEDOUT ||
         error == ECONNRESET;
}

HostPort numericAddress(const sockaddr* address, socklen_t length) {
  char host[NI_MAXHOST];
  char port[NI_MAXSERV];
  const int code = getnameinfo(address, length, host, sizeof host, port, sizeof port, NI_NUMERICHOST | NI_NUMERICSERV);
  if (code != 0) throw NetError(NetError::Kind::Io, fmt::format("getnameinfo: {}", gai_strerror(code)));
  return HostPort{host, static_cast<std::uint16_t>(std::stoi(port))};
}

}  // namespace

UniqueFd::~UniqueFd() { reset(); }

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    reset();
    fd_ = other.release();
  }
  return *this;
}

int UniqueFd::release() {
  const int fd = fd_;
  fd_ = -1;
  return fd;
}

void UniqueFd::reset() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void checkSystemCall(long result, std::string_view operation) {
  if (result < 0) throw NetError(NetError::Kind::Io, fmt::format("{}: {}", operation, errnoText(errno)));
}

int pollTimeoutMs(Deadline deadline) {
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - SteadyClock::now()).count();
  return static_cast<int>(std::clamp<long long>(left, 0, 24LL * 3600 * 1000));
}

bool waitFor(int fd, short events, Deadline deadline) {
  for (;;) {
    pollfd entry{fd, events, 0};
    const int ready = ::poll(&entry, 1, pollTimeoutMs(deadline));
    if (ready > 0) return true;
    if (ready < 0 && errno != EINTR) checkSystemCall(ready, "poll");
    if (ready == 0 && SteadyClock::now() >= deadline) return false;
  }
}

std::string interfaceAddress(const std::string& name) {
  ifaddrs* list = nullptr;
  checkSystemCall(::getifaddrs(&list), "getifaddrs");
  const std::unique_ptr<ifaddrs, void (*)(ifaddrs*)> owner(list, ::freeifaddrs);
  std::string found;
  std::string known;
  for (const ifaddrs* entry = list; entry != nullptr; entry = entry->ifa_next) {
    if (entry->ifa_addr == nullptr) continue;
    const int family = entry->ifa_addr->sa_family;
    if (family != AF_INET && family != AF_INET6) continue;
    if (known.find(std::string(" ") + entry->ifa_name + ",") == std::string::npos) {
      known += fmt::format(" {},", entry->ifa_name);
    }
    if (name != entry->ifa_name || (!found.empty() && family == AF_INET6)) continue;
    char host[NI_MAXHOST];
    const socklen_t length = family == AF_INET ? sizeof(sockaddr_in) : sizeof(sockaddr_in6);
    if (getnameinfo(entry->ifa_addr, length, host, sizeof host, nullptr, 0, NI_NUMERICHOST) != 0) continue;
    if (found.empty() || family == AF_INET) found = host;
    if (family == AF_INET) break;
  }
  if (found.empty()) {
    if (!known.empty()) known.pop_back();
    throw NetError(NetError::Kind::Io,
                   fmt::format("network interface '{}' has no IP address (interfaces with one:{})", name, known));
  }
  return found;
}

UniqueFd listenTcp(const HostPort& address, int backlog) {
  const AddrInfoList candidates = resolve(address, true);
  std::string lastError = "no address";
  for (const addrinfo* info = candidates.get(); info != nullptr; info = info->ai_next) {
    UniqueFd fd = openStreamSocket(info->ai_family, info->ai_socktype, info->ai_protocol);
    if (!fd.valid()) {
      lastError = errnoText(errno);
      continue;
    }
    const int one = 1;
    checkSystemCall(::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one), "setsockopt(SO_REUSEADDR)");
    if (::bind(fd.get(), info->ai_addr, info->ai_addrlen) != 0 || ::listen(fd.get(), backlog) != 0) {
      lastError = errnoText(errno);
      continue;
    }
    return fd;
  }
  throw NetError(NetError::Kind::Io, fmt::format("cannot listen on {}: {} (is the address one of this host's "
                                                 "interfaces, and the port free?)",
                                                 formatHostPort(address), lastError));
}

HostPort localAddress(int fd) {
  sockaddr_storage storage{};
  socklen_t length = sizeof storage;
  checkSystemCall(::getsockname(fd, reinterpret_cast<sockaddr*>(&storage), &length), "getsockname");
  return numericAddress(reinterpret_cast<const sockaddr*>(&storage), length);
}

Listener listenOn(const HostPort& address) {
  Listener listener{listenTcp(address, 128), 0};
  listener.port = localAddress(listener.socket.get()).port;
  return listener;
}

UniqueFd connectTcp(const HostPort& address, Deadline deadline) {
  std::string lastError = "the deadline passed before the first attempt";
  auto retryPause = std::chrono::milliseconds(10);
  do {
    const AddrInfoList candidates = resolve(address, false);
    for (const addrinfo* info = candidates.get(); info != nullptr; info = info->ai_next) {
      UniqueFd fd = openStreamSocket(info->ai_family, info->ai_socktype, info->ai_protocol);
      checkSystemCall(fd.get(), "socket");
      int error = 0;
      if (::connect(fd.get(), info->ai_addr, info->ai_addrlen) != 0) {
        error = errno;
        if (error == EINPROGRESS) {
          if (!waitFor(fd.get(), POLLOUT, deadline)) {
            lastError = "no TCP answer";
            continue;
          }
          socklen_t length = sizeof error;
          checkSystemCall(::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &error, &length), "getsockopt(SO_ERROR)");
        }
      }
      if (error == 0) {
        tuneStream(fd.get());
        return fd;
      }
      if (!worthRetrying(error)) {
        throw NetError(NetError::Kind::Io,
                       fmt::format("cannot connect to {}: {}", formatHostPort(address), errnoText(error)));
      }
      lastError = errnoText(error);
    }
    std::this_thread::sleep_for(std::min<SteadyClock::duration>(retryPause, deadline - SteadyClock::now()));
    retryPause = std::min(retryPause * 2, std::chrono::milliseconds(50));
  } while (SteadyClock::now() < deadline);
  throw NetError(NetError::Kind::Timeout, fmt::format("connecting to {} timed out: {} until the deadline",
                                                      formatHostPort(address), lastError));
}

std::optional<UniqueFd> acceptNow(int listenFd, std::string* peerAddress) {
  for (;;) {
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    UniqueFd fd(::accept4(listenFd, reinterpret_cast<sockaddr*>(&storage), &length, SOCK_NONBLOCK | SOCK_CLOEXEC));
    if (!fd.valid()) {
      if (errno == EINTR) continue;
      // ECONNABORTED: a connection that died in the backlog.
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ECONNABORTED) return std::nullopt;
      checkSystemCall(-1, "accept");
    }
    tuneStream(fd.get());
    if (peerAddress != nullptr) {
      *peerAddress = formatHostPort(numericAddress(reinterpret_cast<const sockaddr*>(&storage), length));
    }
    return fd;
  }
}

std::optional<UniqueFd> acceptTcp(int listenFd, Deadline deadline, std::string* peerAddress) {
  while (waitFor(listenFd, POLLIN, deadline)) {
    if (auto fd = acceptNow(listenFd, peerAddress)) return fd;
  }
  return std::nullopt;
}

void sendAll(int fd, std::span<const std::uint8_t> bytes, Deadline deadline) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    // MSG_NOSIGNAL: a peer that went away must be an error value, not a SIGPIPE.
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (!waitFor(fd, POLLOUT, deadline)) {
        throw NetError(NetError::Kind::Timeout, fmt::format("send timed out after {} of {} bytes", sent, bytes.size()));
      }
      continue;
    }
    checkSystemCall(-1, "send");
  }
}

void receiveExact(int fd, std::span<std::uint8_t> bytes, Deadline deadline) {
  std::size_t received = 0;
  while (received < bytes.size()) {
    const ssize_t n = ::recv(fd, bytes.data() + received, bytes.size() - received, 0);
    if (n > 0) {
      received += static_cast<std::size_t>(n);
      continue;
    }
    if (n == 0) {
      throw NetError(NetError::Kind::Io,
                     fmt::format("connection closed by the peer after {} of {} bytes", received, bytes.size()));
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      if (!waitFor(fd, POLLIN, deadline)) {
        throw NetError(NetError::Kind::Timeout,
                       fmt::format("receive timed out after {} of {} bytes", received, bytes.size()));
      }
      continue;
    }
    checkSystemCall(-1, "recv");
  }
}

}  // namespace archi::net
