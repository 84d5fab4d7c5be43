#pragma once
// The elastic datacenter group over Gloo (ElasticGroup): generations announced through the
// leader's rendezvous store, one Gloo group per generation.
//
// Store keys, under "<groupName>/elastic/":
//   gen          "<nonce> <number> <slot,slot,...>"  the current generation; written by the leader
//   want/<slot>  "<nonce> <number>"                   slot asks to be in that generation
//   join         "<nonce> <number> <slot>"            latest request from a worker outside the group
// <nonce> names one life of the leader's store: a restarted leader starts again at number 0
// with a new nonce, and workers re-announce themselves to it. A worker only forms a
// generation it announced itself for, so a restarted worker never walks into a group that
// was formed without it.

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "comm/collective/ElasticGroup.h"
#include "comm/gloo/GlooCollective.h"
#include "comm/gloo/RendezvousClient.h"

namespace archi::comm {

struct ElasticGroupOptions {
  GlooOptions gloo;    // store address, fabric address, group name prefix, operation deadline
  int slot = 0;        // planned rank; slot 0 is the leader (it serves the store)
  int slotCount = 1;
  // Leader, first generation: how long to wait for every planned worker to announce itself.
  std::chrono::milliseconds initialWait{60000};
  // Leader, later generations: how long to wait for a previous member that has not announced
  // itself (it is dead, or will come back through a join request).
  std::chrono::milliseconds memberGrace{1500};
  // Others: how long to wait for a generation that includes them. Long: the leader may be
  // busy with WAN work, or restarting.
  std::chrono::milliseconds memberWait{300000};
  std::chrono::milliseconds formTimeout{20000};  // Gloo rendezvous of one generation
  std::function<void(const std::string&)> log;   // progress of long waits
};

class GlooElasticGroup final : public ElasticGroup {
 public:
  // Forms the first generation (leader: publishes it after the initial wait; others: waits
  // for one that includes it). Throws CollectiveError when none could be formed in time, or
  // RendezvousError-derived CollectiveError when the store is unreachable for memberWait.
  GlooElasticGroup(ElasticGroupOptions options, const std::atomic<bool>& stop);
  ~GlooElasticGroup() override;

  Collective& current() override { return *group_; }
  const std::vector<int>& members() const override { return members_; }
  int slot() const override { return options_.slot; }
  int slotCount() const override { return options_.slotCount; }
  bool elastic() const override { return options_.slotCount > 1; }
  bool joinRequested() override;
  std::optional<RegroupResult> regroup(const std::atomic<bool>& stop) override;

  // Whether the first generation could be formed (false: stopped while waiting).
  bool formed() const { return group_ != nullptr; }

 private:
  struct Generation {
    std::string nonce;
    std::int64_t number = 0;
    std::vector<int> memberSlots;
  };

  std::optional<RegroupResult> leaderRegroup(const std::atomic<bool>& stop, bool first);
  std::optional<RegroupResult> memberRegroup(const std::atomic<bool>& stop);
  void form(const Generation& generation);
  std::optional<Generation> readGeneration();
  std::string key(const std::string& name) const;
  void log(const std::string& text) const;

  ElasticGroupOptions options_;
  RendezvousClient store_;
  std::string nonce_;  // leader: this life's nonce; others: the nonce of the generation last formed
  std::int64_t number_ = -1;
  std::vector<int> members_;
  std::unique_ptr<Collective> group_;
  std::chrono::steady_clock::time_point lastJoinCheck_{};
};

}  // namespace archi::comm
