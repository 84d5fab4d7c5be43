#include "control/WorkerSpawner.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>

namespace archi {

std::optional<NodePorts> WorkerSpawner::reservePorts(const std::string&, int) { return std::nullopt; }
bool WorkerSpawner::killForFault(const std::string& workerId, std::optional<double>) { return signal(workerId, SIGKILL); }
void WorkerSpawner::collect(RunCollector&) {}
void WorkerSpawner::collectRest(RunCollector&, std::chrono::milliseconds) {}
bool WorkerSpawner::publishLinkCuts(const std::string&) { return false; }
void WorkerSpawner::adopt(const std::string& run, const std::map<std::string, std::string>&) {
  throw std::runtime_error("run " + run + ": workers started on this machine by another launcher cannot be re-attached");
}

LocalSpawner::LocalSpawner(std::filesystem::path archiBinary, DatacenterPlacements placements, std::optional<WorkerUser> workerUser)
    : archiBinary_(std::move(archiBinary)), placements_(std::move(placements)), workerUser_(std::move(workerUser)) {}

void LocalSpawner::start(const WorkerSpec& spec, const std::filesystem::path& specPath, const std::filesystem::path& logPath) {
  SpawnOptions options;
  options.die_with_parent = true;
  if (const auto it = placements_.find(spec.datacenter_id); it != placements_.end()) {
    // Joined directly (setns) rather than through `ip netns exec`, so that the worker can drop
    // to the invoking user after joining and still be this process's child.
    options.network_namespace = std::filesystem::path("/run/netns") / it->second.netns;
    options.environment = allowListedEnvironment(currentEnvironment(), workerUser_);
    if (workerUser_) {
      options.uid = workerUser_->uid;
      options.gid = workerUser_->gid;
    }
  }
  children_.emplace(spec.worker_id,
                    ChildProcess::spawn({archiBinary_.string(), "worker", "--spec", specPath.string()}, logPath, options));
}

std::vector<WorkerExit> LocalSpawner::poll() {
  std::vector<WorkerExit> exits;
  for (auto it = children_.begin(); it != children_.end();) {
    if (const auto status = it->second.poll()) {
      const bool success = WIFEXITED(*status) && WEXITSTATUS(*status) == 0;
      exits.push_back({it->first, success, ChildProcess::describeStatus(*status)});
      it = children_.erase(it);
    } else {
      ++it;
    }
  }
  return exits;
}

void LocalSpawner::requestStop() {
  for (auto& [id, child] : children_) child.sendSignal(SIGTERM);
}

bool LocalSpawner::signal(const std::string& workerId, int signal) {
  const auto it = children_.find(workerId);
  if (it == children_.end()) return false;
  it->second.sendSignal(signal);
  return true;
}

void LocalSpawner::stopAll(std::chrono::milliseconds grace) {
  for (auto& [id, child] : children_) child.sendSignal(SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + grace;
  for (auto& [id, child] : children_) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    child.stop(std::max(std::chrono::milliseconds(0), left));
  }
}

}  // namespace archi
