#include "comm/gloo/Socket.h"

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

#include <cerrno>
#include <charconv>
#include <climits>
#include <cstring>
#include <memory>
#include <thread>

#include "comm/gloo/RendezvousError.h"

namespace archi::comm {
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
    throw RendezvousError(RendezvousError::Kind::Io,
                          fmt::format("cannot resolve {}: {}", formatHostPort(address), gai_strerror(code)));
  }
  return AddrInfoList(result);
}

std::string errnoText(int error) { return std::strerror(error); }

// Waits until `fd` is ready for `events` or the deadline passes; returns false on timeout.
bool waitReady(int fd, short events, SteadyClock::time_point deadline) {
  for (;;) {
    pollfd entry{fd, events, 0};
    const int ready = ::poll(&entry, 1, millisecondsUntil(deadline));
    if (ready > 0) return true;
    if (ready == 0) return false;
    if (errno != EINTR) checkSystemCall(ready, "poll");
  }
}

}  // namespace

std::optional<HostPort> parseHostPort(std::string_view text, std::string& error) {
  HostPort result;
  std::string_view portText;
  if (!text.empty() && text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      error = fmt::format("'{}' is not [IPv6-address]:port", text);
      return std::nullopt;
    }
    result.host = std::string(text.substr(1, close - 1));
    portText = text.substr(close + 2);
  } else {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos || text.find(':') != colon) {
      error = fmt::format("'{}' is not host:port (write IPv6 addresses as [address]:port)", text);
      return std::nullopt;
    }
    result.host = std::string(text.substr(0, colon));
    portText = text.substr(colon + 1);
  }
  if (result.host.empty()) {
    error = fmt::format("'{}' has no host", text);
    return std::nullopt;
  }
  unsigned port = 0;
  const auto [end, code] = std::from_chars(portText.data(), portText.data() + portText.size(), port);
  if (code != std::errc() || end != portText.data() + portText.size() || port > 65535) {
    error = fmt::format("'{}' has no valid port (0-65535)", text);
    return std::nullopt;
  }
  result.port = static_cast<std::uint16_t>(port);
  return result;
}

std::string formatHostPort(const HostPort& address) {
  if (address.host.find(':') != std::string::npos) return fmt::format("[{}]:{}", address.host, address.port);
  return fmt::format("{}:{}", address.host, address.port);
}

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
  if (result < 0) {
    throw RendezvousError(RendezvousError::Kind::Io, fmt::format("{}: {}", operation, errnoText(errno)));
  }
}

int millisecondsUntil(SteadyClock::time_point deadline) {
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - SteadyClock::now()).count();
  if (left <= 0) return 0;
  return left > INT_MAX ? INT_MAX : static_cast<int>(left);
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
    throw RendezvousError(RendezvousError::Kind::Io,
                          fmt::format("network interface '{}' has no IP address (interfaces with one:{})", name, known));
  }
  return found;
}

UniqueFd listenTcp(const HostPort& address, int backlog) {
  const AddrInfoList candidates = resolve(address, true);
  std::string lastError = "no address";
  for (const addrinfo* info = candidates.get(); info != nullptr; info = info->ai_next) {
    UniqueFd fd(::socket(info->ai_family, info->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, info->ai_protocol));
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
  throw RendezvousError(RendezvousError::Kind::Io, fmt::format("cannot listen on {}: {} (is the address one of this "
                                                               "host's interfaces, and the port free?)",
                                                               formatHostPort(address), lastError));
}

HostPort localAddress(int fd) {
  sockaddr_storage storage{};
  socklen_t length = sizeof storage;
  checkSystemCall(::getsockname(fd, reinterpret_cast<sockaddr*>(&storage), &length), "getsockname");
  char host[NI_MAXHOST];
  char port[NI_MAXSERV];
  const int code = getnameinfo(reinterpret_cast<sockaddr*>(&storage), length, host, sizeof host, port, sizeof port,
                               NI_NUMERICHOST | NI_NUMERICSERV);
  if (code != 0) throw RendezvousError(RendezvousError::Kind::Io, fmt::format("getnameinfo: {}", gai_strerror(code)));
  return HostPort{host, static_cast<std::uint16_t>(std::stoi(port))};
}

UniqueFd connectTcp(const HostPort& address, SteadyClock::time_point deadline) {
  std::string lastError = "deadline passed before the first attempt";
  auto retryPause = std::chrono::milliseconds(10);
  do {
    const AddrInfoList candidates = resolve(address, false);
    for (const addrinfo* info = candidates.get(); info != nullptr; info = info->ai_next) {
      UniqueFd fd(::socket(info->ai_family, info->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, info->ai_protocol));
      if (!fd.valid()) {
        lastError = errnoText(errno);
        continue;
      }
      int error = 0;
      if (::connect(fd.get(), info->ai_addr, info->ai_addrlen) != 0) {
        error = errno;
        if (error == EINPROGRESS) {
          if (!waitReady(fd.get(), POLLOUT, deadline)) {
            lastError = "connection attempt timed out";
            continue;
          }
          socklen_t length = sizeof error;
          checkSystemCall(::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &error, &length), "getsockopt(SO_ERROR)");
        }
      }
      if (error == 0) {
        const int one = 1;
        checkSystemCall(::setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one), "setsockopt(TCP_NODELAY)");
        return fd;
      }
      lastError = errnoText(error);
    }
    std::this_thread::sleep_for(std::min<SteadyClock::duration>(retryPause, deadline - SteadyClock::now()));
    retryPause = std::min(retryPause * 2, std::chrono::milliseconds(200));
  } while (SteadyClock::now() < deadline);
  throw RendezvousError(RendezvousError::Kind::Timeout,
                        fmt::format("cannot connect to {} before the deadline: {} (is the datacenter leader "
                                    "running and serving the rendezvous store there?)",
                                    formatHostPort(address), lastError));
}

void sendAll(int fd, std::span<const std::uint8_t> bytes, SteadyClock::time_point deadline) {
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
      if (!waitReady(fd, POLLOUT, deadline)) {
        throw RendezvousError(RendezvousError::Kind::Timeout,
                              fmt::format("send timed out after {} of {} bytes", sent, bytes.size()));
      }
      continue;
    }
    checkSystemCall(-1, "send");
  }
}

void receiveExact(int fd, std::span<std::uint8_t> bytes, SteadyClock::time_point deadline) {
  std::size_t received = 0;
  while (received < bytes.size()) {
    const ssize_t n = ::recv(fd, bytes.data() + received, bytes.size() - received, 0);
    if (n > 0) {
      received += static_cast<std::size_t>(n);
      continue;
    }
    if (n == 0) {
      throw RendezvousError(RendezvousError::Kind::Io,
                            fmt::format("connection closed by the peer after {} of {} bytes", received, bytes.size()));
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      if (!waitReady(fd, POLLIN, deadline)) {
        throw RendezvousError(RendezvousError::Kind::Timeout,
                              fmt::format("receive timed out after {} of {} bytes", received, bytes.size()));
      }
      continue;
    }
    checkSystemCall(-1, "recv");
  }
}

}  // namespace archi::comm
