#include "train/OuterSync.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

#include "core/RunEvents.h"
#include "core/WallClock.h"

namespace archi {
namespace {

// Attempts of one outer all-reduce (each failure re-forms the group first).
constexpr int kRoundAttempts = 3;

}  // namespace

comm::ValueFormat wireFormatFor(Compression compression) {
  switch (compression) {
    case Compression::Fp32: return comm::ValueFormat::Fp32;
    case Compression::Bf16: return comm::ValueFormat::Bf16;
    case Compression::Int8: return comm::ValueFormat::Int8Block;
  }
  return comm::ValueFormat::Int8Block;
}

OuterSync::OuterSync(const DilocoWorkerConfig& config, comm::OuterGroup* leaders, WorkerObserver& observer, Trainer& trainer)
    : config_(config),
      leaders_(leaders),
      observer_(observer),
      trainer_(trainer),
      parameters_(trainer.parameterCount()),
      global_(parameters_),
      momentum_(parameters_, 0.0f),
      pseudoGradient_(parameters_),
      mergedFrom_(leaders != nullptr ? static_cast<std::size_t>(leaders->worldSize()) : 0, 0) {
  trainer_.model().getParameters(global_);
}

bool OuterSync::multiDatacenter() const { return leaders_ != nullptr && leaders_->worldSize() > 1; }

double OuterSync::knockWindow_s(double roundTarget_s) const {
  if (config_.knock_window_s > 0.0) return config_.knock_window_s;
  // Long enough for the group to reach its next round boundary, where knocks are answered.
  return std::max(30.0, 1.5 * roundTarget_s + 15.0);
}

std::int64_t OuterSync::estimatedRunTokens(const RunCounters& counters) const {
  const bool outside = multiDatacenter() && config_.run.train.sync == SyncMode::DiLoCo && !leaders_->member();
  return counters.globalTokens + (outside ? unsyncedTokens_ * config_.dc_count : 0);
}

void OuterSync::start(RunCounters& counters, double roundTarget_s) {
  if (!multiDatacenter()) return;
  form(config_.wan_form_timeout_s, config_.rejoining ? knockWindow_s(roundTarget_s) : 0.0,
       config_.rejoining ? "re-joining the run" : "run start", counters);
  if (config_.rejoining && !leaders_->member()) {
    // No group answered the knock: when every leader restarted (a power cut, a resumed run)
    // there is none, and each would knock on the others for ever. Form with whoever else is
    // starting; with a group running after all, this finds no quorum and changes nothing.
    form(config_.wan_form_timeout_s, 0.0, "no group answered: forming anew", counters);
  }
}

void OuterSync::restartFromTrainer() {
  trainer_.model().getParameters(global_);
  std::fill(momentum_.begin(), momentum_.end(), 0.0f);
}

OuterState OuterSync::snapshot(const RunCounters& counters) const {
  return OuterState{version_, counters.round, counters.globalTokens, unsyncedTokens_, global_, momentum_, mergedFrom_};
}

void OuterSync::restore(const OuterState& state, RunCounters& counters) {
  if (state.global.size() != parameters_ || state.momentum.size() != parameters_ || state.mergedFrom.size() != mergedFrom_.size()) {
    throw std::invalid_argument("outer state: does not fit this run's model or leaders");
  }
  global_ = state.global;
  momentum_ = state.momentum;
  mergedFrom_ = state.mergedFrom;
  version_ = state.version;
  unsyncedTokens_ = state.unsyncedTokens;
  counters.round = state.round;
  counters.globalTokens = state.globalTokens;
}

void OuterSync::outerStep(std::int64_t roundTokens, RunCounters& counters, double roundTarget_s, WorkerRoundReport& report) {
  trainer_.model().getParameters(pseudoGradient_);
  // Pseudo-gradient: how far this datacenter moved away from the global parameters.
  for (std::size_t i = 0; i < parameters_; ++i) pseudoGradient_[i] = global_[i] - pseudoGradient_[i];
  RoundOutcome outcome = RoundOutcome::Merged;
  double merged = static_cast<double>(roundTokens);
  if (multiDatacenter()) {
    if (!leaders_->member() && leaders_->shouldKnock()) {
      form(leaders_->reformTimeout_s(), knockWindow_s(roundTarget_s), "asking to re-join", counters);
      // Nobody answered: there may be no group to answer (a partition left every leader
      // outside, or they all restarted). Form with whoever else is outside and asking now;
      // with a group running after all, this finds no quorum and changes nothing.
      if (!leaders_->member()) form(leaders_->reformTimeout_s(), 0.0, "no group answered: forming anew", counters);
    }
    outcome = allReduceRound(static_cast<double>(roundTokens + unsyncedTokens_), report, counters);
    merged = outcome == RoundOutcome::Merged ? mergedTokens_ : 0.0;
  }
  switch (outcome) {
    case RoundOutcome::Merged: {
      // Outer Nesterov SGD on the averaged pseudo-gradient.
      const float lr = static_cast<float>(config_.run.train.outer_lr);
      const float mu = static_cast<float>(config_.run.train.outer_momentum);
      for (std::size_t i = 0; i < parameters_; ++i) {
        momentum_[i] = mu * momentum_[i] + pseudoGradient_[i];
        global_[i] -= lr * (pseudoGradient_[i] + mu * momentum_[i]);
      }
      if (multiDatacenter()) recordMerged(report.participant_names);
      trainer_.model().setParameters(global_);
      ++version_;
      unsyncedTokens_ = 0;
      break;
    }
    case RoundOutcome::AlreadyMerged:
      // The adopted global state holds this round's contribution and counts its tokens: it
      // is neither applied again nor counted again; the datacenter continues from that state.
      trainer_.model().setParameters(global_);
      unsyncedTokens_ = 0;
      skipExchange_ = true;
      break;
    case RoundOutcome::LeftOut:
      // Left out of the WAN group: train on from where we are; this progress goes into the
      // pseudo-gradient of the first round back in the group.
      unsyncedTokens_ += roundTokens;
      break;
  }
  counters.globalTokens += static_cast<std::int64_t>(std::llround(merged));
}

OuterSync::RoundOutcome OuterSync::allReduceRound(double weight, WorkerRoundReport& report, RunCounters& counters) {
  const SteadyClock::time_point start = SteadyClock::now();
  comm::OuterReduceOptions options;
  options.format = wireFormatFor(config_.run.train.compression);
  options.stream = "pseudo-gradient";
  // The global version this contribution was computed from. A re-forming may adopt a newer
  // global state: if that state already merged this contribution (we missed only the end of
  // a round the others completed), it is dropped; otherwise it stays valid, since the local
  // parameters then move with the global ones, and is sent again from the new version.
  std::uint64_t contributionVersion = version_;
  const std::vector<float> contribution = pseudoGradient_;
  std::string failure;
  for (int attempt = 0; attempt < kRoundAttempts && leaders_->member(); ++attempt) {
    try {
      options.baseVersion = version_;
      const comm::OuterReduceReport wan = leaders_->allReduce(pseudoGradient_, weight, options);
      mergedTokens_ = wan.totalWeight;
      report.bytes_on_wire = wan.bytesSent;
      report.compression_ratio = wan.compressionRatio;
      report.duration_ms = secondsSince(start) * 1e3;
      report.participants = static_cast<int>(wan.participants.size());
      report.participant_names.clear();
      report.peers = wan.peers;
      for (const comm::OuterParticipant& participant : wan.participants) report.participant_names.push_back(participant.name);
      if (!failure.empty()) {
        observer_.onEvent(events::outerRoundRecovered(counters.round + 1, report.participants, secondsSince(start), failure));
      }
      return RoundOutcome::Merged;
    } catch (const comm::CollectiveError& e) {
      failure = e.what();
      observer_.onEvent(events::outerRoundFailed(counters.round + 1, secondsSince(start), e.what()));
      pseudoGradient_ = contribution;
      form(leaders_->reformTimeout_s(), 0.0, "after a failed round", counters);
      if (version_ != contributionVersion) {
        if (mergedFrom_[static_cast<std::size_t>(leaders_->rank())] > contributionVersion) {
          report.participants = leaders_->groupSize();
          report.duration_ms = secondsSince(start) * 1e3;
          // The adopted state counted the round that merged us (its version): this round ends
          // as that one, not one later, so the round number agrees with the other leaders'.
          counters.round = std::min<std::int64_t>(counters.round, static_cast<std::int64_t>(version_) - 1);
          observer_.onEvent(events::contributionAlreadyMerged(counters.round + 1, version_, contributionVersion));
          return RoundOutcome::AlreadyMerged;
        }
        contributionVersion = version_;
      }
    }
  }
  report.participants = 1;
  report.duration_ms = secondsSince(start) * 1e3;
  if (leftOutSince_s_ == 0.0) leftOutSince_s_ = unixSeconds();
  observer_.onEvent(events::leftOutOfRound(counters.round + 1, !leaders_->member(), static_cast<std::int64_t>(weight)));
  return RoundOutcome::LeftOut;
}

void OuterSync::recordMerged(const std::vector<std::string>& participants) {
  for (const std::string& name : participants) {
    for (int rank = 0; rank < leaders_->worldSize(); ++rank) {
      if (leaders_->nameOf(rank) == name) mergedFrom_[static_cast<std::size_t>(rank)] = version_ + 1;
    }
  }
}

void OuterSync::exchange(double meanStepMs, bool stopRequested, bool& stopAgreed, double& roundTarget_s,
                         RunCounters& counters) {
  if (!multiDatacenter()) return;
  const bool abandoned = std::exchange(skipExchange_, false);
  if (!leaders_->member()) {
    stopAgreed = stopAgreed || stopRequested;  // nobody to vote with
    // Outside any group we answer knocks too: a leader outside like us asks, and the two (and
    // whoever else is asking) may hold a quorum. Otherwise leaders left outside together each
    // wait for a group that no longer runs.
    if (!stopAgreed && leaders_->knocked()) form(leaders_->reformTimeout_s(), 0.0, "a leader asked to join", counters);
    return;
  }
  if (abandoned) {
    // We missed only the end of a round the others completed: their exchange of it failed when
    // we left and they re-formed with us, so the group's next all-reduce is the next round's
    // pseudo-gradient. An exchange now would meet that instead and fail the round for everyone.
    return;
  }
  // One small sum per round: every leader's mean step time (to retarget the time box to the
  // fastest datacenter's H steps), its stop vote, and whether a leader outside the group
  // knocked (then the group re-forms after this round to let it in).
  const auto members = static_cast<std::size_t>(leaders_->groupSize());
  std::vector<float> facts(members + 2, 0.0f);
  facts[static_cast<std::size_t>(leaders_->groupRank())] = static_cast<float>(meanStepMs);
  facts[members] = stopRequested ? 1.0f : 0.0f;
  facts[members + 1] = leaders_->knocked() ? 1.0f : 0.0f;
  comm::OuterReduceOptions plain;
  plain.format = comm::ValueFormat::Fp32;
  plain.errorFeedback = false;
  plain.average = false;
  plain.baseVersion = version_;
  try {
    leaders_->allReduce(facts, 1.0, plain);
  } catch (const comm::CollectiveError& e) {
    observer_.onEvent(events::wanExchangeFailed(counters.round + 1, e.what()));
    form(leaders_->reformTimeout_s(), 0.0, "after a failed exchange", counters);
    return;
  }
  stopAgreed = stopAgreed || facts[members] > 0.5f;
  const float fastest = *std::min_element(facts.begin(), facts.begin() + static_cast<std::ptrdiff_t>(members));
  if (config_.round_target_s > 0.0 && fastest > 0.0f) roundTarget_s = config_.run.train.inner_steps * fastest / 1e3;
  if (facts[members + 1] > 0.5f && !stopAgreed) form(leaders_->reformTimeout_s(), 0.0, "a leader asked to join", counters);
}

std::optional<comm::OuterReduceReport> OuterSync::allReduceGradient(std::vector<float>& gradient, double tokens,
                                                                 RunCounters& counters, double roundTarget_s) {
  if (!leaders_->member() && leaders_->shouldKnock()) {
    form(leaders_->reformTimeout_s(), knockWindow_s(roundTarget_s), "asking to re-join", counters);
  }
  comm::OuterReduceOptions options;
  options.format = wireFormatFor(config_.run.train.compression);
  options.stream = "gradient";
  options.baseVersion = version_;
  const std::vector<float> mine = gradient;
  for (int attempt = 0; attempt < 2 && leaders_->member(); ++attempt) {
    try {
      return leaders_->allReduce(gradient, tokens, options);
    } catch (const comm::CollectiveError& e) {
      observer_.onEvent(events::ddpAllReduceFailed(e.what()));
      gradient = mine;
      form(leaders_->reformTimeout_s(), 0.0, "after a failed ddp step", counters);
    }
  }
  return std::nullopt;
}

void OuterSync::form(double timeout_s, double knock_s, const std::string& why, RunCounters& counters) {
  const bool wasMember = leaders_->member();
  const comm::OuterFormation formation = leaders_->form(version_, timeout_s, knock_s);
  if (!formation.member) {
    if (leftOutSince_s_ == 0.0) leftOutSince_s_ = unixSeconds();
    observer_.onEvent(events::wanGroupLeftOut(why, leaders_->worldSize() / 2 + 1, formation.unreachable, formation.disagreement,
                                              formation.duration_s));
    return;
  }
  if (formation.needsStateShare) adoptNewestState(formation, counters);
  const double leftOut_s = leftOutSince_s_ > 0.0 ? unixSeconds() - leftOutSince_s_ : 0.0;
  leftOutSince_s_ = 0.0;
  const bool fullGroup = static_cast<int>(formation.members.size()) == leaders_->worldSize();
  const int knocks = wasMember ? 0 : static_cast<int>(formation.knockedBy.size());
  observer_.onEvent(events::wanGroupFormed(why, formation.members, formation.unreachable, formation.epoch, fullGroup,
                                           formation.duration_s, leftOut_s, knocks));
}

namespace {

// Counters travel in the shared state as floats: exact 24-bit pieces (fp32 carries integers
// below 2^24 exactly), two per counter, so up to 2^48.
void putCounter(float* out, std::uint64_t value) {
  out[0] = static_cast<float>(value >> 24);
  out[1] = static_cast<float>(value & 0xFFFFFFu);
}
std::uint64_t getCounter(const float* in) {
  return (static_cast<std::uint64_t>(in[0]) << 24) + static_cast<std::uint64_t>(in[1]);
}

}  // namespace

void OuterSync::adoptNewestState(const comm::OuterFormation& formation, RunCounters& counters) {
  // The member with the newest global state shares global parameters, outer momentum, the
  // run's token count, its version and whose contributions it merged; members behind take
  // them and keep their own unsynced progress as a difference from the new global parameters
  // (it joins the next round's pseudo-gradient unless the new state already merged it).
  const bool behind = formation.versions[static_cast<std::size_t>(leaders_->groupRank())] <
                      formation.versions[static_cast<std::size_t>(formation.sourceRank)];
  std::vector<float> local(parameters_);
  trainer_.model().getParameters(local);
  const std::size_t counterAt = 2 * parameters_;
  shared_.resize(counterAt + 4 + 2 * mergedFrom_.size());
  std::copy(global_.begin(), global_.end(), shared_.begin());
  std::copy(momentum_.begin(), momentum_.end(), shared_.begin() + static_cast<std::ptrdiff_t>(parameters_));
  putCounter(&shared_[counterAt], static_cast<std::uint64_t>(counters.globalTokens));
  putCounter(&shared_[counterAt + 2], version_);
  for (std::size_t rank = 0; rank < mergedFrom_.size(); ++rank) putCounter(&shared_[counterAt + 4 + 2 * rank], mergedFrom_[rank]);
  try {
    leaders_->shareState(shared_, formation.sourceRank);
  } catch (const comm::CollectiveError& e) {
    observer_.onEvent(events::stateShareFailed(e.what()));
    return;
  }
  if (!behind) return;
  const std::uint64_t sourceTokens = getCounter(&shared_[counterAt]);
  const std::uint64_t sourceVersion = getCounter(&shared_[counterAt + 2]);
  for (std::size_t i = 0; i < parameters_; ++i) {
    const float progress = global_[i] - local[i];
    global_[i] = shared_[i];
    momentum_[i] = shared_[parameters_ + i];
    local[i] = global_[i] - progress;
  }
  for (std::size_t rank = 0; rank < mergedFrom_.size(); ++rank) mergedFrom_[rank] = getCounter(&shared_[counterAt + 4 + 2 * rank]);
  trainer_.model().setParameters(local);
  observer_.onEvent(events::globalStateTaken(formation.members[static_cast<std::size_t>(formation.sourceRank)], sourceVersion,
                                             version_, sourceTokens, unsyncedTokens_));
  version_ = sourceVersion;
  counters.globalTokens = static_cast<std::int64_t>(sourceTokens);
  // A restarted leader counts rounds on from the run's outer steps (its datacenter takes them from it).
  counters.round = std::max<std::int64_t>(counters.round, static_cast<std::int64_t>(sourceVersion));
}

}  // namespace archi
