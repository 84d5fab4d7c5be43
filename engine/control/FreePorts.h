#pragma once
// Loopback ports for a run on this machine (rendezvous stores, WAN listeners): the kernel
// picks free ones; all are held until every one is chosen so none repeats.

#include <string>
#include <vector>

namespace archi {

// Throws std::runtime_error when the kernel cannot give that many.
std::vector<int> pickFreeLoopbackPorts(int count);
// The same on the address `host` (a node agent hands out ports on the address it serves).
std::vector<int> pickFreePorts(const std::string& host, int count);

}  // namespace archi
