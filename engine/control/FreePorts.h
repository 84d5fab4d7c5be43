#pragma once
// Loopback ports for a run on this machine (rendezvous stores, WAN listeners): the kernel
// picks free ones; all are held until every one is chosen so none repeats.

#include <vector>

namespace archi {

// Throws std::runtime_error when the kernel cannot give that many.
std::vector<int> pickFreeLoopbackPorts(int count);

}  // namespace archi
