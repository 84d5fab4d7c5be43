#include "control/FreePorts.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace archi {

std::vector<int> pickFreeLoopbackPorts(int count) {
  std::vector<int> sockets;
  std::vector<int> ports;
  const auto closeAll = [&sockets] {
    for (int fd : sockets) ::close(fd);
  };
  for (int i = 0; i < count; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
      closeAll();
      throw std::runtime_error(std::string("cannot open a socket to find a free port: ") + std::strerror(errno));
    }
    sockets.push_back(fd);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      const std::string reason = std::strerror(errno);
      closeAll();
      throw std::runtime_error("cannot find a free loopback port: " + reason);
    }
    ports.push_back(ntohs(address.sin_port));
  }
  closeAll();
  return ports;
}

}  // namespace archi
