#pragma once
// Starts the workers of Slurm datacenters (docs/architecture.md#slurm): one batch job per
// datacenter through its slurmrestd, one task per device (`srun --multi-prog`, each task
// `archi worker --spec FILE`, a GPU each through --gpus-per-task when it trains on one), the
// job named after the run, with a minimal explicit environment. The workers read their specs,
// keys (0600) and secrets from the run's folder and write their journals back into it: the
// launcher's host and the Slurm nodes share that path, and the launcher follows the journals
// there (collect()). Like node agents, this spawner supervises: a job that Slurm cancels,
// preempts or kills, or a worker that fails inside one, is a fault (worker-restarting events)
// and its workers are submitted again as a new job after a back-off, up to maxRestarts; poll()
// reports final exits only. A job still pending after `pendingLimit` is cancelled and its
// workers fail with Slurm's reason. A clean stop is the run folder's slurm/stop file (archi
// worker --stop-file), since Slurm's own SIGTERM must stay a fault.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "control/MetricsJournal.h"
#include "control/WorkerSpawner.h"
#include "core/Project.h"
#include "core/Topology.h"
#include "remote/SlurmRest.h"
#include "store/RunStore.h"

namespace archi::remote {

struct SlurmSpawnerOptions {
  std::filesystem::path archi_binary;  // the same path on the Slurm nodes (shared or installed)
  int max_restarts_per_worker = 3;
  std::chrono::seconds pending_limit{300};
  std::chrono::milliseconds state_interval{1000};  // how often each job's state is asked for
};

// What the console and `archi slurm status` show of one job.
struct SlurmJobView {
  std::string datacenter_id;
  std::int64_t job_id = 0;
  std::string state;
  std::string reason;
  std::string nodes;
  int tasks = 0;
};

// The project's datacenters launched through Slurm, and the project without them (what node
// agents serve).
std::vector<Datacenter> slurmDatacenters(const Project& project);
Project withoutSlurmDatacenters(const Project& project);

class SlurmSpawner : public WorkerSpawner {
 public:
  // `datacenters`: the project's Slurm datacenters (launch.via == slurm). Every slurmrestd is
  // asked for its version here: a server that is not v0.0.38 throws SlurmError.
  SlurmSpawner(std::vector<Datacenter> datacenters, SlurmSpawnerOptions options);

  void start(const WorkerSpec& spec, const std::filesystem::path& specPath, const std::filesystem::path& logPath) override;
  std::vector<WorkerExit> poll() override;
  void requestStop() override;
  void stopAll(std::chrono::milliseconds grace) override;
  // Slurm signals whole jobs, not one task of one: false (a stop reaches a worker through its job).
  bool signal(const std::string&, int) override { return false; }
  int running() const override;

  std::optional<NodePorts> reservePorts(const std::string& nodeId, int count) override;
  bool supervises() const override { return true; }
  bool killForFault(const std::string&, std::optional<double>) override { return false; }
  void collect(RunCollector& collector) override;
  void collectRest(RunCollector& collector, std::chrono::milliseconds limit) override;

  std::vector<SlurmJobView> jobs() const;
  // Asks slurmrestd for every job's state now (the run's end: squeue/sacct's view); a server
  // that does not answer leaves the last state read.
  void refreshJobs();

 private:
  struct Worker {
    WorkerSpec spec;
    std::filesystem::path specPath;
    std::filesystem::path outcomePath;
    std::unique_ptr<JournalTailer> tailer;
    std::int64_t seq = 0;           // journal records handed to the collector
    std::int64_t job = 0;           // the job it runs in; 0: waiting to be submitted
    int restarts = 0;
    bool ended = false;              // its final exit is reported
    std::optional<std::chrono::steady_clock::time_point> submitAt;  // queued (after a back-off)
  };
  struct Job {
    std::string datacenter;
    std::vector<std::string> workers;
    SlurmJob last;                   // the state last read
    std::chrono::steady_clock::time_point submitted;
    std::chrono::steady_clock::time_point nextCheck{};
    bool over = false;
  };

  SlurmRestClient& clientOf(const std::string& datacenterId);
  // The file whose appearance asks the run's Slurm workers to stop cleanly (archi worker --stop-file).
  std::filesystem::path stopFile() const;
  void submitDue();
  void submit(const std::string& datacenter, const std::vector<std::string>& workers);
  void follow();
  // A worker of job `job` ended (`success`, `how`): restarted after a back-off, or reported.
  void ended(Worker& worker, bool success, const std::string& how);
  void event(const RunEvent& happened);

  std::map<std::string, Datacenter> datacenters_;            // by id
  std::map<std::string, std::unique_ptr<SlurmRestClient>> clients_;  // by datacenter
  SlurmSpawnerOptions options_;
  std::map<std::string, Worker> workers_;                    // by worker id
  std::map<std::int64_t, Job> jobs_;                          // by Slurm job id
  std::vector<WorkerExit> exits_;
  std::vector<RunEvent> events_;                              // for the collector
  std::filesystem::path runDirectory_;
  std::string run_;
  int submissions_ = 0;
  bool stopping_ = false;
};

// The spawner of a project that may launch datacenters through Slurm, for `archi run` and the
// console alike: `agents` (serving withoutSlurmDatacenters(project)) alone when none does, else
// a RoutedSpawner sending Slurm datacenters' workers to a new SlurmSpawner (`*slurm` points at
// it, for callers that show its jobs). Throws SlurmError when a slurmrestd cannot be used.
std::unique_ptr<WorkerSpawner> routeSlurmDatacenters(const Project& project, std::unique_ptr<WorkerSpawner> agents,
                                                     SlurmSpawnerOptions options, SlurmSpawner** slurm = nullptr);

}  // namespace archi::remote
