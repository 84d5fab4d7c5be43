#include "control/WorkerSpawner.h"

#include <signal.h>
#include <sys/wait.h>

namespace archi {

void LocalSpawner::start(const WorkerSpec& spec, const std::filesystem::path& specPath, const std::filesystem::path& logPath) {
  children_.emplace(spec.worker_id,
                    ChildProcess::spawn({archiBinary_.string(), "worker", "--spec", specPath.string()}, logPath));
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

void LocalSpawner::stopAll(std::chrono::milliseconds grace) {
  for (auto& [id, child] : children_) child.sendSignal(SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + grace;
  for (auto& [id, child] : children_) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    child.stop(std::max(std::chrono::milliseconds(0), left));
  }
}

}  // namespace archi
