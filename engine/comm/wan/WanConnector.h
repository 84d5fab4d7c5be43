#pragma once
// Builds the mesh of a WanGroup: each leader dials every lower rank and accepts every
// higher rank, `streams` TLS streams per pair, each admitted by a hello that names the
// dialer's rank and the stream's index. The listener's side admits connections under the
// limits of WanAdmission.h (leader hosts only, concurrent handshakes, a pre-authentication
// deadline). A refused or silent peer is logged and skipped; the setup fails at its deadline
// naming the leaders that never joined.

#include <functional>
#include <vector>

#include "comm/wan/PeerLink.h"
#include "comm/wan/TlsContext.h"
#include "comm/wan/WanGroup.h"

namespace archi::wan {

std::vector<PeerLink> connectLeaders(const WanGroupConfig& config, const TlsContext& context,
                                     Listener& listener, int streams,
                                     std::uint32_t maxPayloadBytes);

// Whether the link to a peer rank is cut (emulated fault); such a peer is neither dialed nor
// admitted while it lasts.
using LinkCutCheck = std::function<bool(int peerRank)>;

struct ReachableLinks {
  std::vector<PeerLink> links;  // complete links only (every stream admitted)
  std::vector<int> knockedBy;   // ranks that knocked while we were forming
};

// Re-forming after a fault: the same mesh rule as connectLeaders, but whoever is not
// connected by `deadline` is left out instead of failing the setup. Lower ranks are dialed
// in parallel (retrying while they are busy or refuse), higher ranks are waited for.
ReachableLinks connectReachableLeaders(const WanGroupConfig& config, const TlsContext& context,
                                       Listener& listener, int streams,
                                       std::uint32_t maxPayloadBytes, Deadline deadline,
                                       const LinkCutCheck& cut);

// A leader outside the group asks every other leader to re-form with it: a group answers the
// knock between two rounds and re-forms right after. Returns how many leaders answered
// before `deadline` (a short grace after the first answer).
int knockOnLeaders(const WanGroupConfig& config, const TlsContext& context, std::uint32_t maxPayloadBytes,
                   Deadline deadline, const LinkCutCheck& cut);

// Between rounds: answers every connection waiting on the listener, all at once and within
// AdmissionLimits::betweenRoundsDeadline (knocks are acknowledged, early dialers are told to
// retry). True when a leader of this run wants to (re)join.
bool answerPendingKnocks(const WanGroupConfig& config, const TlsContext& context, Listener& listener,
                         std::uint32_t maxPayloadBytes, const LinkCutCheck& cut);

}  // namespace archi::wan
