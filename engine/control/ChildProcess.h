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

// How a child is set up beyond its arguments (docs/architecture.md#security).
struct SpawnOptions {
  std::vector<std::string> extra_environment;  // NAME=VALUE, before the inherited ones
  // When set, the child's whole environment: nothing is inherited (workers under --netns get
  // an allow-listed one, control/WorkerEnvironment.h).
  std::optional<std::vector<std::string>> environment;
  // The child gets SIGTERM when the thread that started it ends (PR_SET_PDEATHSIG): a
  // launcher that dies takes the workers it started itself with it, since nothing could
  // re-attach to them. Workers of node agents are not started this way: they outlive the
  // launcher on purpose and `archi run --attach` follows them.
  bool die_with_parent = false;
  // Joins this network namespace (a path such as /run/netns/NAME, what `ip netns add` makes)
  // before anything else; needs root.
  std::filesystem::path network_namespace;
  // Drops to this user and group (no supplementary groups) after joining the namespace and
  // before exec; needs root. The log file is opened after, as that user.
  std::optional<uid_t> uid;
  std::optional<gid_t> gid;
};

class ChildProcess {
 public:
  // Throws std::runtime_error naming the program and the reason when it cannot start.
  static ChildProcess spawn(const std::vector<std::string>& argv, const std::filesystem::path& logFile,
                            const std::vector<std::string>& extraEnvironment = {});
  // The same with the options above; the log file is created 0600. Fails (throws) when the
  // namespace cannot be joined or the user not taken, naming which: the child never runs
  // with less isolation than asked for.
  static ChildProcess spawn(const std::vector<std::string>& argv, const std::filesystem::path& logFile,
                            const SpawnOptions& options);

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
