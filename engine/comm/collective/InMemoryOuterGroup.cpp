#include "comm/collective/InMemoryOuterGroup.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/WallClock.h"

namespace archi::comm {
namespace {

using Clock = SteadyClock;

// Formation attempts when the members disagree, as the WAN group does.
constexpr int kFormationAttempts = 3;

Clock::time_point after(double seconds) {
  return Clock::now() + toSteadyDuration(seconds);
}

bool takeOnce(std::set<std::pair<int, int>>& losses, int from, int to) {
  return losses.erase({from, to}) > 0;
}

}  // namespace

InMemoryOuterNetwork::InMemoryOuterNetwork(std::vector<std::string> names) : names_(std::move(names)) {
  if (names_.empty() || static_cast<int>(names_.size()) > kMaxOuterLeaders) {
    throw CollectiveError(CollectiveError::Kind::InvalidArgument,
                          "an outer group has 1 to " + std::to_string(kMaxOuterLeaders) + " leaders");
  }
}

void InMemoryOuterNetwork::changed() {
  ++generation_;
  wake_.notify_all();
}

bool InMemoryOuterNetwork::reaches(int from, int to) const {
  return from == to || (lost_.count({from, to}) == 0 && dead_.count(from) == 0 && dead_.count(to) == 0);
}

void InMemoryOuterNetwork::loseOneWay(int from, int to) {
  std::lock_guard lock(mutex_);
  lost_.insert({from, to});
  changed();
}
void InMemoryOuterNetwork::restoreOneWay(int from, int to) {
  std::lock_guard lock(mutex_);
  lost_.erase({from, to});
  changed();
}
void InMemoryOuterNetwork::cut(int a, int b) {
  std::lock_guard lock(mutex_);
  lost_.insert({a, b});
  lost_.insert({b, a});
  changed();
}
void InMemoryOuterNetwork::heal(int a, int b) {
  std::lock_guard lock(mutex_);
  lost_.erase({a, b});
  lost_.erase({b, a});
  changed();
}
void InMemoryOuterNetwork::loseNextView(int from, int to) {
  std::lock_guard lock(mutex_);
  lostViews_.insert({from, to});
}
void InMemoryOuterNetwork::loseNextConfirmation(int from, int to) {
  std::lock_guard lock(mutex_);
  lostConfirmations_.insert({from, to});
}
void InMemoryOuterNetwork::failAfterOthersComplete(int leader, const std::string& stream) {
  std::lock_guard lock(mutex_);
  failAfterComplete_[leader] = stream;
}
void InMemoryOuterNetwork::kill(int leader) {
  std::lock_guard lock(mutex_);
  dead_.insert(leader);
  changed();
}
void InMemoryOuterNetwork::revive(int leader) {
  std::lock_guard lock(mutex_);
  dead_.erase(leader);
  changed();
}
bool InMemoryOuterNetwork::alive(int leader) const {
  std::lock_guard lock(mutex_);
  return dead_.count(leader) == 0;
}
std::uint64_t InMemoryOuterNetwork::faultGeneration() const {
  std::lock_guard lock(mutex_);
  return generation_;
}

InMemoryOuterGroup::InMemoryOuterGroup(InMemoryOuterNetwork& network, int rank, double reformTimeout_s, double roundTimeout_s)
    : network_(network), rank_(rank), reformTimeout_s_(reformTimeout_s), roundTimeout_s_(roundTimeout_s) {
  if (rank < 0 || rank >= network.worldSize()) {
    throw CollectiveError(CollectiveError::Kind::InvalidArgument, "leader rank " + std::to_string(rank) + " outside the network");
  }
}

int InMemoryOuterGroup::groupRank() const {
  const auto at = std::find(members_.begin(), members_.end(), rank_);
  return at == members_.end() ? -1 : static_cast<int>(at - members_.begin());
}

OuterFormation InMemoryOuterGroup::form(std::uint64_t version, double timeout_s, double knock_s) {
  using Session = InMemoryOuterNetwork::Formation;
  InMemoryOuterNetwork& n = network_;
  const Clock::time_point start = Clock::now();
  std::unique_lock lock(n.mutex_);
  leave();  // forming drops the current group, as closing its links does
  seenGeneration_ = n.generation_;
  const int world = n.worldSize();
  const auto connectable = [&](int a, int b) { return n.reaches(a, b) && n.reaches(b, a); };
  OuterFormation formation;
  if (n.dead_.count(rank_) != 0) {
    throw CollectiveError(CollectiveError::Kind::PeerFailure, name() + " is killed");
  }
  if (knock_s > 0.0) {
    // Wait for a formation that another leader opened (a member answers our knock with one).
    n.knocking_.insert(rank_);
    n.changed();
    const bool answered = n.wake_.wait_until(lock, after(knock_s), [&] {
      return n.formation_ && !n.formation_->closed && !n.formation_->arrived.empty();
    });
    n.knocking_.erase(rank_);
    if (!answered) {
      for (int rank = 0; rank < world; ++rank) {
        if (rank != rank_) formation.unreachable.push_back(nameOf(rank));
      }
      formation.duration_s = secondsSince(start);
      return formation;
    }
  }
  for (int attempt = 1; attempt <= kFormationAttempts; ++attempt) {
    if (!n.formation_ || n.formation_->closed) n.formation_ = std::make_shared<Session>();
    const std::shared_ptr<Session> session = n.formation_;
    session->arrived.insert(rank_);
    n.knocking_.erase(rank_);
    n.wake_.notify_all();
    // Connect: the session closes once every leader in it has met every live leader it can
    // reach, or at the first deadline. Not at the first leader whose own peers are all there: a
    // leader cut off from the others (or reaching fewer of them) would close the session on
    // leaders still waiting for theirs, who then form alone in the next one.
    n.wake_.wait_until(lock, after(timeout_s), [&] {
      if (session->closed) return true;
      for (int arrived : session->arrived) {
        for (int rank = 0; rank < world; ++rank) {
          if (connectable(arrived, rank) && session->arrived.count(rank) == 0) return false;
        }
      }
      return true;
    });
    session->closed = true;
    n.wake_.notify_all();

    // Views: what each reaches, sent to each leader it reaches; a lost view drops the link.
    LeaderViews sent;
    sent.reach.assign(static_cast<std::size_t>(world), 0);
    sent.versions.assign(static_cast<std::size_t>(world), 0);
    sent.epochs.assign(static_cast<std::size_t>(world), 0);
    std::uint32_t mine = 0;
    for (int rank : session->arrived) {
      if (connectable(rank_, rank)) mine |= 1u << rank;
    }
    sent.reach[static_cast<std::size_t>(rank_)] = mine;
    sent.versions[static_cast<std::size_t>(rank_)] = version;
    sent.epochs[static_cast<std::size_t>(rank_)] = newestEpoch_;
    session->viewsSent[rank_] = sent;
    ++session->viewsPosted;
    n.wake_.notify_all();
    n.wake_.wait(lock, [&] { return session->viewsPosted == static_cast<int>(session->arrived.size()); });
    LeaderViews views;
    views.reach.assign(static_cast<std::size_t>(world), 0);
    views.versions.assign(static_cast<std::size_t>(world), 0);
    views.epochs.assign(static_cast<std::size_t>(world), 0);
    std::uint32_t kept = 1u << rank_;
    for (int rank : session->arrived) {
      if (rank == rank_ || (mine & (1u << rank)) == 0) continue;
      const auto& theirs = session->viewsSent.at(rank);
      if (!n.reaches(rank, rank_) || takeOnce(n.lostViews_, rank, rank_)) continue;
      kept |= 1u << rank;
      const auto r = static_cast<std::size_t>(rank);
      views.reach[r] = theirs.reach[r];
      views.versions[r] = theirs.versions[r];
      views.epochs[r] = theirs.epochs[r];
    }
    views.reach[static_cast<std::size_t>(rank_)] = kept;
    views.versions[static_cast<std::size_t>(rank_)] = version;
    views.epochs[static_cast<std::size_t>(rank_)] = newestEpoch_;
    FormationPlan plan = planFormation(views, rank_, n.names());
    formation = plan.formation;
    formation.knockedBy.assign(n.knocking_.begin(), n.knocking_.end());

    // Confirmations: members tell every leader they kept a link to what they chose.
    if (formation.member) {
      newestEpoch_ = std::max(newestEpoch_, plan.epoch);
      session->confirmations[rank_] = {plan.chosen, plan.epoch};
    }
    session->keptLinks[rank_] = kept;
    ++session->confirmationsPosted;
    n.wake_.notify_all();
    n.wake_.wait(lock, [&] { return session->confirmationsPosted == static_cast<int>(session->arrived.size()); });
    if (!formation.member) {
      formation.duration_s = secondsSince(start);
      return formation;
    }
    std::vector<MemberConfirmation> confirmed(static_cast<std::size_t>(world));
    for (int rank : session->arrived) {
      const bool linked = rank == rank_ || ((kept & (1u << rank)) != 0 &&
                                            (session->keptLinks.at(rank) & (1u << rank_)) != 0);
      const auto theirs = session->confirmations.find(rank);
      if (!linked || theirs == session->confirmations.end()) continue;
      if (rank != rank_ && (!n.reaches(rank, rank_) || takeOnce(n.lostConfirmations_, rank, rank_))) continue;
      confirmed[static_cast<std::size_t>(rank)] = theirs->second;
    }
    formation.disagreement = checkConfirmations(plan.chosen, plan.epoch, confirmed, n.names());
    if (formation.disagreement.empty()) {
      members_ = plan.memberRanks;
      epoch_ = plan.epoch;
      roundsDone_ = 0;
      formation.duration_s = secondsSince(start);
      return formation;
    }
    // Disagreeing, we close our links as the WAN group does: members that accepted the set
    // fail their next all-reduce at once and re-form with us, instead of waiting out a round.
    n.departed_[plan.epoch].insert(rank_);
    n.wake_.notify_all();
    formation.member = false;
    formation.epoch = 0;
  }
  formation.duration_s = secondsSince(start);
  return formation;
}

void InMemoryOuterGroup::leave() {
  if (!members_.empty()) {
    network_.departed_[epoch_].insert(rank_);
    network_.wake_.notify_all();
  }
  members_.clear();
}

void InMemoryOuterGroup::failAndLeave(CollectiveError::Kind kind, const std::string& message) {
  leave();
  throw CollectiveError(kind, message);
}

OuterReduceReport InMemoryOuterGroup::allReduce(std::span<float> values, double weight, const OuterReduceOptions& options) {
  using Round = InMemoryOuterNetwork::Round;
  InMemoryOuterNetwork& n = network_;
  const Clock::time_point start = Clock::now();
  std::unique_lock lock(n.mutex_);
  if (members_.empty()) throw CollectiveError(CollectiveError::Kind::InvalidArgument, "not in an outer group: form one first");
  if (n.dead_.count(rank_) != 0) failAndLeave(CollectiveError::Kind::PeerFailure, name() + " is killed");
  // One round object per (epoch, round number): members of another formation never meet here.
  const std::uint64_t key = (epoch_ << 20) + roundsDone_;
  std::shared_ptr<Round>& slot = n.rounds_[key];
  if (!slot) {
    slot = std::make_shared<Round>();
    slot->members = members_;
    slot->stream = options.stream;
    slot->average = options.average;
  }
  const std::shared_ptr<Round> round = slot;
  if (round->stream != options.stream || round->average != options.average ||
      (!round->contributions.empty() && round->contributions.begin()->second.size() != values.size())) {
    round->failure = name() + " reduces " + std::to_string(values.size()) + " values of stream '" + options.stream +
                     "' where another member reduces stream '" + round->stream + "'";
  }
  round->contributions[rank_].assign(values.begin(), values.end());
  round->weights[rank_] = weight;
  round->versions[rank_] = options.baseVersion;
  round->epochs[rank_] = epoch_;
  if (static_cast<int>(round->contributions.size()) == static_cast<int>(round->members.size())) {
    for (int a : round->members) {
      for (int b : round->members) {
        if (!n.reaches(a, b) && round->failure.empty()) round->failure = "the link from " + nameOf(a) + " to " + nameOf(b) + " is cut";
      }
    }
    const std::uint64_t first = round->versions.begin()->second;
    for (const auto& [rank, version] : round->versions) {
      if (version != first && round->failure.empty()) {
        round->failure = nameOf(rank) + " contributes from global version " + std::to_string(version) + " but " +
                         nameOf(round->versions.begin()->first) + " from version " + std::to_string(first) +
                         "; contributions computed from different global states are never merged";
      }
    }
    if (round->failure.empty()) {
      double total = 0.0;
      for (const auto& [rank, w] : round->weights) total += w;
      round->result.assign(values.size(), 0.0f);
      for (std::size_t i = 0; i < values.size(); ++i) {
        double sum = 0.0;  // rank order, double accumulator: as the WAN group's fp32 sum
        for (int rank : round->members) {
          const float scale = static_cast<float>(round->average ? round->weights[rank] / total : round->weights[rank]);
          sum += static_cast<double>(round->contributions[rank][i] * scale);
        }
        round->result[i] = static_cast<float>(sum);
      }
    }
    round->finished = true;
    n.wake_.notify_all();
  }
  const double timeout_s = options.timeout_s > 0.0 ? options.timeout_s : roundTimeout_s_;
  const std::uint64_t epoch = epoch_;
  std::string gone;
  n.wake_.wait_until(lock, after(timeout_s), [&] {
    if (round->finished) return true;
    for (int rank : round->members) {
      if (n.dead_.count(rank) != 0 || n.departed_[epoch].count(rank) != 0) {
        gone = nameOf(rank) + (n.dead_.count(rank) != 0 ? " died" : " left the group");
        return true;
      }
    }
    return false;
  });
  ++round->collected;
  if (round->collected == static_cast<int>(round->members.size())) n.rounds_.erase(key);
  ++roundsDone_;
  if (!round->finished) {
    std::string missing;
    for (int rank : round->members) {
      if (round->contributions.count(rank) == 0) missing += (missing.empty() ? "" : ", ") + nameOf(rank);
    }
    failAndLeave(gone.empty() ? CollectiveError::Kind::Timeout : CollectiveError::Kind::PeerFailure,
                 "outer all-reduce of epoch " + std::to_string(epoch_) + ": no contribution from " + missing +
                     (gone.empty() ? "" : " (" + gone + ")"));
  }
  if (!round->failure.empty()) failAndLeave(CollectiveError::Kind::PeerFailure, round->failure);
  const auto injected = n.failAfterComplete_.find(rank_);
  if (injected != n.failAfterComplete_.end() && injected->second == options.stream) {
    n.failAfterComplete_.erase(injected);
    failAndLeave(CollectiveError::Kind::Timeout,
                 name() + " missed the last gather chunk of a round the other members completed (injected)");
  }
  std::copy(round->result.begin(), round->result.end(), values.begin());
  OuterReduceReport report;
  report.round = roundsDone_;
  for (int rank : round->members) {
    report.totalWeight += round->weights[rank];
    report.participants.push_back({static_cast<int>(report.participants.size()), nameOf(rank), round->weights[rank]});
  }
  report.duration_s = secondsSince(start);
  return report;
}

void InMemoryOuterGroup::shareState(std::span<float> state, int sourceRank) {
  // A plain sum in which only the source contributes: exact (x + 0 + ... + 0).
  if (groupRank() != sourceRank) std::fill(state.begin(), state.end(), 0.0f);
  OuterReduceOptions plain;
  plain.format = ValueFormat::Fp32;
  plain.errorFeedback = false;
  plain.average = false;
  plain.stream = "state";
  allReduce(state, 1.0, plain);
}

bool InMemoryOuterGroup::knocked() {
  std::lock_guard lock(network_.mutex_);
  for (int rank : network_.knocking_) {
    if (std::find(members_.begin(), members_.end(), rank) == members_.end() && network_.reaches(rank, rank_)) return true;
  }
  return false;
}

bool InMemoryOuterGroup::shouldKnock() {
  std::lock_guard lock(network_.mutex_);
  return members_.empty() && network_.generation_ != seenGeneration_;
}

}  // namespace archi::comm
