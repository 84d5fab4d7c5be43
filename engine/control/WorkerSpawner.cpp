#include "control/WorkerSpawner.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>
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

namespace {

// posix_spawn takes a path. The usual install folders come first (sbin folders are often
// missing from a non-root PATH), then PATH's absolute entries: never a relative one, since
// this may run as root.
std::filesystem::path findIpProgram() {
  std::vector<std::filesystem::path> folders{"/usr/sbin", "/sbin", "/usr/bin", "/bin"};
  if (const char* path = std::getenv("PATH"); path != nullptr) {
    std::stringstream list(path);
    for (std::string folder; std::getline(list, folder, ':');) {
      if (!folder.empty() && folder.front() == '/') folders.emplace_back(folder);
    }
  }
  for (const std::filesystem::path& folder : folders) {
    const std::filesystem::path candidate = folder / "ip";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  throw std::runtime_error("workers placed in network namespaces need iproute2's `ip`, found neither in /usr/sbin, /sbin, /usr/bin, /bin nor in PATH");
}

}  // namespace

LocalSpawner::LocalSpawner(std::filesystem::path archiBinary, DatacenterPlacements placements)
    : archiBinary_(std::move(archiBinary)), placements_(std::move(placements)) {
  if (!placements_.empty()) ipBinary_ = findIpProgram();
}

void LocalSpawner::start(const WorkerSpec& spec, const std::filesystem::path& specPath, const std::filesystem::path& logPath) {
  std::vector<std::string> argv;
  if (const auto it = placements_.find(spec.datacenter_id); it != placements_.end()) {
    argv = {ipBinary_.string(), "netns", "exec", it->second.netns};
  }
  for (const std::string& arg : {archiBinary_.string(), std::string("worker"), std::string("--spec"), specPath.string()}) argv.push_back(arg);
  children_.emplace(spec.worker_id, ChildProcess::spawn(argv, logPath));
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
