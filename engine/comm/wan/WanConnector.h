#pragma once
// Builds the mesh of a WanGroup: each leader dials every lower rank and accepts every
// higher rank, `streams` TLS streams per pair, each admitted by a hello that names the
// dialer's rank and the stream's index. A refused or silent peer is logged and skipped;
// the setup fails at its deadline naming the leaders that never joined.

#include <vector>

#include "comm/wan/PeerLink.h"
#include "comm/wan/TlsContext.h"
#include "comm/wan/WanGroup.h"

namespace archi::wan {

std::vector<PeerLink> connectLeaders(const WanGroupConfig& config, const TlsContext& context,
                                     Listener& listener, int streams,
                                     std::uint32_t maxPayloadBytes);

}  // namespace archi::wan
