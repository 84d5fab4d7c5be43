#pragma once
// The agent's supervisor of the workers of every run on this node (docs/agent-api.md): starts
// `archi worker --spec FILE` as child processes, restarts those that die abnormally after
// 1, 2, 4 ... s at most max_restarts times (the launcher's rules), treats TERM as a stop
// request (never restarted), stops a run with grace then SIGKILL, and journals what it did
// in journals/agent.jsonl. Workers outlive the agent: a new agent re-adopts the live ones
// from their pid files and learns how the others ended from their outcome files.

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <spdlog/logger.h>

#include "agent/AgentLayout.h"
#include "agent/AgentRequests.h"
#include "control/ChildProcess.h"
#include "control/MetricsJournal.h"
#include "core/RunEvent.h"

namespace archi::agent {

struct WorkerStatus {
  std::string id;
  std::string datacenter;
  pid_t pid = -1;
  std::string state;  // running, restarting, stopping, exited, failed, gave-up
  bool success = false;
  std::string how;
  int restarts = 0;
};

struct RunSummary {
  std::string run;
  int workers = 0;
  int running = 0;
};

class NodeRuns {
 public:
  // Starts the supervision thread after re-adopting the workers found under `layout`.
  NodeRuns(AgentLayout layout, std::filesystem::path archiBinary, std::shared_ptr<spdlog::logger> logger);
  // Stops supervising; running workers keep running.
  ~NodeRuns();
  NodeRuns(const NodeRuns&) = delete;
  NodeRuns& operator=(const NodeRuns&) = delete;

  enum class Started { Yes, AlreadyRunning };
  // Throws std::runtime_error when files cannot be written or the process cannot start.
  Started start(const std::string& run, const StartWorkerRequest& request, pid_t& pid);
  // False when no such worker runs.
  bool signal(const std::string& run, const SignalRequest& request);
  // The number of workers asked to stop; nullopt for an unknown run.
  std::optional<int> stop(const std::string& run, double grace_s);

  bool knowsRun(const std::string& run) const;
  std::vector<WorkerStatus> workers(const std::string& run) const;
  std::vector<RunSummary> runs() const;
  int activeRuns() const;

 private:
  enum class State { Running, Restarting, Stopping, Exited, Failed, GaveUp };
  struct Worker {
    std::string run;
    std::string id;
    std::string datacenter;
    std::filesystem::path specPath;
    std::optional<ChildProcess> child;  // started by this agent
    pid_t pid = -1;                     // also set for a worker adopted from its pid file
    std::string startTime;
    State state = State::Running;
    bool success = false;
    std::string how;
    int restarts = 0;
    int maxRestarts = kDefaultMaxRestarts;
    bool stopRequested = false;
    bool restartOnKill = true;
    std::optional<double> restartAfter_s;
    std::optional<std::chrono::steady_clock::time_point> restartAt;
    std::optional<std::chrono::steady_clock::time_point> killAt;
  };
  using Key = std::pair<std::string, std::string>;  // run, worker id

  void adoptSurvivors();
  void superviseLoop();
  void pollOnce();
  void launch(Worker& worker);                      // under mutex_
  std::optional<std::pair<bool, std::string>> ended(Worker& worker);  // under mutex_: success, how
  void handleEnd(Worker& worker, bool success, const std::string& how);
  void sendSignal(Worker& worker, int signal);
  void journal(const std::string& run, const RunEvent& event);
  static bool isLive(State state) { return state == State::Running || state == State::Stopping; }
  static const char* stateName(State state);

  AgentLayout layout_;
  std::filesystem::path archiBinary_;
  std::shared_ptr<spdlog::logger> logger_;
  mutable std::mutex mutex_;
  std::map<Key, Worker> workers_;
  std::map<std::string, std::unique_ptr<JournalWriter>> journals_;
  std::atomic<bool> quit_{false};
  std::thread thread_;
};

}  // namespace archi::agent
