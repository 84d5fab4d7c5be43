#pragma once
// One run from a project (issue 4 item 9): plans it, issues the run's certificates, writes
// one worker spec per device, starts the workers through a WorkerSpawner, collects their
// journals into the run store while they train, and ends with a summary. `archi run
// --local` and the console's "Run on this machine" both drive this class.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "control/DatacenterPlacement.h"
#include "control/Fault.h"
#include "control/RunCollector.h"
#include "control/WorkerSpawner.h"
#include "control/WorkerSpec.h"
#include "control/WorkerUser.h"
#include "core/GpuCatalog.h"
#include "core/Project.h"
#include "plan/Dilation.h"
#include "plan/Planner.h"
#include "store/RunStore.h"

namespace archi {

struct LaunchOptions {
  std::filesystem::path archi_binary;      // started as `archi worker --spec FILE`
  std::filesystem::path runs_directory;    // <runs>/<run>/{specs,journals,logs,pki,checkpoints}
  std::filesystem::path store_path;        // the console's run store
  std::filesystem::path pki_directory;     // the console's CA; created when missing
  AlertThresholds alerts;                  // when the collector raises alert events (control/RunAlerts.h)
  bool wan_emulation = true;               // shape each leader's sends to its links' bandwidth (emulated)
  // Time dilation of a run with emulated devices (plan/Dilation.h, docs/architecture.md#time-dilation):
  // links, fabric, time boxes, timeouts and faults are scaled by the factor d derived from the
  // real devices' speeds against their paces here. `archi run` and the benchmarks turn it on.
  bool dilation = false;
  // Dilated runs: the parameter count of the model the run's model stands for (0: itself);
  // see plan/Dilation.h. Benchmarks of WAN-bound runs use it to keep d (and latencies) modest.
  double dilation_stands_for_parameters = 0.0;
  // A run's own model is not dilated by more than this unless the operator says which model it
  // stands for (dilation_stands_for_parameters): d is about the GPUs' FLOP rate over this CPU's
  // (10^4 for the demo), and a rehearsal that much slower than the real run would take hours
  // for minutes of it.
  double dilation_max = 200.0;
  int threads_per_worker = 1;
  std::int64_t token_budget = 0;           // > 0 replaces the project's run.train.tokens
  double emulation_cpu_share = 0.5;        // emulated devices together are paced to this share of the CPU
  std::string run_name;                    // default: <project>-<yyyymmdd-hhmmss>
  // Emulated device type -> tokens/s it is paced to; empty: derived from this machine's
  // measured speed (emulationPaces). Benchmarks pass one map to several runs to compare them.
  std::map<std::string, double> emulation_paces;
  bool equal_split = false;                // naive data parallel: equal shares whatever the speeds
  // Datacenters whose workers run in a network namespace at an address of it (the spawner
  // must be given the same map); the others use 127.0.0.1 in this namespace.
  DatacenterPlacements placements;
  // Workers that drop to this user (LocalSpawner under --netns as root): the run's folder is
  // handed to it before they start, so that they can read their keys and write their journals.
  std::optional<WorkerUser> worker_user;
  // Faults applied while the run goes on (tests, demos); see control/Fault.h.
  std::vector<Fault> faults;
  // A worker that exits abnormally is restarted (it re-joins its datacenter) at most this
  // many times per run, after 1, 2, 4... s; then its exit fails the run.
  int max_restarts_per_worker = 3;
  // How long leader certificates live; zero: the planned run length plus as much again, at
  // least a day more (tests give seconds to see them renewed).
  std::chrono::seconds leader_certificate_lifetime{0};
  // The node agents the spawner drives, saved with the run so that `archi run --attach` and
  // the console find them again (empty for spawners on this machine).
  std::vector<RunAgentRecord> agents;
  // GPU memory the node agents measured (node -> type -> GiB per device) for the plan.
  std::map<std::string, std::map<std::string, double>> measured_memory_gib;
  // Devices of a CUDA type (a catalog cuda_name) that are not emulated train on their node's
  // GPUs, numbered per node in project order; off: they compute on the CPU, and their speed is
  // recorded as the CPU's (measuredProfileKey), never as the GPU type's.
  bool gpu_workers = false;
};

// Under which (device type, emulated) a worker's measured speed is kept as a planner prior:
// its own type only when it computed on that device (a GPU) or stood in for it labelled as
// emulation; a worker that computed on the CPU in place of a real device is recorded as "CPU".
std::pair<std::string, bool> measuredProfileKey(const WorkerSpec& spec);
// A run's id: `humanName` made safe for file names and certificates ([A-Za-z0-9._-], at most
// 55 characters), then "-" and 8 random hex digits. Certificates, folders and the store use the
// id; RunStore::findRunByName also finds it by the human name.
std::string newRunId(const std::string& humanName);

// Paces for the project's emulated devices: together they use `cpuShare` of this machine's
// cores (measured on this model), each in proportion to its catalog speed (docs/architecture.md#emulation).
std::map<std::string, double> emulationPaces(const Project& project, const GpuCatalog& catalog, double cpuShare);

// A run's emulation after time dilation (plan/Dilation.h): the project with the topology the
// emulation shapes (links dilated; the loopback fabric stays real), the paces that make every
// emulated device run 1/d of its real speed, and the dilation (nullopt: the project emulates no
// device, so nothing is dilated and the project and paces are returned as they came).
struct DilatedEmulation {
  Project shaped;
  std::map<std::string, double> paces;
  std::optional<Dilation> dilation;
  std::string not_dilated_because;  // set when a dilation was derived but not applied (below)
};

DilatedEmulation dilateEmulation(const Project& project, const GpuCatalog& catalog, const ProfileBook& profiles,
                                 std::map<std::string, double> paces, double standsForParameters = 0.0,
                                 double maxFactor = LaunchOptions{}.dilation_max);

// Planner options whose prior for emulated devices is those paces (the fastest type's).
PlanOptions emulatedPlanOptions(const Project& project, const GpuCatalog& catalog, const std::map<std::string, double>& paces);

// Speeds measured by earlier runs of this model shape (the store's device profiles).
ProfileBook measuredProfiles(RunStore& store, const ModelConfig& model);

// The plan a dilated launch of `project` makes (RunLauncher with LaunchOptions::dilation): the
// devices at `paces` dilated, standing for a model of `standsForParameters` (0: itself), planned
// on the dilated topology with `profiles`. Not dilated (plan.dilation 1) when nothing is emulated.
Plan planDilatedRun(const Project& project, const GpuCatalog& catalog, const ProfileBook& profiles,
                    const std::map<std::string, double>& paces, double standsForParameters = 0.0);

// The plan `archi run --local` will follow for this project: emulated devices at the paces
// this machine gives them, dilated as archi run dilates them by default (plan.dilation),
// measured profiles from the store at `storePath` when it exists.
// For `archi plan` and the console's plan view.
Plan planLocalRun(const Project& project, const GpuCatalog& catalog, const std::filesystem::path& storePath);

// The project run `run` was launched with (the store's snapshot); throws std::runtime_error
// when the store holds none that parses.
Project storedRunProject(RunStore& store, const RunRecord& run);

// The launcher's summary of a run it followed. Its types are named apart from report/RunSummary.h's
// (archi::RunSummary, archi::DatacenterSummary, another layout): binaries link both modules, and
// two classes of one name are one class to the linker, whose inline destructors it merges (the
// WAN-bound bench crashed freeing one as the other). The aliases keep the launcher's spelling.
struct LaunchedDatacenterSummary {
  std::string id;
  std::string name;
  int workers = 0;
  std::int64_t tokens = 0;
  double tokens_per_s = 0.0;
  double predicted_tokens_per_s = 0.0;
  std::int64_t leader_steps = 0;
  std::int64_t rounds = 0;
  std::int64_t wan_bytes = 0;
  bool emulated = false;
  // Dilated runs: the planner's prediction for the real devices on the real links (not
  // dilated, not emulated), to hold against tokens_per_s × d (the prediction check).
  double real_predicted_tokens_per_s = 0.0;
};

struct LaunchedRunSummary {
  std::int64_t run_id = 0;
  std::string name;
  RunState state = RunState::Running;
  double elapsed_s = 0.0;
  std::vector<LaunchedDatacenterSummary> datacenters;
  std::int64_t tokens = 0;
  double tokens_per_s = 0.0;
  double predicted_tokens_per_s = 0.0;
  std::int64_t wan_bytes = 0;
  std::optional<double> first_validation_loss;
  std::optional<double> final_validation_loss;
  std::string sample;
  std::vector<std::string> failures;
  std::filesystem::path run_directory;
  bool any_emulated = false;
  bool wan_emulated = false;      // leaders shaped their WAN sends in user space
  bool in_namespaces = false;     // some datacenters ran in network namespaces (--netns)
  // Time dilation: 1 when not dilated; else wall-clock rates × dilation and seconds ÷ dilation
  // are the real-time equivalents (plan/Dilation.h).
  double dilation = 1.0;
  double dilation_bytes_factor = 1.0;  // real bytes per byte sent (the represented model's size ÷ the run's)
  std::string dilation_derivation;
  double realTimeTokensPerSecond() const { return tokens_per_s * dilation; }
  double realTimeSeconds() const { return elapsed_s / dilation; }
};
using DatacenterSummary = LaunchedDatacenterSummary;
using RunSummary = LaunchedRunSummary;

class RunLauncher {
 public:
  RunLauncher(Project project, GpuCatalog catalog, LaunchOptions options, std::unique_ptr<WorkerSpawner> spawner);
  ~RunLauncher();
  RunLauncher(const RunLauncher&) = delete;
  RunLauncher& operator=(const RunLauncher&) = delete;

