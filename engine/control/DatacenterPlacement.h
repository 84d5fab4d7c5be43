#pragma once
// Where a datacenter's workers run on this machine (issue 5 item 7): inside a Linux network
// namespace, reachable at one IPv4 address of it. Its rendezvous store, its leader's WAN
// listener and its workers' fabric all use that address, so traffic between datacenters
// crosses real (veth, tbf-shaped) links instead of loopback.

#include <map>
#include <string>
#include <variant>

namespace archi {

struct DatacenterPlacement {
  std::string netns;    // name under /run/netns (as `ip netns add` creates it)
  std::string address;  // IPv4 dotted quad assigned inside that namespace
  bool operator==(const DatacenterPlacement&) const = default;
};

// Datacenter id -> placement; datacenters not listed run in this namespace on 127.0.0.1.
using DatacenterPlacements = std::map<std::string, DatacenterPlacement>;

// Parses "DC=NS:IP" (as `archi run --netns` takes it). On error returns a message naming the
// offending part of the text.
struct ParsedPlacement {
  std::string datacenter;
  DatacenterPlacement placement;
};
std::variant<ParsedPlacement, std::string> parseDatacenterPlacement(const std::string& text);

// Names `ip netns` accepts and that cannot escape /run/netns: [A-Za-z0-9._-], 1..64, not "." or
// "..".
bool isValidNetnsName(const std::string& name);
bool isIpv4Address(const std::string& text);

}  // namespace archi
