#include "core/HostPort.h"

#include <charconv>

namespace archi {

std::optional<HostPort> parseHostPort(std::string_view text, std::string& error) {
  HostPort result;
  std::string_view portText;
  if (!text.empty() && text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      error = "'" + std::string(text) + "' is not [IPv6-address]:port";
      return std::nullopt;
    }
    result.host = std::string(text.substr(1, close - 1));
    portText = text.substr(close + 2);
  } else {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos || text.find(':') != colon) {
      error = "'" + std::string(text) + "' is not host:port (write IPv6 addresses as [address]:port)";
      return std::nullopt;
    }
    result.host = std::string(text.substr(0, colon));
    portText = text.substr(colon + 1);
  }
  if (result.host.empty()) {
    error = "'" + std::string(text) + "' has no host";
    return std::nullopt;
  }
  unsigned port = 0;
  const auto [end, code] = std::from_chars(portText.data(), portText.data() + portText.size(), port);
  if (code != std::errc() || end != portText.data() + portText.size() || port > 65535) {
    error = "'" + std::string(text) + "' has no valid port (0-65535)";
    return std::nullopt;
  }
  result.port = static_cast<std::uint16_t>(port);
  return result;
}

std::string formatHostPort(const HostPort& address) {
  const std::string port = std::to_string(address.port);
  if (address.host.find(':') != std::string::npos) return "[" + address.host + "]:" + port;
  return address.host + ":" + port;
}

}  // namespace archi