  // Plans, prepares and starts every worker; returns the run's id in the store. Throws
  // std::runtime_error (or StoreError) naming what could not be prepared.
  std::int64_t start();
  // Instead of start(): picks up run `runName`, started earlier by a launcher that is gone,
  // whose workers still run on node agents (archi run --attach). The project, workers and
  // journal cursors come from the store; records the old launcher missed are back-filled.
  // Throws std::runtime_error when the store has no such run or it has ended.
  std::int64_t attach(const std::string& runName);
  // Instead of start(): continues run `runName`, which stopped or failed, from its datacenters'
  // newest checkpoint sets (archi run --resume, the console's Resume). The project comes from
  // the store's snapshot and is planned again; the run keeps its id, and steps the resumed run
  // takes again replace the ones after the checkpoints. Throws std::runtime_error when the run
  // does not exist, is still running, completed, or no datacenter has a checkpoint set.
  std::int64_t resume(const std::string& runName);
  // Collects new metrics and notices workers that ended; false once none is running.
  bool poll();
  // Clean stop: workers finish their step, sync, write final checkpoints and exit.
  void requestStop();
  // Waits for the workers (at most `grace`, then kills), records the final state.
  RunSummary finish(std::chrono::milliseconds grace = std::chrono::seconds(60));
  // Lets the run go on without this launcher (its workers on node agents keep training and the
  // store keeps it Running): the destructor then stops nothing; attach() picks the run up later.
  // Lets go of the run's launcher lease (control/LauncherLease.h): a detached run is not lost.
  void detach();

