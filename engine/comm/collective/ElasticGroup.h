#pragma once
// A datacenter's group that outlives its members (issue 5, faults): the workers of a
// datacenter are "slots" (their planned ranks); at any moment a generation of them forms one
// Collective (rank = index in members(), the leader's slot 0 always rank 0). When an
// operation fails, every survivor calls regroup(): the old group is dropped (its connections
// close, so peers stuck in it fail fast too) and the next generation forms from whoever
// announces itself, including workers that were restarted and ask to (re-)join.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "comm/collective/Collective.h"

namespace archi::comm {

struct RegroupResult {
  std::int64_t generation = 0;
  std::vector<int> lost;    // slots of the previous generation missing from this one
  std::vector<int> joined;  // slots of this generation that were not in the previous one
  bool newLeader = false;   // the leader's store was restarted since this worker last formed a group
};

class ElasticGroup {
 public:
  virtual ~ElasticGroup() = default;
  ElasticGroup() = default;
  ElasticGroup(const ElasticGroup&) = delete;
  ElasticGroup& operator=(const ElasticGroup&) = delete;

  // The current generation's group. Valid until the next regroup().
  virtual Collective& current() = 0;
  // Slots (planned ranks) of the current members, by rank in current().
  virtual const std::vector<int>& members() const = 0;
  virtual int slot() const = 0;
  virtual int slotCount() const = 0;
  // False for a group that cannot re-form (a fixed group): failures are then final.
  virtual bool elastic() const = 0;
  // Leader: whether a worker outside the group asked to join. Cheap (one store lookup at
  // most every second), so it may be called every step.
  virtual bool joinRequested() = 0;
  // Drops the current group and forms the next generation (bounded waits, see the
  // implementation). nullopt when `stop` became true while waiting. Throws CollectiveError
  // (Timeout) when no generation could be formed in time.
  virtual std::optional<RegroupResult> regroup(const std::atomic<bool>& stop) = 0;
};

// A group of fixed membership around one Collective (tests, single-worker datacenters,
// backends without re-forming): never re-forms.
class FixedGroup final : public ElasticGroup {
 public:
  explicit FixedGroup(Collective& collective);
  Collective& current() override { return collective_; }
  const std::vector<int>& members() const override { return members_; }
  int slot() const override { return collective_.rank(); }
  int slotCount() const override { return collective_.worldSize(); }
  bool elastic() const override { return false; }
  bool joinRequested() override { return false; }
  std::optional<RegroupResult> regroup(const std::atomic<bool>& stop) override;

 private:
  Collective& collective_;
  std::vector<int> members_;
};

}  // namespace archi::comm
