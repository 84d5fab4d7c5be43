#include "comm/wan/ElasticLeaders.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <bit>

#include "comm/wan/PeerLink.h"
#include "comm/wan/TlsContext.h"
#include "comm/wan/WanConnector.h"
#include "comm/wan/WanError.h"

namespace archi::wan {
namespace {

constexpr int kMaxLeaders = 16;
constexpr std::size_t kViewBytes = 12;  // u32 reach mask, u64 state version

Clock::duration toDuration(double seconds) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
}

bool knownEdge(const std::vector<std::uint32_t>& reach, int a, int b) {
  const std::uint32_t bitA = 1u << a;
  const std::uint32_t bitB = 1u << b;
  const bool knowA = reach[static_cast<std::size_t>(a)] != 0;
  const bool knowB = reach[static_cast<std::size_t>(b)] != 0;
  if (!knowA && !knowB) return false;
  if (knowA && (reach[static_cast<std::size_t>(a)] & bitB) == 0) return false;
  if (knowB && (reach[static_cast<std::size_t>(b)] & bitA) == 0) return false;
  return true;
}

}  // namespace

std::uint32_t chooseMembers(const std::vector<std::uint32_t>& reach, int quorum) {
  const int world = static_cast<int>(reach.size());
  if (world < 1 || world > kMaxLeaders) return 0;
  std::uint32_t best = 0;
  int bestSize = 0;
  for (std::uint32_t mask = 1; mask < (1u << world); ++mask) {
    const int size = std::popcount(mask);
    if (size < quorum || size < bestSize || (size == bestSize && mask > best)) continue;
    bool clique = true;
    for (int a = 0; a < world && clique; ++a) {
      if ((mask & (1u << a)) == 0) continue;
      for (int b = a + 1; b < world && clique; ++b) {
        if ((mask & (1u << b)) != 0) clique = knownEdge(reach, a, b);
      }
    }
    if (clique) {
      best = mask;
      bestSize = size;
    }
  }
  return best;
}

struct ElasticLeaders::State {
  ElasticLeadersConfig config;
  Listener listener;
  std::unique_ptr<TlsContext> tls;
  int streams = 0;
  std::uint32_t maxPayloadBytes = 0;
  std::unique_ptr<WanGroup> group;
  std::vector<int> memberRanks;  // full ranks of the group's members, in group rank order
  LinkCutCheck cutCheck;
  Clock::time_point lastAttempt = Clock::now();
  std::uint64_t lastCutGeneration = 0;

  int world() const { return static_cast<int>(config.group.leaders.size()); }
  int me() const { return config.group.rank; }
  const std::string& nameOf(int rank) const { return config.group.leaders[static_cast<std::size_t>(rank)].name; }

  // Exchanges views over every link; drops links whose view does not come. Returns the
  // reach masks (0 where unknown) and versions by full rank.
  void exchangeViews(std::vector<PeerLink>& links, std::uint64_t version, std::vector<std::uint32_t>& reach,
                     std::vector<std::uint64_t>& versions, Deadline deadline);
};

void ElasticLeaders::State::exchangeViews(std::vector<PeerLink>& links, std::uint64_t version,
                                          std::vector<std::uint32_t>& reach, std::vector<std::uint64_t>& versions,
                                          Deadline deadline) {
  std::uint32_t mine = 1u << me();
  for (const PeerLink& link : links) mine |= 1u << link.rank;
  std::vector<std::uint8_t> payload;
  putU32(payload, mine);
  putU64(payload, version);
  const auto frame = encodeFrame({FrameType::View, WireFormat::Fp32, 0, 0, 0, 0}, payload);
  std::vector<bool> ok(links.size(), true);
  for (std::size_t i = 0; i < links.size(); ++i) {
    try {
      links[i].streams.front()->tls->writeAll(frame, deadline, "view");
    } catch (const WanError& e) {
      config.group.logger->warn("WAN: no view sent to {}: {}", links[i].label, e.what());
      ok[i] = false;
    }
  }
  for (std::size_t i = 0; i < links.size(); ++i) {
    if (!ok[i]) continue;
    StreamChannel& channel = *links[i].streams.front();
    try {
      const Frame view = channel.tls->readFrame(channel.assembler, deadline, "view");
      if (view.header.type != FrameType::View || view.payload.size() != kViewBytes) {
        throw WanError(WanError::Kind::Protocol, "expected a view, got a " + std::string(toString(view.header.type)) +
                                                     " frame of " + std::to_string(view.payload.size()) + " bytes");
      }
      reach[static_cast<std::size_t>(links[i].rank)] = getU32(view.payload, 0) & ((1u << world()) - 1);
      versions[static_cast<std::size_t>(links[i].rank)] = getU64(view.payload, 4);
    } catch (const WanError& e) {
      config.group.logger->warn("WAN: no view from {}: {}", links[i].label, e.what());
      ok[i] = false;
    }
  }
  std::vector<PeerLink> kept;
  mine = 1u << me();
  for (std::size_t i = 0; i < links.size(); ++i) {
    if (ok[i]) {
      mine |= 1u << links[i].rank;
      kept.push_back(std::move(links[i]));
    } else {
      for (auto& channel : links[i].streams) channel->tls->shutdown();
    }
  }
  links = std::move(kept);
  reach[static_cast<std::size_t>(me())] = mine;
  versions[static_cast<std::size_t>(me())] = version;
}

