#include "comm/wan/WanTopology.h"

#include <algorithm>

namespace archi::wan {

std::optional<LinkProfile> slowestLinkOf(const Topology& topology,
                                         const std::string& datacenterId) {
  std::optional<LinkProfile> slowest;
  for (const WanLink& link : topology.links) {
    if (link.a != datacenterId && link.b != datacenterId) continue;
    if (!slowest) {
      slowest = LinkProfile{link.gbit, link.rtt_ms};
    } else {
      slowest->gbit = std::min(slowest->gbit, link.gbit);
      slowest->rtt_ms = std::max(slowest->rtt_ms, link.rtt_ms);
    }
  }
  return slowest;
}

}  // namespace archi::wan
