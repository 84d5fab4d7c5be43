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

// The group every leader derives from the views: `reach[r]` is leader r's bitmask of the
// leaders it reached (itself included), or 0 when its view is unknown here. An edge between
// two leaders counts when every known endpoint confirms it; with no known endpoint it does
// not. Returns the bitmask of the largest clique (ties: smallest mask, i.e. lower ranks),
// or 0 when no clique reaches `quorum` leaders. At most 16 leaders.
std::uint32_t chooseMembers(const std::vector<std::uint32_t>& reach, int quorum);

struct ElasticLeadersConfig {
  WanGroupConfig group;            // every leader of the run, in rank order; rank = ours
  double reform_timeout_s = 10.0;  // how long a leader re-forming after a fault waits for the others
  double view_timeout_s = 5.0;     // for the views once connected
  double knock_interval_s = 30.0;  // a leader outside the group asks to join at least this often
  std::shared_ptr<LinkCuts> cuts;  // emulated link cuts; null: none
};

struct Formation {
  bool member = false;                  // in a group that holds a quorum
  std::vector<std::string> members;     // leader names, in group rank order (empty if not a member)
  std::vector<std::string> unreachable; // leaders of the run left out
  std::vector<std::uint64_t> versions;  // each member's state version, in group rank order
  int sourceRank = -1;                  // group rank with the newest state (ties: lowest)
  bool needsStateShare = false;         // members disagree on the version: call shareState
  double duration_s = 0.0;
  std::vector<int> knockedBy;           // leader ranks that knocked while we formed
};

class ElasticLeaders {
 public:
  // `listener` is bound to this leader's address for the whole run (also across re-forms).
  ElasticLeaders(ElasticLeadersConfig config, Listener listener);
  ~ElasticLeaders();
  ElasticLeaders(const ElasticLeaders&) = delete;
  ElasticLeaders& operator=(const ElasticLeaders&) = delete;

  // Forms a new group among the leaders reachable within `timeout_s` (drops the current one).
  // `version` says how new our state is (outer steps applied). With `knock_s` > 0 (a leader
  // joining a group that trains without it) we first knock for up to that long, and form
  // only once a leader answered (the group then re-forms at the same moment).
  Formation form(std::uint64_t version, double timeout_s, double knock_s = 0.0);

  bool member() const;
  int groupSize() const;  // 0 outside a group
  int groupRank() const;  // -1 outside a group
  int rank() const;       // among all leaders of the run
  int worldSize() const;  // all leaders of the run
  int streamsPerPeer() const;
  const std::string& name() const;
  const ElasticLeadersConfig& config() const;

  // The group's all-reduce. On WanError the group is dropped (member() becomes false) and
  // the error rethrown: the caller re-forms.
  AllReduceReport allReduce(std::span<float> values, double weight, const AllReduceOptions& options = {});
  // Every member calls this after a formation with needsStateShare: on return every member
  // holds the source member's `state` bit for bit (sent as fp32).
  void shareState(std::span<float> state, int sourceRank);

  // Members, between rounds: answers leaders waiting on our listener; true when one of them
  // wants to (re)join, i.e. the group should re-form after this round.
  bool knocked();
  // Outsiders: whether to try joining now (the cut links changed, or knock_interval_s passed).
  bool shouldKnock();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace archi::wan
