#include "comm/pki/PeerRole.h"

#include <algorithm>

namespace archi::pki {

std::string_view toString(PeerRole role) {
  switch (role) {
    case PeerRole::Console:
      return "console";
    case PeerRole::Node:
      return "node";
    case PeerRole::Worker:
      return "worker";
  }
  return "unknown";
}

std::optional<PeerRole> parsePeerRole(std::string_view text) {
  for (PeerRole role : {PeerRole::Console, PeerRole::Node, PeerRole::Worker}) {
    if (text == toString(role)) return role;
  }
  return std::nullopt;
}

bool isValidPkiName(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

}  // namespace archi::pki
