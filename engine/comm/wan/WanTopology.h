#pragma once
// What the project's topology says about a datacenter's WAN links, for WanGroupConfig
// (link_gbit, link_rtt_ms, and so the default number of streams per peer).

#include <optional>
#include <string>

#include "core/Topology.h"

namespace archi::wan {

struct LinkProfile {
  double gbit = 0.0;
  double rtt_ms = 0.0;
};

// The least bandwidth and the longest RTT among the links that touch `datacenterId`;
// nullopt when it has none.
std::optional<LinkProfile> slowestLinkOf(const Topology& topology, const std::string& datacenterId);

}  // namespace archi::wan
