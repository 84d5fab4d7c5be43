#pragma once
// The leaders' group in one process, for deterministic tests of the outer loop: every
// leader is a thread holding an InMemoryOuterGroup over one shared InMemoryOuterNetwork.
// Formation follows the same rules as the WAN group (views, chooseMembers, epoch,
// confirmation: planFormation / checkConfirmations); the all-reduce is exact (values summed
// in rank order in double, as the WAN group's fp32 format), whatever format is asked for.
//
// Faults are injected on the network: links cut both ways or one way (a view or a
// confirmation from A to B lost), a leader that misses the end of an all-reduce the others
// complete, a leader killed (its calls throw) and brought back. Nothing waits on a clock
// except form(), which waits for the reachable live leaders up to its timeout (the leaders
// forming together wait until each of them has met every live leader it reaches), and an
// all-reduce waiting for a silent member. A leader that re-forms, fails, or disagrees with the
// set the others confirmed leaves its group's epoch, and the members' next call fails at once.

#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "comm/collective/OuterGroup.h"

namespace archi::comm {

class InMemoryOuterNetwork {
 public:
  explicit InMemoryOuterNetwork(std::vector<std::string> names);

  int worldSize() const { return static_cast<int>(names_.size()); }
  const std::vector<std::string>& names() const { return names_; }

  // --- faults (any thread)
  // Messages from `from` to `to` are lost (one way) until restoreOneWay; both directions for cut.
  void loseOneWay(int from, int to);
  void restoreOneWay(int from, int to);
  void cut(int a, int b);
  void heal(int a, int b);
  // The next formation's view (or confirmation) from `from` to `to` is lost, once.
  void loseNextView(int from, int to);
  void loseNextConfirmation(int from, int to);
  // `leader` fails the next all-reduce of a stream after the other members completed it
  // (it missed the last gather chunk): the others apply the result, it gets an error.
  void failAfterOthersComplete(int leader, const std::string& stream);
  // A killed leader's calls throw until revive(); the members of its group fail their next call.
  void kill(int leader);
  void revive(int leader);
  bool alive(int leader) const;
  // Bumped on every fault change: outsiders knock again when it moved.
  std::uint64_t faultGeneration() const;

 private:
  friend class InMemoryOuterGroup;

  struct Formation {  // one formation session: the leaders that came to form together
    std::set<int> arrived;
    std::map<int, LeaderViews> viewsSent;  // by sender: what it tells each reachable peer
    std::map<int, std::uint32_t> keptLinks;  // by leader: the links it still holds after the views
    std::map<int, MemberConfirmation> confirmations;
    int viewsPosted = 0;
    int confirmationsPosted = 0;
    int done = 0;
    bool closed = false;  // no more arrivals: the views are being exchanged
  };
  struct Round {  // one all-reduce of one group (epoch)
    std::vector<int> members;  // full ranks
    std::map<int, std::vector<float>> contributions;
    std::map<int, double> weights;
    std::map<int, std::uint64_t> versions;
    std::map<int, std::uint64_t> epochs;
    std::string stream;
    bool average = true;
    std::vector<float> result;
    std::string failure;
    int collected = 0;
    bool finished = false;
  };

  bool reaches(int from, int to) const;  // with the lock held
  void changed();                        // with the lock held

  std::vector<std::string> names_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::set<std::pair<int, int>> lost_;  // (from, to) one-way losses
  std::set<std::pair<int, int>> lostViews_;
  std::set<std::pair<int, int>> lostConfirmations_;
  std::map<int, std::string> failAfterComplete_;  // leader -> stream
  std::set<int> dead_;
  std::set<int> knocking_;
  std::map<std::uint64_t, std::set<int>> departed_;  // by epoch: members that left that group
  std::uint64_t generation_ = 0;
  std::shared_ptr<Formation> formation_;
  std::map<std::uint64_t, std::shared_ptr<Round>> rounds_;  // by epoch: the group's round in progress
};

class InMemoryOuterGroup final : public OuterGroup {
 public:
  // `roundTimeout_s`: how long an all-reduce waits for a member that neither contributes nor
  // leaves the group (a leader that does leave, by failing or re-forming, fails it at once).
  InMemoryOuterGroup(InMemoryOuterNetwork& network, int rank, double reformTimeout_s = 2.0, double roundTimeout_s = 10.0);

  OuterFormation form(std::uint64_t version, double timeout_s, double knock_s = 0.0) override;
  bool member() const override { return !members_.empty(); }
  int groupSize() const override { return static_cast<int>(members_.size()); }
  int groupRank() const override;
  int rank() const override { return rank_; }
  int worldSize() const override { return network_.worldSize(); }
  std::uint64_t epoch() const override { return member() ? epoch_ : 0; }
  const std::string& name() const override { return network_.names()[static_cast<std::size_t>(rank_)]; }
  const std::string& nameOf(int rank) const override { return network_.names()[static_cast<std::size_t>(rank)]; }
  double reformTimeout_s() const override { return reformTimeout_s_; }
  OuterReduceReport allReduce(std::span<float> values, double weight, const OuterReduceOptions& options) override;
  void shareState(std::span<float> state, int sourceRank) override;
  bool knocked() override;
  bool shouldKnock() override;

 private:
  [[noreturn]] void failAndLeave(CollectiveError::Kind kind, const std::string& message);
  void leave();  // with the network's lock held

  InMemoryOuterNetwork& network_;
  int rank_;
  double reformTimeout_s_;
  double roundTimeout_s_;
  std::vector<int> members_;  // full ranks, in group rank order; empty outside a group
  std::uint64_t epoch_ = 0;
  std::uint64_t newestEpoch_ = 0;
  std::uint64_t roundsDone_ = 0;
  std::uint64_t seenGeneration_ = 0;
};

}  // namespace archi::comm
