#pragma once
// One worker of a multi-datacenter run (docs/architecture.md#the-outer-loop, issue 4): inner AdamW steps on its
// share of the datacenter's batch, gradients summed over the datacenter each step (weighted
// by tokens), and — on the datacenter's leader — every outer round the pseudo-gradient
// (global − local) all-reduced among leaders over the WAN, weighted by tokens processed, an
// outer Nesterov step, and the new global parameters broadcast to the datacenter.
//
// Rounds are time-boxed: when a round target is set the leader ends its round when the
// target has passed, so a slower datacenter runs fewer inner steps instead of making the
// others wait; leaders share their step times each round to retarget. sync "ddp" instead
// all-reduces gradients across the WAN every step (the baseline).
//
// The leader decides every step whether the round (and the run) goes on and broadcasts that
// to its datacenter, so every worker of a datacenter takes the same steps.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "comm/collective/Collective.h"
#include "comm/collective/ElasticGroup.h"
#include "comm/collective/OuterGroup.h"
#include "core/RunEvent.h"
#include "core/RunSpec.h"
#include "model/BackendFactory.h"

namespace archi {

// Emulated throttling (a fault for tests and demos): from this Unix time on, the emulated
// device is paced to factor × pace_tokens_per_s.
struct EmulatedPaceChange {
  double at_unix_s = 0.0;
  double factor = 1.0;
};

struct DilocoWorkerConfig {
  RunSpec run;                     // model, corpus, token budget, sync mode, H, outer settings, seed
  std::string worker_id;
  std::string datacenter_id;
  std::vector<int> shares;         // planned sequences per step of every rank (slot) of the datacenter
  std::vector<int> share_caps;     // most sequences per step each slot's memory holds; empty: 2 × planned
  std::vector<std::string> slot_worker_ids;  // worker ids by slot, for events; empty: "slot N"
  int dc_index = 0;                // which slice of the training split this datacenter reads
  int dc_count = 1;
  double pace_tokens_per_s = 0.0;  // emulated device: compute is stretched to this speed (0: unpaced)
  std::vector<EmulatedPaceChange> pace_changes;
  // Re-balance shares when a device's measured speed drifts more than 10% from the speed its
  // share was computed from (off for naive equal-split baselines).
  bool rebalance = true;
  double round_target_s = 0.0;     // first round's time box; 0: exactly inner_steps steps per round
  int threads = 0;                 // CPU backend threads; 0: all cores
  // The compute backend (its threads come from `threads`). Collectives get device pointers of a
  // GPU backend's parameters and gradients; host-memory operands are staged by the collective.
  BackendChoice backend;
  int validation_batches = 4;      // × 8 sequences: the fixed validation set
  // The leader writes <datacenter>.ckpt at the end and, every run.train.checkpoint_every_rounds
  // rounds, a resumable set under <checkpoint_dir>/<datacenter>/ (CheckpointSet.h); empty: none.
  std::filesystem::path checkpoint_dir;
  // Continue from the datacenter's newest checkpoint set (archi run --resume). A re-joining
  // leader does so too, so a restart that reaches no peer never trains from fresh parameters.
  bool resume = false;
  std::string sample_prompt = "\n";
  int sample_tokens = 160;
  // Leaders of a multi-datacenter run: how long the first WAN group formation waits for the
  // other leaders, and whether this leader is re-joining a run in progress (restarted).
  double wan_form_timeout_s = 60.0;
  bool rejoining = false;
  // How long a re-joining leader knocks for a running group to let it in; 0: long enough for
  // the group to reach its next round boundary (derived from the round's time box).
  double knock_window_s = 0.0;
};

struct WorkerStepReport {
  std::int64_t step = 0;
  double wall_time_s = 0.0;        // Unix time at the end of the step
  std::int64_t tokens = 0;         // this worker's tokens in the step
  double loss = 0.0;               // datacenter mean loss of the step (nats per token)
  double learning_rate = 0.0;
  double grad_norm = 0.0;
  double compute_ms = 0.0;
  double intra_ms = 0.0;
  double inter_ms = 0.0;           // waiting on the WAN (leaders) or on the leader's WAN work
  double idle_ms = 0.0;            // emulation pacing
};

struct WorkerRoundReport {
  std::int64_t round = 0;
  double wall_time_s = 0.0;
  std::int64_t inner_steps = 0;
  std::int64_t tokens = 0;         // this datacenter's tokens in the round
  std::int64_t global_tokens = 0;  // all datacenters, since the start
  std::uint64_t bytes_on_wire = 0;
  double compression_ratio = 1.0;
  double duration_ms = 0.0;        // the WAN all-reduce
  int participants = 1;
  std::vector<std::string> participant_names;  // the leaders whose contributions the round merged
  std::vector<comm::PeerTraffic> peers;        // the all-reduce's bytes to and from each peer leader
  double next_round_target_s = 0.0;
};

class WorkerObserver {
 public:
  virtual ~WorkerObserver() = default;
  virtual void onStep(const WorkerStepReport&) {}
  virtual void onRound(const WorkerRoundReport&) {}
  virtual void onValidation(std::int64_t /*step*/, std::int64_t /*round*/, std::int64_t /*globalTokens*/, double /*loss*/) {}
  virtual void onEvent(const RunEvent& /*event*/) {}
  virtual void onSample(std::int64_t /*step*/, const std::string& /*prompt*/, const std::string& /*text*/) {}
  virtual void onCheckpoint(std::int64_t /*step*/, const std::filesystem::path&, const std::string& /*sha256*/,
                            std::int64_t /*bytes*/) {}
};

struct WorkerResult {
  std::int64_t steps = 0;
  std::int64_t rounds = 0;
  std::int64_t global_tokens = 0;
  bool stopped_early = false;      // a stop was requested before the budget was spent
};

// Runs the worker until the run's token budget is spent or `stop` becomes true (honoured by
// the datacenter's leader at the next step). With an elastic group, a failed collective makes
// every survivor regroup and continue from the datacenter's state (parameters, AdamW moments,
// step, data cursor), the lost worker's share re-apportioned among the others; workers that
// ask to (re-)join are taken in at a step boundary and receive the same state. `leaders` is
// the (fault-tolerant) WAN group on a datacenter leader of a multi-datacenter run, nullptr
// otherwise; the worker forms it, and a leader left out of it (no quorum reachable) trains on
// and re-joins later. Throws std::runtime_error (corpus, config), comm::CollectiveError or
// comm::CollectiveError (a WAN failure included).
WorkerResult runDilocoWorker(const DilocoWorkerConfig& config, comm::Collective& datacenter, comm::OuterGroup* leaders,
                             WorkerObserver& observer, const std::atomic<bool>& stop);
WorkerResult runDilocoWorker(const DilocoWorkerConfig& config, comm::ElasticGroup& datacenter, comm::OuterGroup* leaders,
                             WorkerObserver& observer, const std::atomic<bool>& stop);

}  // namespace archi
