#include "control/RoutedSpawner.h"

#include <stdexcept>

namespace archi {

RoutedSpawner::RoutedSpawner(std::vector<Route> routes) : routes_(std::move(routes)) {
  if (routes_.empty()) throw std::runtime_error("no spawner to start workers with");
  for (const Route& route : routes_) {
    if (!route.spawner) throw std::runtime_error("a route without a spawner");
    if (route.spawner->supervises() != routes_.front().spawner->supervises()) {
      // The launcher restarts workers itself or leaves it to the spawner, for the whole run.
      throw std::runtime_error("workers started on this machine (--netns) cannot mix with datacenters on node agents or Slurm");
    }
  }
}

WorkerSpawner& RoutedSpawner::forDatacenter(const std::string& datacenterId) {
  for (const Route& route : routes_) {
    if (route.datacenters.count(datacenterId) != 0) return *route.spawner;
  }
  for (const Route& route : routes_) {
    if (route.datacenters.empty()) return *route.spawner;
  }
  throw std::runtime_error("no spawner starts the workers of datacenter '" + datacenterId + "'");
}

WorkerSpawner* RoutedSpawner::forWorker(const std::string& workerId) {
  const auto it = spawnerOfWorker_.find(workerId);
  return it == spawnerOfWorker_.end() ? nullptr : it->second;
}

void RoutedSpawner::start(const WorkerSpec& spec, const std::filesystem::path& specPath, const std::filesystem::path& logPath) {
  WorkerSpawner& spawner = forDatacenter(spec.datacenter_id);
  spawner.start(spec, specPath, logPath);
  spawnerOfWorker_[spec.worker_id] = &spawner;
}

std::vector<WorkerExit> RoutedSpawner::poll() {
  std::vector<WorkerExit> exits;
  for (Route& route : routes_) {
    for (WorkerExit& exit : route.spawner->poll()) exits.push_back(std::move(exit));
  }
  return exits;
}

void RoutedSpawner::requestStop() {
  for (Route& route : routes_) route.spawner->requestStop();
}

void RoutedSpawner::stopAll(std::chrono::milliseconds grace) {
  for (Route& route : routes_) route.spawner->stopAll(grace);
}

bool RoutedSpawner::signal(const std::string& workerId, int signal) {
  WorkerSpawner* spawner = forWorker(workerId);
  return spawner != nullptr && spawner->signal(workerId, signal);
}

int RoutedSpawner::running() const {
  int count = 0;
  for (const Route& route : routes_) count += route.spawner->running();
  return count;
}

std::optional<NodePorts> RoutedSpawner::reservePorts(const std::string& nodeId, int count) {
  for (Route& route : routes_) {
    if (route.nodes.count(nodeId) != 0) return route.spawner->reservePorts(nodeId, count);
  }
  for (Route& route : routes_) {
    if (route.datacenters.empty()) return route.spawner->reservePorts(nodeId, count);
  }
  return std::nullopt;
}

bool RoutedSpawner::killForFault(const std::string& workerId, std::optional<double> restartAfter_s) {
  WorkerSpawner* spawner = forWorker(workerId);
  return spawner != nullptr && spawner->killForFault(workerId, restartAfter_s);
}

void RoutedSpawner::collect(RunCollector& collector) {
  for (Route& route : routes_) route.spawner->collect(collector);
}

void RoutedSpawner::collectRest(RunCollector& collector, std::chrono::milliseconds limit) {
  for (Route& route : routes_) route.spawner->collectRest(collector, limit);
}

bool RoutedSpawner::publishLinkCuts(const std::string& text) {
  // Every spawner gets the cuts; the launcher also writes its local file unless all published.
  bool all = true;
  for (Route& route : routes_) all = route.spawner->publishLinkCuts(text) && all;
  return all;
}

}  // namespace archi
