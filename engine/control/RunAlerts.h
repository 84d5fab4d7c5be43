#pragma once
// Alerts an operator should not have to spot in a chart (issue 13, item 7), computed where
// every record of a run passes — the collector — so a run started from the command line gets
// them as well as one the console follows. Each is stored as an event of its own kind:
//   alert-loss-spike  a worker's loss is NaN/inf, or z standard deviations above its smoothed history
//   alert-stall       a worker has taken no step for `stall_s` while the run goes on
//   alert-throughput  the run's tokens/s stayed below a share of the plan's for N rounds in a row
//   alert-link        a WAN link carried less than a share of its bandwidth during a round
// An alert fires once per episode: it fires again only after its condition cleared.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/RunEvent.h"
#include "core/Topology.h"
#include "store/RunStore.h"
#include "train/RunningZScore.h"

namespace archi {

struct AlertThresholds {
  double loss_z = 4.0;                // loss this many standard deviations above its smoothed history
  double stall_s = 60.0;              // no step for this long, and for ...
  double stall_intervals = 5.0;       // ... this many of the worker's usual step intervals (a slow device is no stall)
  double throughput_share = 0.5;      // below this share of the plan's tokens/s ...
  int throughput_rounds = 3;          // ... for this many rounds in a row
  double link_share = 0.25;           // a round's Mbit/s below this share of the link's bandwidth ...
  // ... judged only on transfers that would take this long at the full bandwidth: a small
  // exchange is bound by latency and by waiting for the other leaders, not by the link.
  double link_min_transfer_s = 1.0;
};

class RunAlerts {
 public:
  // `predictedTokensPerS` <= 0 turns the throughput alert off (no plan figure to compare with).
  RunAlerts(AlertThresholds thresholds, double predictedTokensPerS, std::vector<WanLink> links);

  // Looks at one batch of new records; `now_s` (Unix seconds) dates the stall check. Returns
  // the alerts raised, as events to store with the batch.
  std::vector<RunEvent> observe(const JournalBatch& batch, double now_s);

 private:
  void observeStep(const StepMetric& step, std::vector<RunEvent>& out);
  void observeRound(const OuterRound& round, std::vector<RunEvent>& out);
  void observeLink(const LinkSample& link, std::vector<RunEvent>& out);
  void checkStalls(double now_s, std::vector<RunEvent>& out);

  struct WorkerWatch {
    RunningZScore loss;
    std::int64_t last_step = -1;
    double last_step_s = 0.0;
    double interval_s = 0.0;  // smoothed time between its steps
    bool spiking = false;
    bool stalled = false;
  };
  struct RoundTotals {
    std::int64_t tokens = 0;
    double end_s = 0.0;
    int datacenters = 0;
  };

  AlertThresholds thresholds_;
  double predicted_ = 0.0;
  std::vector<WanLink> links_;
  int datacenters_ = 0;
  std::map<std::string, WorkerWatch> workers_;
  std::set<std::string> finished_;  // workers that reported done or failed: their silence is no stall
  std::map<std::int64_t, RoundTotals> rounds_;
  std::int64_t lastJudgedRound_ = -1;
  double lastRoundEnd_s_ = 0.0;
  int slowRounds_ = 0;
  bool slow_ = false;
  std::set<std::string> slowLinks_;
};

}  // namespace archi
