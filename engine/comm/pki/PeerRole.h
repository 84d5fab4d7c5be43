#pragma once
// Who a certificate belongs to. The role travels in the certificate (subject OU and a SAN
// URI) so that a node certificate can never pass as a worker's, and vice versa.

#include <optional>
#include <string>
#include <string_view>

namespace archi::pki {

enum class PeerRole { Console, Node, Worker };

std::string_view toString(PeerRole role);
std::optional<PeerRole> parsePeerRole(std::string_view text);

// Names and run ids go into certificate fields and SAN URIs: [A-Za-z0-9._-], 1..64 chars.
bool isValidPkiName(std::string_view text);

}  // namespace archi::pki
