#pragma once
// The datacenter leader's outer loop (DiLoCo, docs/architecture.md#the-outer-loop): it keeps
// the global parameters and the outer Nesterov momentum, turns each round's local progress into
// a pseudo-gradient, averages it with the other datacenters' over the leaders' group
// (comm::OuterGroup: the TLS WAN group, or an in-memory one in tests), weighted by tokens, and
// applies the outer step to the trainer's parameters. Each contribution is tagged with the
// global version it was computed from; a newer state adopted from a peer that already merged it
// is never applied again.
//
// It also carries the WAN faults (issue 5): a round that fails re-forms the group among the
// leaders that still reach each other and is retried; a leader left out of every group with a
// quorum trains on and keeps its progress for later; one that comes back (or was restarted)
// takes the newest global state from a peer, its own progress carried over as a difference.
// Each of these is reported as an event with what it cost. Only merged rounds count towards
// the run's token budget, so every member of a group holds the same count and they all end
// after the same round.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "comm/collective/OuterGroup.h"
#include "train/DilocoWorker.h"
#include "train/OuterCheckpoint.h"
#include "train/Trainer.h"

namespace archi {

// What a datacenter's workers agree on about the run (the leader's values are the truth).
struct RunCounters {
  std::int64_t globalTokens = 0;  // tokens of every datacenter merged so far
  std::int64_t round = 0;         // outer rounds this datacenter went through
};

class OuterSync {
 public:
  // `leaders` is null (or holds one leader) for a single-datacenter run. The global
  // parameters start as the trainer's.
  OuterSync(const DilocoWorkerConfig& config, comm::OuterGroup* leaders, WorkerObserver& observer, Trainer& trainer);

  bool multiDatacenter() const;
  // The run's tokens as this leader can tell: outside the WAN group it assumes the others
  // keep pace with its own unmerged tokens.
  std::int64_t estimatedRunTokens(const RunCounters& counters) const;
  // How new this leader's global state is: the outer steps applied to it (never goes back).
  std::uint64_t version() const { return version_; }

  // Run start: forms the WAN group (knocking first when re-joining a run in progress) and
  // takes a newer global state from a peer when there is one.
  void start(RunCounters& counters, double roundTarget_s);
  // End of a round of `roundTokens` local tokens: the outer step (merged with the other
  // datacenters when the WAN group allows); fills the report's WAN fields.
  void outerStep(std::int64_t roundTokens, RunCounters& counters, double roundTarget_s, WorkerRoundReport& report);
  // After the outer step: every leader's mean step time (the next round's time box), the stop
  // vote and knocks of leaders waiting to join (the group then re-forms now).
  void exchange(double meanStepMs, bool stopRequested, bool& stopAgreed, double& roundTarget_s, RunCounters& counters);
  // ddp: the WAN all-reduce of one step's gradient, in place, weighted by `tokens`; nullopt
  // when this datacenter is outside the group (its own gradient is used alone).
  std::optional<comm::OuterReduceReport> allReduceGradient(std::vector<float>& gradient, double tokens, RunCounters& counters,
                                                        double roundTarget_s);
  // A single datacenter's restarted leader: the outer loop restarts from the trainer's
  // parameters (the old leader's outer momentum is lost).
  void restartFromTrainer();
  // The outer loop's state for a checkpoint (OuterCheckpoint.h), and back: a resumed or
  // restarted leader continues from it (its version tells the WAN group how new it is).
  OuterState snapshot(const RunCounters& counters) const;
  void restore(const OuterState& state, RunCounters& counters);

 private:
  enum class RoundOutcome {
    Merged,         // the group merged our contribution: apply the outer step
    AlreadyMerged,  // an adopted newer global state already holds it: nothing to apply
    LeftOut,        // no group took it: keep it for the first round back
  };
  RoundOutcome allReduceRound(double weight, WorkerRoundReport& report, RunCounters& counters);
  // After a merged round: every participant's contribution from version_ is in the state.
  void recordMerged(const std::vector<std::string>& participants);
  void form(double timeout_s, double knock_s, const std::string& why, RunCounters& counters);
  void adoptNewestState(const comm::OuterFormation& formation, RunCounters& counters);
  double knockWindow_s(double roundTarget_s) const;

  const DilocoWorkerConfig& config_;
  comm::OuterGroup* leaders_;
  WorkerObserver& observer_;
  Trainer& trainer_;
  std::size_t parameters_;
  std::vector<float> global_;          // the global parameters after the last outer step
  std::vector<float> momentum_;        // outer Nesterov momentum
  std::vector<float> pseudoGradient_;  // this round's, then the group's average
  std::vector<float> shared_;          // global parameters, momentum and counters, to share with a re-joiner
  // By full leader rank: 1 + the global version of the last contribution of that leader the
  // global state merged (0: none). Shared with the state, so a leader that adopts a newer
  // state knows whether its in-flight contribution is already in it.
  std::vector<std::uint64_t> mergedFrom_;
  std::uint64_t version_ = 0;          // outer steps applied to global_ (how new our global state is)
  std::int64_t unsyncedTokens_ = 0;    // tokens trained since global_ while left out of the WAN group
  double mergedTokens_ = 0.0;          // every member's tokens in the last outer all-reduce
  double leftOutSince_s_ = 0.0;        // unixSeconds() when this leader was left out, 0 while a member
  // This round's contribution was already merged: the other members' exchange of the round
  // failed when we left, so there is none to meet (see exchange()).
  bool skipExchange_ = false;
};

// The wire format a run's compression setting asks for.
comm::ValueFormat wireFormatFor(Compression compression);

}  // namespace archi
