#pragma once
// The heterogeneity-aware plan (docs/architecture.md#planning, issue 5): per-device shares inside
// each datacenter from measured (else catalog) speeds, inner steps per round per datacenter, WAN
// bytes and time per round, the sync mode and compression the links call for, and the predicted
// tokens/s against the ideal (the sum of every device's standalone speed).

#include <map>
#include <string>
#include <vector>

#include "core/Diagnostic.h"
#include "core/GpuCatalog.h"
#include "core/Project.h"
#include "plan/DeviceInventory.h"
#include "plan/DeviceProfile.h"

namespace archi {

struct PlanOptions {
  // Speed of the fastest emulated device type when no profile was measured yet: emulated
  // devices run on this machine's CPU, paced to their catalog ratios.
  double emulated_reference_tokens_per_s = 1000.0;
  // Share of compute flops real devices reach before anything is measured.
  double prior_mfu = 0.35;
  // DiLoCo: the WAN may take at most this share of a round.
  double max_comm_share = 0.05;
  // ddp is recommended only when the per-step WAN all-reduce costs less than this share of a step.
  double ddp_max_comm_share = 0.10;
  // The workers' fixed validation set (DilocoWorkerConfig: 4 batches of 8 sequences), measured
  // by the first datacenter's leader after every round.
  int validation_sequences = 32;
  // Naive data parallel for comparison: equal shares whatever the speeds (still memory-capped).
  bool equal_split = false;
  // GPU memory the node agents measured, by node id and device type (GiB per device); it
  // replaces the catalog's figure for the memory cap of real (not emulated) devices there.
  std::map<std::string, std::map<std::string, double>> measured_memory_gib;
};

struct DevicePlan {
  InventoryDevice device;
  double tokens_per_s = 0.0;        // standalone speed the share was computed from
  ProfileSource source = ProfileSource::Catalog;
  int max_sequences = 0;            // memory cap per step
  int sequences_per_step = 0;       // its share of the datacenter's (ddp: the run's) batch
  double compute_ms = 0.0;          // per step at that share
  bool excluded = false;            // cannot hold even one sequence
};

struct DatacenterPlan {
  std::string id;
  std::string name;
  std::vector<DevicePlan> devices;
  int sequences_per_step = 0;
  double compute_ms = 0.0;              // slowest device at its share
  double intra_allreduce_ms = 0.0;
  double step_ms = 0.0;                 // compute + intra-DC all-reduce
  double standalone_tokens_per_s = 0.0; // sum of its devices' standalone speeds
  double tokens_per_s = 0.0;            // predicted, including its share of WAN time
  int inner_steps_per_round = 0;        // DiLoCo, time-boxed to the fastest datacenter's H
};

struct WanPlan {
  int leaders = 0;
  double bottleneck_gbit = 0.0;
  double max_rtt_ms = 0.0;
  int streams_per_link = 1;
  double bytes_per_round = 0.0;     // sent by each leader per all-reduce (ddp: per step)
  double allreduce_ms = 0.0;
  double exchange_ms = 0.0;         // DiLoCo: the leaders' per-round sum of step times and stop votes
  double broadcast_ms = 0.0;        // new global parameters to the datacenter's other workers
};

struct Plan {
  std::string model_key;
  std::int64_t parameters = 0;
  SyncMode sync = SyncMode::DiLoCo;           // what the project asks for (and the run uses)
  SyncMode recommended_sync = SyncMode::DiLoCo;
  Compression compression = Compression::Int8;
  int inner_steps = 0;                         // H of the fastest datacenter
  int recommended_inner_steps = 0;             // smallest H that keeps the WAN under its share
  double outer_lr = 0.0;                       // recommended outer settings for this H
  double outer_momentum = 0.0;
  double round_ms = 0.0;                       // DiLoCo round (ddp: one step)
  double validation_ms = 0.0;                  // one pass on the first datacenter's leader, every validate_every_rounds rounds
  double comm_share = 0.0;                     // WAN time / round time
  double ideal_tokens_per_s = 0.0;
  double predicted_tokens_per_s = 0.0;
  double efficiency = 0.0;                     // predicted / ideal
  std::vector<DatacenterPlan> datacenters;
  WanPlan wan;
  // Time dilation (plan/Dilation.h): 1 when the run is not dilated. A dilated plan is made on the
  // dilated topology, so its times and rates are on the emulated wall clock; × or ÷ dilation
  // gives their real-time equivalents.
  double dilation = 1.0;
  double dilation_bytes_factor = 1.0;          // real bytes per byte sent (a model standing for a larger one)
  std::string dilation_derivation;             // which figures d comes from
  Diagnostics warnings;                        // located by JSON pointer into the project
};

Plan makePlan(const Project& project, const GpuCatalog& catalog, const ProfileBook& profiles,
              const PlanOptions& options = {});

}  // namespace archi
