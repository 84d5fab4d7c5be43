#pragma once
// Starting and stopping worker processes: the one part of the launcher that node agents
// replace (they start workers on their nodes over HTTPS); LocalSpawner starts them on this
// machine as child processes.

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "control/ChildProcess.h"
#include "control/RunCollector.h"
#include "control/DatacenterPlacement.h"
#include "control/WorkerSpec.h"
#include "control/WorkerUser.h"

namespace archi {

struct NodePorts {
  std::string host;
  std::vector<int> ports;
};

struct WorkerExit {
  std::string worker_id;
  bool success = false;
  std::string how;  // "exited with status 0", "killed by signal 9 (Killed)"
};

class WorkerSpawner {
 public:
  virtual ~WorkerSpawner() = default;
  virtual void start(const WorkerSpec& spec, const std::filesystem::path& specPath, const std::filesystem::path& logPath) = 0;
  // Workers that ended since the last call.
  virtual std::vector<WorkerExit> poll() = 0;
  // Asks every worker to stop cleanly (they finish the step, sync, checkpoint and exit).
  virtual void requestStop() = 0;
  // Stops whatever still runs: SIGTERM, then SIGKILL after `grace`.
  virtual void stopAll(std::chrono::milliseconds grace) = 0;
  // Sends `signal` to one running worker (fault injection, stopping a straggler); false when
  // no such worker runs.
  virtual bool signal(const std::string& workerId, int signal) = 0;
  virtual int running() const = 0;

  // Extension points for spawners that run workers elsewhere (node agents, remote/):
  // Free ports on `nodeId` and the address its peers reach it at; nullopt: this machine (the
  // launcher picks loopback ports, or a placement's address).
  virtual std::optional<NodePorts> reservePorts(const std::string& nodeId, int count);
  // True when the spawner restarts dead workers itself; poll() then reports final exits only.
  virtual bool supervises() const { return false; }
  // A fault: kill the worker now and restart it after `restartAfter_s` (default back-off when
  // nullopt). Only called on supervising spawners.
  virtual bool killForFault(const std::string& workerId, std::optional<double> restartAfter_s);
  // Spawners whose workers journal elsewhere hand the new records to the collector here.
  virtual void collect(RunCollector& collector);
  // After the workers ended: collects until nothing is outstanding, at most for `limit`.
  virtual void collectRest(RunCollector& collector, std::chrono::milliseconds limit);
  // Emulated WAN cuts in force, one "dcA dcB" per line; false: the launcher writes the run's
  // local cuts file instead.
  virtual bool publishLinkCuts(const std::string& text);
  // Follows the workers of `run` that an earlier launcher started (worker id -> node id);
  // throws std::runtime_error when this spawner cannot reach workers it did not start.
  virtual void adopt(const std::string& run, const std::map<std::string, std::string>& nodeByWorker);
};

// Workers start as `archi worker --spec FILE` (an argv, no shell), children of the thread
// that calls start(), and die with it (SpawnOptions::die_with_parent): nothing can re-attach
// to workers started here, so a launcher that is gone must not leave them training
// (docs/architecture.md#processes). A placed datacenter's workers join its network namespace
// (/run/netns/NS, as `ip netns add` makes it) and, when `workerUser` is given, drop to that
// user with an allow-listed environment (control/WorkerUser.h).
class LocalSpawner : public WorkerSpawner {
 public:
  explicit LocalSpawner(std::filesystem::path archiBinary, DatacenterPlacements placements = {},
                        std::optional<WorkerUser> workerUser = std::nullopt);
  void start(const WorkerSpec& spec, const std::filesystem::path& specPath, const std::filesystem::path& logPath) override;
  std::vector<WorkerExit> poll() override;
  void requestStop() override;
  void stopAll(std::chrono::milliseconds grace) override;
  bool signal(const std::string& workerId, int signal) override;
  int running() const override { return static_cast<int>(children_.size()); }

 private:
  std::filesystem::path archiBinary_;
  DatacenterPlacements placements_;
  std::optional<WorkerUser> workerUser_;
  std::map<std::string, ChildProcess> children_;  // running workers by id
};

}  // namespace archi
