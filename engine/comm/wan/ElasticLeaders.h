#pragma once
// The inter-datacenter group that survives faults (issue 5, docs/architecture.md#faults): a leader
// that dies, a link that is cut or a leader that misses a round's deadline breaks the
// current WanGroup; the leaders that are still reachable re-form a group among themselves
// and go on, and a leader left out (restarted, or behind a cut link) knocks to be let back in.
//
// Forming: every leader connects to whoever it can reach before a deadline (the mesh rule of
// WanGroup: dial lower ranks, accept higher ones), then each tells each peer it reached which
// leaders it reached and how new its training state is (a "view"). From those views every
// leader computes the same group: the largest set of leaders that all reach each other, ties
// going to lower ranks, and only if it holds a quorum (a majority of all leaders), so a
// partition can never train two diverging models. A leader outside it sits the round out.
// Members whose state is older than the newest member's (a restarted leader, a leader back
// from behind a cut) copy it from that member (shareState) before the next all-reduce.

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "comm/wan/LinkCuts.h"
#include "comm/wan/WanGroup.h"

namespace archi::wan {

using comm::chooseMembers;

struct ElasticLeadersConfig {
  WanGroupConfig group;            // every leader of the run, in rank order; rank = ours
  double reform_timeout_s = 10.0;  // how long a leader re-forming after a fault waits for the others
  double view_timeout_s = 5.0;     // for the views once connected
  double knock_interval_s = 30.0;  // a leader outside the group asks to join at least this often
  std::shared_ptr<LinkCuts> cuts;  // emulated link cuts; null: none
};

using Formation = comm::OuterFormation;

class ElasticLeaders final : public comm::OuterGroup {
 public:
  // `listener` is bound to this leader's address for the whole run (also across re-forms).
  ElasticLeaders(ElasticLeadersConfig config, Listener listener);
  ~ElasticLeaders() override;

  // Forms a new group among the leaders reachable within `timeout_s` (drops the current one).
  // `version` says how new our state is (outer steps applied). With `knock_s` > 0 (a leader
  // joining a group that trains without it) we first knock for up to that long, and form
  // only once a leader answered (the group then re-forms at the same moment).
  Formation form(std::uint64_t version, double timeout_s, double knock_s = 0.0) override;

  bool member() const override;
  int groupSize() const override;  // 0 outside a group
  int groupRank() const override;  // -1 outside a group
  int rank() const override;       // among all leaders of the run
  int worldSize() const override;  // all leaders of the run
  std::uint64_t epoch() const override;
  int streamsPerPeer() const;
  const std::string& name() const override;
  const std::string& nameOf(int rank) const override;
  double reformTimeout_s() const override;
  const ElasticLeadersConfig& config() const;

  // The group's all-reduce. On WanError the group is dropped (member() becomes false) and
  // the error rethrown: the caller re-forms.
  AllReduceReport allReduce(std::span<float> values, double weight, const AllReduceOptions& options = {}) override;
  // Every member calls this after a formation with needsStateShare: on return every member
  // holds the source member's `state` bit for bit (sent as fp32).
  void shareState(std::span<float> state, int sourceRank) override;

  // Members, between rounds: answers leaders waiting on our listener; true when one of them
  // wants to (re)join, i.e. the group should re-form after this round.
  bool knocked() override;
  // Outsiders: whether to try joining now (the cut links changed, or knock_interval_s passed).
  bool shouldKnock() override;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace archi::wan
