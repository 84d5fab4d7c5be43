#pragma once
// Workers of different datacenters started by different spawners (docs/architecture.md#slurm):
// a project can reach some datacenters through node agents and others through Slurm. Each
// worker goes to the spawner of its datacenter, each node's port reservation to the spawner of
// the node's datacenter; polls, stops and journal collection go to all. The spawners must agree
// on supervision (the launcher restarts workers itself or leaves it to them), so agents and
// Slurm mix, and LocalSpawner mixes with neither.

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "control/WorkerSpawner.h"

namespace archi {

class RoutedSpawner : public WorkerSpawner {
 public:
  struct Route {
    std::set<std::string> datacenters;  // empty: every datacenter no other route names
    std::set<std::string> nodes;        // the nodes of those datacenters (port reservations)
    std::unique_ptr<WorkerSpawner> spawner;
  };
  // Throws std::runtime_error when the routes disagree on supervision or name no spawner.
  explicit RoutedSpawner(std::vector<Route> routes);

  void start(const WorkerSpec& spec, const std::filesystem::path& specPath, const std::filesystem::path& logPath) override;
  std::vector<WorkerExit> poll() override;
  void requestStop() override;
  void stopAll(std::chrono::milliseconds grace) override;
  bool signal(const std::string& workerId, int signal) override;
  int running() const override;
  std::optional<NodePorts> reservePorts(const std::string& nodeId, int count) override;
  bool supervises() const override { return routes_.front().spawner->supervises(); }
  bool killForFault(const std::string& workerId, std::optional<double> restartAfter_s) override;
  void collect(RunCollector& collector) override;
  void collectRest(RunCollector& collector, std::chrono::milliseconds limit) override;
  bool publishLinkCuts(const std::string& text) override;

  // The spawner of route `index` (as given), for callers that show its state.
  WorkerSpawner& spawner(std::size_t index) { return *routes_.at(index).spawner; }

 private:
  WorkerSpawner& forDatacenter(const std::string& datacenterId);
  WorkerSpawner* forWorker(const std::string& workerId);

  std::vector<Route> routes_;
  std::map<std::string, WorkerSpawner*> spawnerOfWorker_;
};

}  // namespace archi
