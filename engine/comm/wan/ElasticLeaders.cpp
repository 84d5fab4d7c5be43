#include "comm/wan/ElasticLeaders.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "comm/wan/PeerLink.h"
#include "comm/wan/TlsContext.h"
#include "comm/wan/WanConnector.h"
#include "comm/wan/WanError.h"

namespace archi::wan {

using comm::FormationPlan;
using comm::LeaderViews;
using comm::MemberConfirmation;

namespace {

constexpr int kMaxLeaders = comm::kMaxOuterLeaders;
constexpr std::size_t kViewBytes = 20;     // u32 reach mask, u64 state version, u64 newest epoch seen
constexpr std::size_t kConfirmBytes = 12;  // u32 chosen member mask, u64 epoch
// A formation whose members disagree (a view lost on the way) is tried again at once, since
// every leader that noticed does the same.
constexpr int kFormationAttempts = 3;

}  // namespace

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
  std::uint64_t epoch = 0;       // of the current group; 0 outside one
  std::uint64_t newestEpoch = 0;  // the newest epoch this leader proposed or joined

  int world() const { return static_cast<int>(config.group.leaders.size()); }
  int me() const { return config.group.rank; }
  const std::string& nameOf(int rank) const { return config.group.leaders[static_cast<std::size_t>(rank)].name; }

  std::vector<std::string> names() const {
    std::vector<std::string> all;
    for (const LeaderAddress& leader : config.group.leaders) all.push_back(leader.name);
    return all;
  }

  // Exchanges views over every link; drops links whose view does not come. Returns the
  // reach masks (0 where unknown), versions and newest epochs by full rank.
  LeaderViews exchangeViews(std::vector<PeerLink>& links, std::uint64_t version, Deadline deadline);
  // Tells every linked leader the set and epoch we chose and reads theirs; drops links whose
  // confirmation does not come. Returns the confirmations by full rank (ours included).
  std::vector<MemberConfirmation> exchangeConfirmations(std::vector<PeerLink>& links, const FormationPlan& plan,
                                                        Deadline deadline);
  // Sends `frame` on every link and reads one frame of `type` with `payloadBytes` from each;
  // links that fail either way are shut down and dropped. Returns the payloads by link.
  std::vector<std::vector<std::uint8_t>> exchangeOnLinks(std::vector<PeerLink>& links, const std::vector<std::uint8_t>& frame,
                                                         FrameType type, std::size_t payloadBytes, Deadline deadline);
  void shutDown(std::vector<PeerLink>& links) {
    for (PeerLink& link : links) {
      for (auto& channel : link.streams) channel->tls->shutdown();
    }
    links.clear();
  }
};

std::vector<std::vector<std::uint8_t>> ElasticLeaders::State::exchangeOnLinks(std::vector<PeerLink>& links,
                                                                               const std::vector<std::uint8_t>& frame,
                                                                               FrameType type, std::size_t payloadBytes,
                                                                               Deadline deadline) {
  const std::string what(toString(type));
  std::vector<bool> ok(links.size(), true);
  for (std::size_t i = 0; i < links.size(); ++i) {
    try {
      links[i].streams.front()->tls->writeAll(frame, deadline, what);
    } catch (const WanError& e) {
      config.group.logger->warn("WAN: no {} sent to {}: {}", what, links[i].label, e.what());
      ok[i] = false;
    }
  }
  std::vector<std::vector<std::uint8_t>> payloads(links.size());
  for (std::size_t i = 0; i < links.size(); ++i) {
    if (!ok[i]) continue;
    StreamChannel& channel = *links[i].streams.front();
    try {
      Frame received = channel.tls->readFrame(channel.assembler, deadline, what);
      if (received.header.type != type || received.payload.size() != payloadBytes) {
        throw WanError(WanError::Kind::Protocol, "expected a " + what + " of " + std::to_string(payloadBytes) +
                                                     " bytes, got a " + std::string(toString(received.header.type)) +
                                                     " frame of " + std::to_string(received.payload.size()) + " bytes");
      }
      payloads[i] = std::move(received.payload);
    } catch (const WanError& e) {
      config.group.logger->warn("WAN: no {} from {}: {}", what, links[i].label, e.what());
      ok[i] = false;
    }
  }
  std::vector<PeerLink> kept;
  std::vector<std::vector<std::uint8_t>> keptPayloads;
  for (std::size_t i = 0; i < links.size(); ++i) {
    if (ok[i]) {
      kept.push_back(std::move(links[i]));
      keptPayloads.push_back(std::move(payloads[i]));
    } else {
      for (auto& channel : links[i].streams) channel->tls->shutdown();
    }
  }
  links = std::move(kept);
  return keptPayloads;
}

