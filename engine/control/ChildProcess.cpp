#include "control/ChildProcess.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace archi {

ChildProcess ChildProcess::spawn(const std::vector<std::string>& argv, const std::filesystem::path& logFile,
                                 const std::vector<std::string>& extraEnvironment) {
  if (argv.empty()) throw std::invalid_argument("ChildProcess::spawn: empty argument list");
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> environment(extraEnvironment);
  for (char** e = environ; *e != nullptr; ++e) environment.emplace_back(*e);
  std::vector<char*> env;
  for (const std::string& e : environment) env.push_back(const_cast<char*>(e.c_str()));
  env.push_back(nullptr);

  std::error_code ignored;
  if (logFile.has_parent_path()) std::filesystem::create_directories(logFile.parent_path(), ignored);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, logFile.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&attributes, 0);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&attributes, &defaults);

  pid_t pid = -1;
  const int error = posix_spawn(&pid, args[0], &actions, &attributes, args.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (error != 0) throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(error));
  return ChildProcess(pid);
}

namespace {

// What the forked child failed at, sent to the parent over a close-on-exec pipe.
struct ChildFailure {
  int step = 0;
  int error = 0;
};

const char* describeStep(int step) {
  switch (step) {
    case 1: return "cannot open its log file";
    case 2: return "cannot join the network namespace";
    case 3: return "cannot drop to the requested user";
    case 4: return "cannot ask for SIGTERM when its parent ends";
    case 5: return "cannot start the program";
    default: return "cannot start";
  }
}

// Only async-signal-safe calls between fork and exec (the parent has threads): raw syscalls
// for the credentials, since glibc's setuid would signal threads that no longer exist here.
[[noreturn]] void runChild(int reportFd, const char* program, char* const* args, char* const* env, const char* log,
                           int netnsFd, const SpawnOptions& options, pid_t parent) {
  const auto fail = [&](int step) {
    const ChildFailure failure{step, errno};
    [[maybe_unused]] const ssize_t n = ::write(reportFd, &failure, sizeof(failure));
    ::_exit(127);
  };
  ::setpgid(0, 0);  // its own process group: a terminal's Ctrl+C reaches only the launcher
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  for (int sig : {SIGINT, SIGTERM, SIGPIPE}) ::signal(sig, SIG_DFL);
  if (netnsFd >= 0 && ::setns(netnsFd, CLONE_NEWNET) != 0) fail(2);
  if (options.gid) {
    if (::syscall(SYS_setgroups, 0, nullptr) != 0 || ::syscall(SYS_setresgid, *options.gid, *options.gid, *options.gid) != 0) fail(3);
  }
  if (options.uid && ::syscall(SYS_setresuid, *options.uid, *options.uid, *options.uid) != 0) fail(3);
  // As the child's own user, so that it may read its log afterwards.
  const int in = ::open("/dev/null", O_RDONLY);
  const int out = ::open(log, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW, 0600);
  if (in < 0 || out < 0) fail(1);
  ::dup2(in, STDIN_FILENO);
  ::dup2(out, STDOUT_FILENO);
  ::dup2(out, STDERR_FILENO);
  // After the credentials change, which clears the parent-death signal.
  if (options.die_with_parent) {
    if (::prctl(PR_SET_PDEATHSIG, SIGTERM) != 0) fail(4);
    if (::getppid() != parent) ::_exit(128 + SIGTERM);  // the parent died before the request
  }
  ::execve(program, args, env);
  fail(5);
  ::_exit(127);
}

}  // namespace

ChildProcess ChildProcess::spawn(const std::vector<std::string>& argv, const std::filesystem::path& logFile,
                                 const SpawnOptions& options) {
  if (argv.empty()) throw std::invalid_argument("ChildProcess::spawn: empty argument list");
  // Everything the child needs is made before fork: it may not allocate.
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> environment(options.extra_environment);
  if (options.environment) {
    environment.insert(environment.end(), options.environment->begin(), options.environment->end());
  } else {
    for (char** e = environ; *e != nullptr; ++e) environment.emplace_back(*e);
  }
  std::vector<char*> env;
  for (const std::string& e : environment) env.push_back(const_cast<char*>(e.c_str()));
  env.push_back(nullptr);
  std::error_code ignored;
  if (logFile.has_parent_path()) std::filesystem::create_directories(logFile.parent_path(), ignored);

  struct Descriptor {
    int fd = -1;
    ~Descriptor() {
      if (fd >= 0) ::close(fd);
    }
  } netns, reportRead, reportWrite;
  if (!options.network_namespace.empty()) {
    netns.fd = ::open(options.network_namespace.c_str(), O_RDONLY | O_CLOEXEC);
    if (netns.fd < 0) {
      throw std::runtime_error("cannot start " + argv[0] + ": cannot open network namespace " + options.network_namespace.string() +
                               ": " + std::strerror(errno));
    }
  }
  int pipeFds[2];
  if (::pipe2(pipeFds, O_CLOEXEC) != 0) throw std::runtime_error("cannot start " + argv[0] + ": pipe: " + std::strerror(errno));
  reportRead.fd = pipeFds[0];
  reportWrite.fd = pipeFds[1];
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("cannot start " + argv[0] + ": fork: " + std::strerror(errno));
  if (pid == 0) runChild(reportWrite.fd, args[0], args.data(), env.data(), logFile.c_str(), netns.fd, options, parent);
  ::close(reportWrite.fd);
  reportWrite.fd = -1;
  ChildFailure failure;
  ssize_t n = 0;
  do {
    n = ::read(reportRead.fd, &failure, sizeof(failure));
  } while (n < 0 && errno == EINTR);
  if (n == static_cast<ssize_t>(sizeof(failure))) {  // exec succeeded: the pipe closed with nothing in it
    int status = 0;
    ::waitpid(pid, &status, 0);
    throw std::runtime_error("cannot start " + argv[0] + ": " + describeStep(failure.step) + ": " + std::strerror(failure.error));
  }
  return ChildProcess(pid);
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept : pid_(other.pid_), status_(other.status_) { other.pid_ = -1; }

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    if (pid_ > 0 && !status_) stop(std::chrono::milliseconds(2000));
    pid_ = other.pid_;
    status_ = other.status_;
    other.pid_ = -1;
  }
  return *this;
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0 && !status_) stop(std::chrono::milliseconds(2000));
}

std::optional<int> ChildProcess::poll() {
  if (status_ || pid_ <= 0) return status_;
  int status = 0;
  const pid_t result = ::waitpid(pid_, &status, WNOHANG);
  if (result == pid_) status_ = status;
  return status_;
}

bool ChildProcess::running() { return pid_ > 0 && !poll().has_value(); }

void ChildProcess::sendSignal(int signal) {
  if (running()) ::kill(pid_, signal);
}

int ChildProcess::stop(std::chrono::milliseconds grace) {
  if (pid_ <= 0) return 0;
  sendSignal(SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (running() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (running()) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    if (::waitpid(pid_, &status, 0) == pid_) status_ = status;
  }
  return status_.value_or(0);
}

std::string ChildProcess::describeStatus(int waitStatus) {
  if (WIFEXITED(waitStatus)) return "exited with status " + std::to_string(WEXITSTATUS(waitStatus));
  if (WIFSIGNALED(waitStatus)) {
    return "killed by signal " + std::to_string(WTERMSIG(waitStatus)) + " (" + strsignal(WTERMSIG(waitStatus)) + ")";
  }
  return "ended with wait status " + std::to_string(waitStatus);
}

}  // namespace archi
