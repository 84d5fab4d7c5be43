#include "control/DatacenterPlacement.h"

#include <arpa/inet.h>

namespace archi {

bool isValidNetnsName(const std::string& name) {
  if (name.empty() || name.size() > 64 || name == "." || name == "..") return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool isIpv4Address(const std::string& text) {
  in_addr address{};
  return ::inet_pton(AF_INET, text.c_str(), &address) == 1;
}

std::variant<ParsedPlacement, std::string> parseDatacenterPlacement(const std::string& text) {
  const auto equals = text.find('=');
  if (equals == std::string::npos) return "'" + text + "': expected DC=NETNS:IPv4";
  const auto colon = text.find(':', equals + 1);
  if (colon == std::string::npos)
    return "'" + text + "': expected DC=NETNS:IPv4 (no ':' after the namespace)";
  ParsedPlacement parsed;
  parsed.datacenter = text.substr(0, equals);
  parsed.placement.netns = text.substr(equals + 1, colon - equals - 1);
  parsed.placement.address = text.substr(colon + 1);
  if (parsed.datacenter.empty()) return "'" + text + "': the datacenter id before '=' is empty";
  if (!isValidNetnsName(parsed.placement.netns)) {
    return "'" + text + "': namespace name '" + parsed.placement.netns +
           "' must be 1-64 characters of [A-Za-z0-9._-]";
  }
  if (!isIpv4Address(parsed.placement.address)) {
    return "'" + text + "': '" + parsed.placement.address + "' is not an IPv4 address";
  }
  return parsed;
}

}  // namespace archi
