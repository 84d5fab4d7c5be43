#pragma once
// A child process started directly with posix_spawn (never through a shell), its output
// going to a log file, in its own process group so a terminal's Ctrl+C reaches only the
// launcher, which then stops children cleanly. The destructor never leaves a child behind.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace archi {

class ChildProcess {
 public:
  // Throws std::runtime_error naming the program and the reason when it cannot start.
  static ChildProcess spawn(const std::vector<std::string>& argv, const std::filesystem::path& logFile,
                            const std::vector<std::string>& extraEnvironment = {});

  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess();

  pid_t pid() const { return pid_; }
  bool running();
  // The raw wait status once it has ended (non-blocking); nullopt while it runs.
  std::optional<int> poll();
  void sendSignal(int signal);
  // SIGTERM, then SIGKILL if it has not ended within `grace`; returns the wait status.
  int stop(std::chrono::milliseconds grace);

  // Lets the child run on unsupervised (a node agent that stops serving leaves its workers
  // running): the destructor no longer stops it.
  void release() { pid_ = -1; }

  // "exited with status 0", "killed by signal 9 (Killed)"
  static std::string describeStatus(int waitStatus);

 private:
  explicit ChildProcess(pid_t pid) : pid_(pid) {}
  pid_t pid_ = -1;
  std::optional<int> status_;
};

}  // namespace archi
