#include "control/FreePorts.h"

#include <stdexcept>

#include "comm/net/Socket.h"

namespace archi {

std::vector<int> pickFreeLoopbackPorts(int count) { return pickFreePorts("127.0.0.1", count); }

std::vector<int> pickFreePorts(const std::string& host, int count) {
  std::vector<net::UniqueFd> held;  // closed together at the end, so that no port repeats
  std::vector<int> ports;
  try {
    for (int i = 0; i < count; ++i) {
      held.push_back(net::listenTcp({host, 0}, 1));
      ports.push_back(net::localAddress(held.back().get()).port);
    }
  } catch (const net::NetError& e) {
    throw std::runtime_error(std::string("cannot find a free port on " + host + ": ") + e.what());
  }
  return ports;
}

}  // namespace archi