  const Plan& plan() const { return plan_; }
  // The dilation in force (nullopt: the run is not dilated).
  const std::optional<Dilation>& dilation() const { return dilation_; }
  // Why a run whose devices are emulated is not dilated (empty when it is, or was not asked to be).
  const std::string& notDilatedBecause() const { return notDilatedBecause_; }
  // The links and fabric as the emulation shapes them (dilated when the run is).
  const Topology& shapedTopology() const { return shaped_.topology; }
  const RunCollector& collector() const { return *collector_; }
  const std::string& runName() const { return runName_; }
  const Project& project() const { return project_; }
  double elapsedSeconds() const;

 private:
  void preparePlan();
  // Dilated runs: fault times and durations are given in real seconds; the run's clock is d times slower.
  void dilateFaults();
  // resume(): the dilation options the run was launched with, from its stored plan.
  void keepStoredDilation();
  void checkPlacements() const;
  std::string hostOf(const std::string& datacenterId) const;
  void reserveEndpoints(const std::vector<const DatacenterPlan*>& active);
  void writeSpecsAndStart();
  // A fresh secret for one datacenter's rendezvous store: runDirectory/secrets/<dc>.secret,
  // 0600 in the 0700 folder. Returns its path.
  std::filesystem::path writeRendezvousSecret(const std::string& datacenterId) const;
  void saveMeasuredProfiles();
  // Supervision (issue 5, faults): restarts and scheduled faults.
  void handleExit(const WorkerExit& exit);
  void applyDueFaults();
  // Leader certificates past two thirds of their life are issued again into the run's pki/
  // folder, where the leaders' TLS contexts take them for new connections (comm/wan/TlsContext.h).
  void renewDueCertificates();
  void restartDueWorkers();
  void event(const RunEvent& happened);

