#pragma once
// What one worker process is told to do (issue 4 item 1): written by the launcher as JSON,
// read by `archi worker --spec FILE`, and validated like every other input (all problems at
// once, each with its JSON pointer; unknown keys are errors).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/Diagnostic.h"
#include "core/JsonSyntax.h"
#include "core/ProjectLimits.h"
#include "core/RunSpec.h"

namespace archi {

inline constexpr int kWorkerSpecFormat = 1;

// What a worker spec may hold (docs/architecture.md#limits-on-outside-input). A spec is read from
// a file or an agent's request body; a spec for the largest datacenter (kMaxWorldSize workers,
// their ids, shares and caps) is about 4 MB.
inline constexpr JsonLimits kWorkerSpecJsonLimits{8u << 20, 16};
inline constexpr int kMaxWorldSize = kMaxDevicesPerProject;  // every worker of a datacenter is one of its devices
inline constexpr std::size_t kMaxLeaders = kMaxDatacenters;
inline constexpr std::size_t kMaxPaceChanges = 1024;

struct Endpoint {
  std::string host;
  int port = 0;
  bool operator==(const Endpoint&) const = default;
};

struct LeaderPeer {
  std::string datacenter_id;
  std::string name;  // CN of its certificate
  Endpoint endpoint;
  double link_gbit = 0.0;   // the WAN link from this worker's datacenter to that one (0 for itself)
  double link_rtt_ms = 0.0;
  double link_loss_pct = 0.0;  // packet loss on that link (emulated as its effect on TCP)
  bool operator==(const LeaderPeer&) const = default;
};

struct TlsFiles {
  std::string ca;
  std::string certificate;
  std::string key;
  bool operator==(const TlsFiles&) const = default;
};

// WAN emulation (docs/architecture.md#emulation; labelled): this leader shapes its sends to each peer to that
// link's bandwidth and one-way delay. gbit/rtt_ms here describe the slowest link, for logs.
struct LinkEmulation {
  bool enabled = false;
  double gbit = 0.0;
  double rtt_ms = 0.0;
  double loss_pct = 0.0;
  bool operator==(const LinkEmulation&) const = default;
};

// Emulated throttling (docs/architecture.md#emulation; a fault for tests and demos): from this Unix time on the
// emulated device is paced to factor × pace_tokens_per_s.
struct PaceChange {
  double at_unix_s = 0.0;
  double factor = 1.0;
  bool operator==(const PaceChange&) const = default;
};

struct WorkerSpec {
  int format = kWorkerSpecFormat;
  std::string run_id;
  std::string worker_id;        // "beijing/bj-node-01/0"
  std::string datacenter_id;
  std::string node_id;          // the project node whose agent runs it (empty: not known)
  int rank = 0;                 // in the datacenter; rank 0 is its leader
  int world_size = 1;           // workers in the datacenter
  std::string device_type;
  bool emulated = false;
  // What the worker computes on (docs/architecture.md#worker-spec): "cpu" (also every emulated
  // device) or "cuda"; for cuda, `gpu` names the device as an index ("0") or a UUID ("GPU-…").
  std::string backend = "cpu";
  std::string gpu;
  double pace_tokens_per_s = 0; // emulated devices: the speed each step is paced to (0 = unpaced)
  std::vector<PaceChange> pace_changes;  // emulated devices: scheduled throttling, by time
  bool rebalance = true;        // re-balance shares inside the datacenter when measured speeds drift
  std::vector<int> dc_shares;   // sequences per step of every worker of the datacenter, by rank
  // The datacenter's worker ids and memory caps (sequences per step) by rank: a worker's share
  // may grow up to its cap when a peer is lost or shares are re-balanced. Empty: ids unknown,
  // caps twice the planned shares.
  std::vector<std::string> dc_worker_ids;
  std::vector<int> dc_share_caps;
  int sequencesPerStep() const { return rank >= 0 && rank < int(dc_shares.size()) ? dc_shares[std::size_t(rank)] : 0; }
  Endpoint rendezvous;          // key-value store served by the datacenter's leader
  // The datacenter's rendezvous store secret (64 hex digits, mode 0600): the leader's store
  // serves only workers that prove it. Required when world_size > 1; a datacenter of one
  // worker has no store and leaves it empty (docs/architecture.md#worker-spec).
  std::string rendezvous_secret_file;
  std::string fabric_address = "127.0.0.1";  // where this worker's intra-datacenter connections listen
  int threads = 0;              // CPU compute threads; 0: all cores
  // Every datacenter's leader in WAN rank order; wan_rank is this worker's datacenter. All
  // workers get the list (it also fixes the datacenter's slice of the corpus); only leaders connect.
  int wan_rank = 0;
  std::vector<LeaderPeer> leaders;
  int wan_streams = 0;          // 0: from the bandwidth-delay product
  LinkEmulation wan_emulation;
  // WAN fault handling (issue 5): how long an outer all-reduce may take before the leaders
  // that answered go on without the late one (0: the transport's default), and the file
  // through which the launcher cuts links (emulated; empty: no cut emulation).
  double wan_round_timeout_s = 0;
  std::string wan_cuts_file;
  TlsFiles tls;
  RunSpec run;                  // model, data, training settings and seed
  double round_target_s = 0;    // DiLoCo time box; 0 = exactly inner_steps steps
  std::string journal;          // metrics journal (one JSON line per record)
  std::string checkpoint_dir;
  bool resume = false;          // the leader continues from its datacenter's newest checkpoint set (archi run --resume)
  // Where the worker writes how it ended ({"end":"completed|stopped|failed","exit_code":N}) at
  // exit, so that a node agent restarted meanwhile still learns it; empty: not written.
  std::string outcome_file;
  bool operator==(const WorkerSpec&) const = default;

  bool isLeader() const { return rank == 0; }
  bool onGpu() const { return backend == "cuda"; }
};

nlohmann::ordered_json workerSpecToJson(const WorkerSpec& spec);
// Validates structure and ranges; returns nullopt when the text is not JSON at all.
std::optional<WorkerSpec> parseWorkerSpec(const std::string& text, Diagnostics& problems);
void writeWorkerSpec(const WorkerSpec& spec, const std::filesystem::path& path);

}  // namespace archi