ElasticLeaders::ElasticLeaders(ElasticLeadersConfig config, Listener listener) : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.config = std::move(config);
  if (!s.config.group.logger) s.config.group.logger = spdlog::default_logger();
  if (s.world() > kMaxLeaders) {
    throw WanError(WanError::Kind::Config, "at most " + std::to_string(kMaxLeaders) + " datacenter leaders");
  }
  s.listener = std::move(listener);
  s.tls = std::make_unique<TlsContext>(s.config.group.identity, s.config.group.policy, s.config.group.logger);
  if (s.tls->ownCertificate().commonName != s.nameOf(s.me())) {
    throw WanError(WanError::Kind::Config, s.config.group.identity.certificate.string() + " is issued to '" +
                                               s.tls->ownCertificate().commonName + "', but this leader is listed as '" +
                                               s.nameOf(s.me()) + "'; the other leaders would refuse it");
  }
  s.streams = s.config.group.streamsPerPeer > 0
                  ? s.config.group.streamsPerPeer
                  : defaultStreamsForLink(s.config.group.link_gbit, s.config.group.link_rtt_ms);
  s.maxPayloadBytes = maxWanPayloadBytes(s.config.group);
  std::shared_ptr<LinkCuts> cuts = s.config.cuts;
  s.cutCheck = [cuts](int peer) { return cuts != nullptr && cuts->isCut(peer); };
  if (cuts) {
    // Every link gets the cut on top of whatever shaping (emulation) it already has.
    auto inner = s.config.group.shaperForPeer;
    s.config.group.shaperForPeer = [cuts, inner](int peer) -> std::unique_ptr<LinkShaper> {
      return std::make_unique<CuttableShaper>(cuts, peer, inner ? inner(peer) : nullptr);
    };
    s.lastCutGeneration = cuts->generation();
  }
}

ElasticLeaders::~ElasticLeaders() = default;

