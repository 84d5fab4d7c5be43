#pragma once
// The inter-datacenter group: one process per datacenter leader, each pair joined by
// several TLS 1.3 streams. allReduce() is the DiLoCo outer-round collective: every leader
// contributes its flat pseudo-gradient and a weight (tokens processed); every leader gets
// back the same weighted average (or weighted sum) and a report of what crossed the wire.
//
// Algorithm: reduce-scatter + all-gather. Leader f owns fragment f (1/n of the buffer,
// split into chunks). Each leader scales its values by w / W, encodes them (with error
// feedback) and sends chunk c of fragment f to f on stream c mod S; the owner sums the n
// contributions of a chunk in rank order as soon as they are all there, encodes the sum
// (with its own error feedback) and sends it to everyone — so reduce and gather of
// different chunks overlap. The owner uses the decoded sum itself, so that all leaders end
// with bit-identical results. Every wait is bounded by a deadline; a leader that misses it
// is named in the error.
//
// Accuracy, per value, against the exact sum of the scaled contributions c_r = x_r * w_r / W:
//   fp32: equal to the serial sum — c_r rounded to fp32, summed in rank order in double,
//         rounded to fp32 once;
//   bf16: |error| <= 2^-8 * (sum_r |c_r| + |sum|);
//   int8: |error| <= (sum_r m_r + m_sum) / 254, where m_r and m_sum are the largest |c_r|
//         and |sum| in the value's 256-value block (half a quantisation step, once for each
//         contribution on the wire and once for the gathered sum).
// With error feedback what a round loses is added to the next round's values of the same
// stream (AllReduceOptions::stream), so the error of the sum over rounds stays at one round's
// error instead of growing; all-reduces of other streams, or without feedback, never touch it.
// Every frame carries the group's epoch (WanGroupConfig::epoch) and the weight frame the global
// version the contribution comes from: a frame of another epoch, or a contribution of another
// version, fails the round with both named.

#include <spdlog/logger.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "comm/collective/OuterGroup.h"
#include "comm/wan/LinkShaper.h"
#include "comm/wan/WanSockets.h"
#include "comm/wan/TlsContext.h"
#include "comm/wan/WireFormat.h"
#include "core/NetworkModel.h"

namespace archi::wan {

struct LeaderAddress {
  std::string name;  // the CN of the leader's certificate
  std::string host;
  std::uint16_t port = 0;
};

struct WanGroupConfig {
  int rank = 0;
  std::vector<LeaderAddress> leaders;  // every leader in rank order, this one included
  TlsIdentity identity;
  PeerPolicy policy;
  int streamsPerPeer = 0;  // 0: from the link's bandwidth-delay product
  double link_gbit = 0.1;  // used for the stream default
  double link_rtt_ms = 50.0;
  std::uint32_t chunkElements = 64 * 1024;  // a multiple of kInt8BlockElements
  double connect_timeout_s = 30.0;
  double round_timeout_s = 120.0;
  std::uint64_t epoch = 0;  // the formation this group is (ElasticLeaders); every frame carries it
  std::shared_ptr<spdlog::logger> logger;  // default: spdlog's default logger
  // Optional per-link shaping (emulation): called once per peer rank.
  std::function<std::unique_ptr<LinkShaper>(int peerRank)> shaperForPeer;
};

// Parallel streams that keep a link of this bandwidth and RTT full, as the planner predicts
// them (core/NetworkModel.h): one per 2 MiB of bandwidth-delay product, from 2 to 16.
inline int defaultStreamsForLink(double link_gbit, double link_rtt_ms) { return streamsForLink(link_gbit, link_rtt_ms); }

// The outer group's all-reduce types (comm/collective/OuterGroup.h), under their WAN names.
using AllReduceOptions = comm::OuterReduceOptions;
using Participant = comm::OuterParticipant;
using AllReduceReport = comm::OuterReduceReport;

struct PeerLink;

// The largest frame payload a group with this config accepts.
std::uint32_t maxWanPayloadBytes(const WanGroupConfig& config);

class WanGroup {
 public:
  // `listener` was bound beforehand so that its port could be handed to the others.
  // Connects to every leader (lower ranks are dialed, higher ranks dial us) or throws
  // WanError naming who did not connect in time.
  WanGroup(WanGroupConfig config, Listener listener);
  // A group over links connected beforehand (re-forming after a fault, see ElasticLeaders):
  // `config.leaders` lists the members in rank order; links[i] joins us to member i (i < rank)
  // or i + 1, each with the configured stream count. Throws WanError (Config) otherwise.
  WanGroup(WanGroupConfig config, std::vector<PeerLink> links);
  ~WanGroup();
  WanGroup(const WanGroup&) = delete;
  WanGroup& operator=(const WanGroup&) = delete;

  // In place: `values` holds this leader's contribution on entry and the result on return.
  // Throws WanError on timeout (naming the leaders that were late), on a peer's abort or
  // on malformed input; the group is unusable afterwards.
  AllReduceReport allReduce(std::span<float> values, double weight,
                            const AllReduceOptions& options = {});

  void resetErrorFeedback();
  int rank() const;
  int worldSize() const;
  int streamsPerPeer() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace archi::wan
