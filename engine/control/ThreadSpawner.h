#pragma once
// Workers as threads of this process (issue 11 item 7): each runs a WorkerRuntime with its
// own stop request and logs to the file the launcher names, so a whole multi-datacenter run
// needs no archi binary and ends with the test that started it. It plugs into RunLauncher
// where LocalSpawner does.
//
// A thread cannot be killed: SIGTERM and SIGINT become its stop request, and any other
// signal (SIGKILL fault injection) is refused; stopAll waits for the workers past its grace
// if it must (their network waits are bounded).

#include <atomic>
#include <map>
#include <memory>
#include <thread>

#include "control/WorkerRuntime.h"
#include "control/WorkerSpawner.h"

namespace archi {

class ThreadSpawner : public WorkerSpawner {
 public:
  ThreadSpawner() = default;
  ~ThreadSpawner() override;  // stops and joins every worker still running
  ThreadSpawner(const ThreadSpawner&) = delete;
  ThreadSpawner& operator=(const ThreadSpawner&) = delete;

  void start(const WorkerSpec& spec, const std::filesystem::path& specPath, const std::filesystem::path& logPath) override;
  std::vector<WorkerExit> poll() override;
  void requestStop() override;
  void stopAll(std::chrono::milliseconds grace) override;
  bool signal(const std::string& workerId, int signal) override;
  int running() const override { return static_cast<int>(workers_.size()); }

 private:
  struct Worker {
    std::atomic<bool> stop{false};
    std::atomic<bool> ended{false};
    WorkerOutcome outcome;  // written by the worker's thread before it sets `ended`
    std::thread thread;
  };
  static WorkerExit exitOf(const std::string& workerId, const WorkerOutcome& outcome);

  std::map<std::string, std::unique_ptr<Worker>> workers_;  // started and not yet polled, by id
};

}  // namespace archi
