#pragma once
// The monitor's reader-side state (issue 13, Monitor): rows read from the store folded into
// per-worker, per-round and per-link data, and the derived series built from them. A step row
// is keyed by (worker, step): the store re-inserts a row when a journal is read again, and it
// then comes back from rowsAfter with a new rowid; it replaces the old one, never adds to it.
// Lives on the reader thread only; build() makes the immutable snapshot the GUI draws.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "bridge/MonitorSnapshot.h"
#include "store/RunStore.h"

namespace archi {
struct RunSummary;
}

class MonitorFold {
 public:
  // Datacenter order, names and WAN links from the project JSON the run was launched with.
  void setTopology(const std::string& projectJson);
  void setWorkers(const std::vector<archi::WorkerRecord>& workers);
  bool knowsWorker(const std::string& workerId) const { return workerIndex_.contains(workerId); }
  void add(const archi::RunRows& rows);

  std::int64_t stepRows() const { return stepRows_; }
  // `now_unix_s` decides whether a running worker is stalled.
  MonitorSnapshot build(const archi::RunRecord& run, const archi::RunSummary* summary, double now_unix_s) const;

  // Steps per worker the latest figures (utilisation, step-time breakdown) are taken over.
  static constexpr int kRecentSteps = 10;

 private:
  struct Step {
    double wall_time_s = 0.0;
    std::int64_t tokens = 0;
    double loss = 0.0;
    double compute_ms = 0.0;
    double intra_ms = 0.0;
    double inter_ms = 0.0;
    double idle_ms = 0.0;
  };
  struct Worker {
    std::string id;
    int datacenter = 0;
    std::map<std::int64_t, Step> steps;
  };
  struct Datacenter {
    std::string id;
    std::string name;
  };
  struct Link {
    std::string a;
    std::string b;
    double gbit = 0.0;
  };

  int datacenterIndex(const std::string& id);
  int workerIndex(const std::string& workerId);

  std::vector<Datacenter> datacenters_;
  std::vector<Link> topologyLinks_;
  std::vector<Worker> workers_;
  std::unordered_map<std::string, int> workerIndex_;
  std::unordered_map<std::string, std::string> workerDatacenter_;  // from the workers table
  std::map<std::pair<std::int64_t, int>, archi::OuterRound> rounds_;  // (round, datacenter)
  std::vector<archi::ValidationRecord> validations_;
  std::vector<archi::EventRecord> events_;
  std::vector<archi::SampleRecord> samples_;
  std::vector<archi::LinkSample> links_;
  std::int64_t stepRows_ = 0;
  double firstWall_s_ = 0.0;
};