LeaderViews ElasticLeaders::State::exchangeViews(std::vector<PeerLink>& links, std::uint64_t version, Deadline deadline) {
  std::uint32_t mine = 1u << me();
  for (const PeerLink& link : links) mine |= 1u << link.rank;
  std::vector<std::uint8_t> payload;
  putU32(payload, mine);
  putU64(payload, version);
  putU64(payload, newestEpoch);
  const auto frame = encodeFrame({FrameType::View, WireFormat::Fp32, 0, 0, 0, 0}, payload);
  const auto views = exchangeOnLinks(links, frame, FrameType::View, kViewBytes, deadline);
  LeaderViews result;
  result.reach.assign(static_cast<std::size_t>(world()), 0);
  result.versions.assign(static_cast<std::size_t>(world()), 0);
  result.epochs.assign(static_cast<std::size_t>(world()), 0);
  mine = 1u << me();
  for (std::size_t i = 0; i < links.size(); ++i) {
    const auto rank = static_cast<std::size_t>(links[i].rank);
    mine |= 1u << links[i].rank;
    result.reach[rank] = getU32(views[i], 0) & ((1u << world()) - 1);
    result.versions[rank] = getU64(views[i], 4);
    result.epochs[rank] = getU64(views[i], 12);
  }
  result.reach[static_cast<std::size_t>(me())] = mine;
  result.versions[static_cast<std::size_t>(me())] = version;
  result.epochs[static_cast<std::size_t>(me())] = newestEpoch;
  return result;
}

