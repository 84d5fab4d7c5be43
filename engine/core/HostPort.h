#pragma once
// A network endpoint as the user writes it: "host:port", or "[v6-address]:port".

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace archi {

struct HostPort {
  std::string host;  // IP literal or name; "[::1]" brackets are not kept
  std::uint16_t port = 0;
};

// Parses "host:port" or "[v6-address]:port"; on failure returns nullopt and explains in `error`.
std::optional<HostPort> parseHostPort(std::string_view text, std::string& error);
std::string formatHostPort(const HostPort& address);

}  // namespace archi