  struct Supervised {
    WorkerSpec spec;
    std::filesystem::path specPath;
    int restarts = 0;
    std::optional<double> restartAfterKill_s;  // set by an injected kill: its restart delay
    std::optional<std::chrono::steady_clock::time_point> restartAt;
  };

  Project project_;
  GpuCatalog catalog_;
  LaunchOptions options_;
  std::unique_ptr<WorkerSpawner> spawner_;
  std::unique_ptr<RunStore> store_;
  std::unique_ptr<RunCollector> collector_;
  Plan plan_;
  Project shaped_;                       // project_ with the topology the emulation shapes (dilated or not)
  std::optional<Dilation> dilation_;
  std::string notDilatedBecause_;
  Plan realPlan_;                        // dilated runs: the same devices as real ones, on the real links
  std::map<std::string, double> paceByType_;  // emulated device type -> paced tokens/s
  std::string runName_;
  std::filesystem::path runDirectory_;
  std::int64_t runId_ = 0;
  std::chrono::steady_clock::time_point started_;
  double startedUnix_s_ = 0.0;
  bool stopRequested_ = false;
  bool detached_ = false;
  bool resuming_ = false;  // resume(): workers continue from checkpoints and already have store rows
  std::vector<std::string> failures_;
  // Emulated WAN link cuts in force (CutLink faults) and the file the leaders read them from.
  struct LinkCut {
    std::string a;
    std::string b;
    std::chrono::steady_clock::time_point until;
  };
  void writeLinkCuts();
  std::vector<LinkCut> activeCuts_;
  struct LeaderCertificate {
    std::string name;  // leader-<dc>
    std::string host;
    std::chrono::seconds lifetime{0};
    std::chrono::system_clock::time_point renewAt;
  };
  std::vector<LeaderCertificate> leaderCertificates_;
  std::map<std::string, Supervised> supervised_;  // by worker id
  std::map<std::string, int> rendezvousPort_;       // by datacenter
  std::map<std::string, int> wanPort_;              // by datacenter: its leader's WAN listener
  std::map<std::string, std::string> leaderHost_;   // by datacenter, when agents told us
  std::map<std::string, std::string> nodeHost_;     // by node, when agents told us
  std::vector<bool> faultApplied_;                 // by index in options_.faults
  std::map<std::string, std::chrono::steady_clock::time_point> datacenterDone_;  // its leader ended the run
};

}  // namespace archi
