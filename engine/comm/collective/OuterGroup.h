#pragma once
// The group of datacenter leaders that DiLoCo's outer loop talks to (docs/architecture.md,
// "Outer loop"), beside ElasticGroup (the datacenter's own group). The training loop sees
// only this interface: wan::ElasticLeaders implements it over TLS between datacenters,
// InMemoryOuterGroup over shared memory with injectable faults for deterministic tests.
//
// A group survives faults by re-forming: form() connects to whoever is reachable, agrees with
// them on one member set (a clique of mutually reachable leaders holding a quorum, the same
// at every member, confirmed before use) and gives the formation a new epoch; every message
// of the group carries its epoch. Members whose state is older than the newest member's copy
// it with shareState() before the next all-reduce.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "comm/collective/CollectiveError.h"

namespace archi::comm {

// How values cross between datacenters: fp32 (exact), bf16, or int8 in 256-value blocks with
// one fp32 scale each. Numbered as on the wire.
enum class ValueFormat : std::uint8_t { Fp32 = 0, Bf16 = 1, Int8Block = 2 };

struct OuterReduceOptions {
  ValueFormat format = ValueFormat::Int8Block;
  // Keep what the lossy format dropped and add it to the next all-reduce of the same stream.
  bool errorFeedback = true;
  // Error-feedback residuals belong to one stream of values (e.g. the pseudo-gradient) and are
  // never touched by an all-reduce of another stream.
  std::string stream = "values";
  bool average = true;       // true: sum(w x) / sum(w); false: sum(w x)
  double timeout_s = 0.0;    // 0: the group's own round timeout
  // The global state version the contribution was computed from; every member must send the
  // same, so a contribution computed from another state is refused by name, never merged.
  std::uint64_t baseVersion = 0;
};

struct OuterParticipant {
  int rank = 0;  // in the group
  std::string name;
  double weight = 0.0;
};

// One peer's share of a call's traffic: what went to and came from that leader.
struct PeerTraffic {
  std::string name;  // the peer leader's name
  std::uint64_t bytesSent = 0;
  std::uint64_t bytesReceived = 0;
};

struct OuterReduceReport {
  std::uint64_t round = 0;
  double totalWeight = 0.0;
  std::vector<OuterParticipant> participants;
  std::uint64_t bytesSent = 0;  // frame bytes this leader put on the wire (before TLS records)
  std::uint64_t bytesReceived = 0;
  std::uint64_t fp32BytesSent = 0;  // what the same frames would have taken in fp32
  double compressionRatio = 1.0;    // bytesSent / fp32BytesSent
  double duration_s = 0.0;
  double cpu_s = 0.0;         // CPU time of the call (TLS, TCP, framing, encoding)
  double encode_cpu_s = 0.0;  // of which encoding and decoding values
  std::vector<PeerTraffic> peers;  // per peer leader (in-memory groups: none)
};

struct OuterFormation {
  bool member = false;                   // in a confirmed group that holds a quorum
  std::uint64_t epoch = 0;               // the formation's epoch (0 when not a member)
  std::vector<std::string> members;      // leader names, in group rank order (empty if not a member)
  std::vector<std::string> unreachable;  // leaders of the run left out
  std::vector<std::uint64_t> versions;   // each member's state version, in group rank order
  int sourceRank = -1;                   // group rank with the newest state (ties: lowest)
  bool needsStateShare = false;          // members disagree on the version: call shareState
  double duration_s = 0.0;
  std::vector<int> knockedBy;            // leader ranks that knocked while we formed
  std::string disagreement;              // why the confirmation failed, when it did (not a member)
};

class OuterGroup {
 public:
  virtual ~OuterGroup() = default;
  OuterGroup() = default;
  OuterGroup(const OuterGroup&) = delete;
  OuterGroup& operator=(const OuterGroup&) = delete;

  // Forms a new group among the leaders reachable within `timeout_s` (drops the current one).
  // `version` says how new our state is (outer steps applied). With `knock_s` > 0 (a leader
  // joining a group that trains without it) we first knock for up to that long.
  virtual OuterFormation form(std::uint64_t version, double timeout_s, double knock_s = 0.0) = 0;

  virtual bool member() const = 0;
  virtual int groupSize() const = 0;  // 0 outside a group
  virtual int groupRank() const = 0;  // -1 outside a group
  virtual int rank() const = 0;       // among all leaders of the run
  virtual int worldSize() const = 0;  // all leaders of the run
  virtual std::uint64_t epoch() const = 0;  // of the current group; 0 outside one
  virtual const std::string& name() const = 0;
  virtual const std::string& nameOf(int rank) const = 0;  // any leader of the run by rank
  // How long a leader re-forming after a fault waits for the others.
  virtual double reformTimeout_s() const = 0;

  // The group's all-reduce, in place. Throws CollectiveError on any failure; the group is
  // dropped (member() becomes false) and the caller re-forms.
  virtual OuterReduceReport allReduce(std::span<float> values, double weight, const OuterReduceOptions& options) = 0;
  // Every member calls this after a formation with needsStateShare: on return every member
  // holds the source member's `state` bit for bit.
  virtual void shareState(std::span<float> state, int sourceRank) = 0;

  // Members, between rounds: true when a leader outside wants to (re)join (re-form now).
  virtual bool knocked() = 0;
  // Outsiders: whether to try joining now.
  virtual bool shouldKnock() = 0;
};

// The group every leader derives from the views: `reach[r]` is leader r's bitmask of the
// leaders it reached (itself included), or 0 when its view is unknown here. An edge between
// two leaders counts when every known endpoint confirms it; with no known endpoint it does
// not. Returns the bitmask of the largest clique (ties: smallest mask, i.e. lower ranks),
// or 0 when no clique reaches `quorum` leaders. At most kMaxOuterLeaders leaders.
inline constexpr int kMaxOuterLeaders = 16;
std::uint32_t chooseMembers(const std::vector<std::uint32_t>& reach, int quorum);

// What a leader knows after exchanging views, by full rank: whom each leader reached
// (0: its view is unknown here), how new its state is and the newest epoch it has seen.
struct LeaderViews {
  std::vector<std::uint32_t> reach;
  std::vector<std::uint64_t> versions;
  std::vector<std::uint64_t> epochs;
};

// The formation a leader proposes from its views: the members (chooseMembers with a majority
// quorum) and the epoch, one past the newest epoch any member has seen, so that the epochs of
// successive groups only grow. Filled in for `me`: members, versions, the newest state's
// source and whether it must be shared; member = whether `me` is in (before confirmation).
struct FormationPlan {
  std::uint32_t chosen = 0;
  std::uint64_t epoch = 0;
  std::vector<int> memberRanks;  // full ranks, in group rank order
  OuterFormation formation;
};
FormationPlan planFormation(const LeaderViews& views, int me, const std::vector<std::string>& names);

// The confirmation step: every leader tells every leader it is linked to which set it chose
// and under which epoch; `confirmed[r]` is leader r's ({0, 0} when none arrived). Returns an
// empty string when every member of `chosen` confirmed exactly `chosen` and `epoch`;
// otherwise says who disagreed, by name.
struct MemberConfirmation {
  std::uint32_t mask = 0;
  std::uint64_t epoch = 0;
};
std::string checkConfirmations(std::uint32_t chosen, std::uint64_t epoch, const std::vector<MemberConfirmation>& confirmed,
                               const std::vector<std::string>& names);

// "leader-a, leader-b" for a bitmask of ranks.
std::string describeMask(std::uint32_t mask, const std::vector<std::string>& names);

}  // namespace archi::comm