std::vector<MemberConfirmation> ElasticLeaders::State::exchangeConfirmations(std::vector<PeerLink>& links,
                                                                             const FormationPlan& plan, Deadline deadline) {
  std::vector<std::uint8_t> payload;
  putU32(payload, plan.chosen);
  putU64(payload, plan.epoch);
  const auto frame = encodeFrame({FrameType::Confirm, WireFormat::Fp32, 0, 0, 0, 0, plan.epoch}, payload);
  const auto confirmations = exchangeOnLinks(links, frame, FrameType::Confirm, kConfirmBytes, deadline);
  std::vector<MemberConfirmation> result(static_cast<std::size_t>(world()));
  for (std::size_t i = 0; i < links.size(); ++i) {
    result[static_cast<std::size_t>(links[i].rank)] = {getU32(confirmations[i], 0), getU64(confirmations[i], 4)};
  }
  result[static_cast<std::size_t>(me())] = {plan.chosen, plan.epoch};
  return result;
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
    const int answered = knockOnLeaders(s.config.group, *s.tls, s.maxPayloadBytes, start + toSteadyDuration(knock_s), s.cutCheck);
    if (answered == 0) {
      Formation alone;
      for (int rank = 0; rank < s.world(); ++rank) {
        if (rank != s.me()) alone.unreachable.push_back(s.nameOf(rank));
      }
      alone.duration_s = secondsSince(start);
      return alone;
    }
  }
  const std::vector<std::string> names = s.names();
  Formation formation;
  for (int attempt = 1; attempt <= kFormationAttempts; ++attempt) {
    const Deadline connected = Clock::now() + toSteadyDuration(timeout_s);
    ReachableLinks reached =
        connectReachableLeaders(s.config.group, *s.tls, s.listener, s.streams, s.maxPayloadBytes, connected, s.cutCheck);
    // A peer ends its connecting at its own deadline (about ours): its view may come that late.
    const LeaderViews views =
        s.exchangeViews(reached.links, version, connected + toSteadyDuration(s.config.view_timeout_s));
    FormationPlan plan = planFormation(views, s.me(), names);
    formation = plan.formation;
    formation.knockedBy.insert(formation.knockedBy.end(), reached.knockedBy.begin(), reached.knockedBy.end());
    if (!formation.member) {
      s.shutDown(reached.links);
      formation.duration_s = secondsSince(start);
      s.config.group.logger->warn("WAN: formed no group with a quorum that includes this leader in {:.1f} s; "
                                  "training on alone until one lets us in",
                                  formation.duration_s);
      return formation;
    }
    // Every leader confirms the set and epoch it chose to every leader it is linked to, so that
    // leaders that chose from different views (a view lost on the way) find out now, by name.
    s.newestEpoch = std::max(s.newestEpoch, plan.epoch);
    const std::vector<MemberConfirmation> confirmed =
        s.exchangeConfirmations(reached.links, plan, Clock::now() + toSteadyDuration(s.config.view_timeout_s));
    formation.disagreement = checkConfirmations(plan.chosen, plan.epoch, confirmed, names);
    if (!formation.disagreement.empty()) {
      s.shutDown(reached.links);
      s.config.group.logger->warn("WAN: formation attempt {} of {} failed: {}", attempt, kFormationAttempts,
                                  formation.disagreement);
      formation.member = false;
      formation.epoch = 0;
      continue;
    }

    WanGroupConfig groupConfig = s.config.group;
    groupConfig.leaders.clear();
    groupConfig.epoch = plan.epoch;
    for (std::size_t i = 0; i < plan.memberRanks.size(); ++i) {
      const int rank = plan.memberRanks[i];
      groupConfig.leaders.push_back(s.config.group.leaders[static_cast<std::size_t>(rank)]);
      if (rank == s.me()) groupConfig.rank = static_cast<int>(i);
    }
    std::vector<PeerLink> links;
    for (PeerLink& link : reached.links) {
      const auto member = std::find(plan.memberRanks.begin(), plan.memberRanks.end(), link.rank);
      if (member == plan.memberRanks.end()) {
        for (auto& channel : link.streams) channel->tls->shutdown();
        continue;
      }
      link.rank = static_cast<int>(member - plan.memberRanks.begin());
      links.push_back(std::move(link));
    }
    std::sort(links.begin(), links.end(), [](const PeerLink& a, const PeerLink& b) { return a.rank < b.rank; });
    s.memberRanks = plan.memberRanks;
    s.epoch = plan.epoch;
    s.group = std::make_unique<WanGroup>(std::move(groupConfig), std::move(links));
    formation.duration_s = secondsSince(start);
    std::string memberNames;
    for (const std::string& name : formation.members) memberNames += (memberNames.empty() ? "" : ", ") + name;
    s.config.group.logger->info("WAN: formed a group of {} leaders ({}) in epoch {} in {:.1f} s", formation.members.size(),
                                memberNames, plan.epoch, formation.duration_s);
    return formation;
  }
  formation.duration_s = secondsSince(start);
  return formation;
}

bool ElasticLeaders::member() const { return state_->group != nullptr; }
int ElasticLeaders::groupSize() const { return state_->group ? state_->group->worldSize() : 0; }
int ElasticLeaders::groupRank() const { return state_->group ? state_->group->rank() : -1; }
int ElasticLeaders::rank() const { return state_->me(); }
int ElasticLeaders::worldSize() const { return state_->world(); }
std::uint64_t ElasticLeaders::epoch() const { return state_->group ? state_->epoch : 0; }
int ElasticLeaders::streamsPerPeer() const { return state_->streams; }
const std::string& ElasticLeaders::name() const { return state_->nameOf(state_->me()); }
const std::string& ElasticLeaders::nameOf(int rank) const { return state_->nameOf(rank); }
double ElasticLeaders::reformTimeout_s() const { return state_->config.reform_timeout_s; }
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