Formation ElasticLeaders::form(std::uint64_t version, double timeout_s, double knock_s) {
  State& s = *state_;
  const Clock::time_point start = Clock::now();
  s.group.reset();
  s.memberRanks.clear();
  s.lastAttempt = start;
  if (s.config.cuts) s.lastCutGeneration = s.config.cuts->generation();

  if (knock_s > 0.0) {
    const int answered = knockOnLeaders(s.config.group, *s.tls, s.maxPayloadBytes, start + toDuration(knock_s), s.cutCheck);
    if (answered == 0) {
      Formation alone;
      for (int rank = 0; rank < s.world(); ++rank) {
        if (rank != s.me()) alone.unreachable.push_back(s.nameOf(rank));
      }
      alone.duration_s = secondsSince(start);
      return alone;
    }
  }
  const Deadline connected = Clock::now() + toDuration(timeout_s);
  ReachableLinks reached =
      connectReachableLeaders(s.config.group, *s.tls, s.listener, s.streams, s.maxPayloadBytes, connected, s.cutCheck);
  std::vector<std::uint32_t> reach(static_cast<std::size_t>(s.world()), 0);
  std::vector<std::uint64_t> versions(static_cast<std::size_t>(s.world()), 0);
  // A peer ends its connecting at its own deadline (about ours): its view may come that late.
  s.exchangeViews(reached.links, version, reach, versions, connected + toDuration(s.config.view_timeout_s));
  const std::uint32_t chosen = chooseMembers(reach, s.world() / 2 + 1);

  Formation formation;
  formation.knockedBy = reached.knockedBy;
  for (int rank = 0; rank < s.world(); ++rank) {
    if ((chosen & (1u << rank)) != 0) {
      s.memberRanks.push_back(rank);
    } else {
      formation.unreachable.push_back(s.nameOf(rank));
    }
  }
  formation.member = (chosen & (1u << s.me())) != 0;
  if (!formation.member) {
    s.memberRanks.clear();
    for (PeerLink& link : reached.links) {
      for (auto& channel : link.streams) channel->tls->shutdown();
    }
    formation.duration_s = secondsSince(start);
    s.config.group.logger->warn("WAN: formed no group with a quorum that includes this leader in {:.1f} s; "
                                "training on alone until one lets us in",
                                formation.duration_s);
    return formation;
  }

  WanGroupConfig groupConfig = s.config.group;
  groupConfig.leaders.clear();
  std::vector<PeerLink> links;
  std::uint64_t newest = 0;
  for (std::size_t i = 0; i < s.memberRanks.size(); ++i) {
    const int rank = s.memberRanks[i];
    groupConfig.leaders.push_back(s.config.group.leaders[static_cast<std::size_t>(rank)]);
    formation.members.push_back(s.nameOf(rank));
    formation.versions.push_back(versions[static_cast<std::size_t>(rank)]);
    if (rank == s.me()) groupConfig.rank = static_cast<int>(i);
    if (formation.sourceRank < 0 || versions[static_cast<std::size_t>(rank)] > newest) {
      newest = versions[static_cast<std::size_t>(rank)];
      formation.sourceRank = static_cast<int>(i);
    }
  }
  formation.needsStateShare = std::any_of(formation.versions.begin(), formation.versions.end(),
                                          [&](std::uint64_t v) { return v != formation.versions.front(); });
  for (PeerLink& link : reached.links) {
    const auto member = std::find(s.memberRanks.begin(), s.memberRanks.end(), link.rank);
    if (member == s.memberRanks.end()) {
      for (auto& channel : link.streams) channel->tls->shutdown();
      continue;
    }
    link.rank = static_cast<int>(member - s.memberRanks.begin());
    links.push_back(std::move(link));
  }
  std::sort(links.begin(), links.end(), [](const PeerLink& a, const PeerLink& b) { return a.rank < b.rank; });
  s.group = std::make_unique<WanGroup>(std::move(groupConfig), std::move(links));
  formation.duration_s = secondsSince(start);
  std::string names;
  for (const std::string& name : formation.members) names += (names.empty() ? "" : ", ") + name;
  s.config.group.logger->info("WAN: formed a group of {} leaders ({}) in {:.1f} s", formation.members.size(), names,
                              formation.duration_s);
  return formation;
}

bool ElasticLeaders::member() const { return state_->group != nullptr; }
int ElasticLeaders::groupSize() const { return state_->group ? state_->group->worldSize() : 0; }
int ElasticLeaders::groupRank() const { return state_->group ? state_->group->rank() : -1; }
int ElasticLeaders::rank() const { return state_->me(); }
int ElasticLeaders::worldSize() const { return state_->world(); }
int ElasticLeaders::streamsPerPeer() const { return state_->streams; }
const std::string& ElasticLeaders::name() const { return state_->nameOf(state_->me()); }
const ElasticLeadersConfig& ElasticLeaders::config() const { return state_->config; }

AllReduceReport ElasticLeaders::allReduce(std::span<float> values, double weight, const AllReduceOptions& options) {
  State& s = *state_;
  if (!s.group) throw WanError(WanError::Kind::Config, "not in a WAN group: form one first");
  try {
    return s.group->allReduce(values, weight, options);
  } catch (const WanError&) {
    s.group.reset();  // unusable after a failure; closing it tells the peers at once
    s.memberRanks.clear();
    throw;
  }
}

void ElasticLeaders::shareState(std::span<float> state, int sourceRank) {
  State& s = *state_;
  if (!s.group) throw WanError(WanError::Kind::Config, "not in a WAN group: form one first");
  // A plain sum in which only the source contributes: exact in fp32 (x + 0 + ... + 0).
  if (s.group->rank() != sourceRank) std::fill(state.begin(), state.end(), 0.0f);
  AllReduceOptions plain;
  plain.format = WireFormat::Fp32;
  plain.errorFeedback = false;
  plain.average = false;
  allReduce(state, 1.0, plain);
}

bool ElasticLeaders::knocked() {
  State& s = *state_;
  return answerPendingKnocks(s.config.group, *s.tls, s.listener, s.maxPayloadBytes, s.cutCheck);
}

bool ElasticLeaders::shouldKnock() {
  State& s = *state_;
  if (s.group) return false;
  if (s.config.cuts && s.config.cuts->generation() != s.lastCutGeneration) return true;
  return secondsSince(s.lastAttempt) >= s.config.knock_interval_s;
}

}  // namespace archi::wan
