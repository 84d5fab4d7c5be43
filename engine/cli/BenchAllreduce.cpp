// archi bench allreduce: Gloo all-reduce of a flat float buffer (the gradient of a small GPT)
// among local worker processes on loopback, formed through rank 0's rendezvous store exactly
// as a datacenter's workers are. Baseline in the same run: memcpy of the same buffer.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>
#include <vector>

#include "cli/BenchAllreduceNccl.h"
#include "cli/BenchStats.h"
#include "cli/CliContext.h"
#include "comm/gloo/GlooCollective.h"
#include "comm/gloo/RendezvousServer.h"

namespace archi::cli {
namespace {

using Clock = std::chrono::steady_clock;

struct BenchAllreduceOptions {
  int ranks = 3;
  std::vector<std::size_t> floats{1'000'000, 10'000'000};
  int runs = 10;
  int warmup = 2;
  std::string host = "127.0.0.1";
  int timeout_s = 120;
};

void writeAll(int fd, const void* data, std::size_t bytes) {
  const auto* p = static_cast<const char*>(data);
  while (bytes > 0) {
    const ssize_t n = ::write(fd, p, bytes);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error(fmt::format("pipe write: {}", std::strerror(errno)));
    p += n;
    bytes -= static_cast<std::size_t>(n);
  }
}

struct Child {
  pid_t pid = -1;
  bool reaped = false;
  int status = 0;
};

// True when a child already exited unsuccessfully: no point waiting for the others then.
bool anyChildFailed(std::vector<Child>& children) {
  for (Child& child : children) {
    if (!child.reaped && ::waitpid(child.pid, &child.status, WNOHANG) == child.pid) child.reaped = true;
    if (child.reaped && (!WIFEXITED(child.status) || WEXITSTATUS(child.status) != 0)) return true;
  }
  return false;
}

// Reads exactly `bytes` from a pipe before the deadline; false on timeout, early EOF, or as
// soon as one of `children` fails.
bool readAll(int fd, void* data, std::size_t bytes, Clock::time_point deadline, std::vector<Child>& children) {
  auto* p = static_cast<char*>(data);
  while (bytes > 0) {
    if (Clock::now() >= deadline || anyChildFailed(children)) return false;
    pollfd entry{fd, POLLIN, 0};
    const int ready = ::poll(&entry, 1, 100);
    if (ready < 0 && errno != EINTR) return false;
    if (ready <= 0) continue;
    const ssize_t n = ::read(fd, p, bytes);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    bytes -= static_cast<std::size_t>(n);
  }
  return true;
}

// One rank, in a forked child: forms the group, times `runs` all-reduces (each preceded by a
// barrier so all ranks start together), checks the sums, and rank 0 reports the times.
int runRank(const BenchAllreduceOptions& options, std::size_t floats, int rank, comm::HostPort store,
            const comm::RendezvousSecret& secret, int resultFd, int storeFd) {
  std::unique_ptr<comm::RendezvousServer> server;
  if (rank == 0) {
    comm::RendezvousServerOptions serverOptions;
    serverOptions.bind = {options.host, 0};
    serverOptions.secret = secret;
    server = std::make_unique<comm::RendezvousServer>(serverOptions);
    store = server->address();
    const std::uint16_t port = store.port;
    writeAll(storeFd, &port, sizeof port);
  }
  comm::GlooOptions glooOptions;
  glooOptions.rank = rank;
  glooOptions.worldSize = options.ranks;
  glooOptions.rendezvous = store;
  glooOptions.rendezvousSecret = secret;
  glooOptions.groupName = "bench";
  glooOptions.transportHost = options.host;
  glooOptions.rendezvousTimeout = std::chrono::seconds(options.timeout_s);
  glooOptions.operationTimeout = std::chrono::seconds(options.timeout_s);
  auto collective = comm::makeGlooCollective(glooOptions);
  std::vector<float> buffer(floats);
  std::vector<double> seconds;
  for (int run = 0; run < options.warmup + options.runs; ++run) {
    std::fill(buffer.begin(), buffer.end(), 1.0f);
    collective->barrier();
    const auto start = Clock::now();
    collective->allReduceSum(buffer.data(), buffer.size());
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    if (run >= options.warmup) seconds.push_back(elapsed);
    const auto wrong = std::find_if(buffer.begin(), buffer.end(),
                                    [&](float v) { return v != static_cast<float>(options.ranks); });
    if (wrong != buffer.end()) {
      throw std::runtime_error(fmt::format("rank {}: element {} is {} after the all-reduce, expected {}", rank,
                                           wrong - buffer.begin(), *wrong, options.ranks));
    }
  }
  if (rank == 0) writeAll(resultFd, seconds.data(), seconds.size() * sizeof(double));
  // Rank 0 serves the store: leave only when everybody is done with the group.
  collective->barrier();
  return 0;
}

// Forks one rank; the child never returns from here.
Child forkRank(const BenchAllreduceOptions& options, std::size_t floats, int rank, const comm::HostPort& store,
               const comm::RendezvousSecret& secret, int resultFd, int storeFd) {
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(fmt::format("fork: {}", std::strerror(errno)));
  if (pid > 0) return Child{pid};
  int code = 1;
  try {
    code = runRank(options, floats, rank, store, secret, resultFd, storeFd);
  } catch (const std::exception& e) {
    fmt::print(stderr, "archi bench allreduce: rank {}: {}\n", rank, e.what());
  }
  std::fflush(stdout);
  std::fflush(stderr);
  std::_Exit(code);
}

// Waits for every child until the deadline, then kills the stragglers; true if all exited 0.
bool reapChildren(std::vector<Child>& children, Clock::time_point deadline) {
  bool allOk = true;
  for (Child& child : children) {
    while (!child.reaped) {
      const pid_t done = ::waitpid(child.pid, &child.status, WNOHANG);
      if (done == child.pid || (done < 0 && errno != EINTR)) {
        child.reaped = true;
        break;
      }
      if (Clock::now() >= deadline) {
        ::kill(child.pid, SIGKILL);
        ::waitpid(child.pid, &child.status, 0);
        child.reaped = true;
        allOk = false;
        break;
      }
      ::usleep(10'000);
    }
    if (!WIFEXITED(child.status) || WEXITSTATUS(child.status) != 0) allOk = false;
  }
  return allOk;
}

struct Pipe {
  int readEnd = -1;
  int writeEnd = -1;
  Pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(fmt::format("pipe: {}", std::strerror(errno)));
    readEnd = fds[0];
    writeEnd = fds[1];
  }
  ~Pipe() {
    if (readEnd >= 0) ::close(readEnd);
    if (writeEnd >= 0) ::close(writeEnd);
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
};

// Median seconds of one all-reduce of `floats` among options.ranks processes.
double measureAllreduce(const BenchAllreduceOptions& options, std::size_t floats) {
  Pipe storePipe;
  Pipe resultPipe;
  const auto deadline = Clock::now() + std::chrono::seconds(options.timeout_s);
  std::vector<Child> children;
  // The ranks are forked from here: they share the store's secret in memory.
  const comm::RendezvousSecret secret = comm::RendezvousSecret::generate();
  children.push_back(forkRank(options, floats, 0, {}, secret, resultPipe.writeEnd, storePipe.writeEnd));
  std::uint16_t port = 0;
  if (!readAll(storePipe.readEnd, &port, sizeof port, deadline, children)) {
    reapChildren(children, Clock::now());
    throw std::runtime_error("rank 0 did not start its rendezvous store");
  }
  for (int rank = 1; rank < options.ranks; ++rank) {
    children.push_back(
        forkRank(options, floats, rank, {options.host, port}, secret, resultPipe.writeEnd, storePipe.writeEnd));
  }
  std::vector<double> seconds(static_cast<std::size_t>(options.runs));
  const bool gotTimes =
      readAll(resultPipe.readEnd, seconds.data(), seconds.size() * sizeof(double), deadline, children);
  const bool allOk = reapChildren(children, gotTimes ? deadline : Clock::now());
  if (!gotTimes || !allOk) throw std::runtime_error(fmt::format("the {}-rank all-reduce of {} floats failed", options.ranks, floats));
  return median(seconds);
}

double measureMemcpy(std::size_t floats, int runs) {
  std::vector<float> source(floats, 1.0f);
  std::vector<float> target(floats, 0.0f);
  std::memcpy(target.data(), source.data(), floats * sizeof(float));  // fault the pages in first
  std::vector<double> seconds;
  for (int run = 0; run < runs; ++run) {
    source[static_cast<std::size_t>(run) % floats] = static_cast<float>(run);
    const auto start = Clock::now();
    std::memcpy(target.data(), source.data(), floats * sizeof(float));
    seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    if (target[static_cast<std::size_t>(run) % floats] != static_cast<float>(run)) throw std::runtime_error("memcpy check");
  }
  return median(seconds);
}

void runBenchAllreduce(const BenchAllreduceOptions& options) {
  fmt::print("Gloo TCP ring all-reduce, {} processes on {}, median of {} runs after {} warm-up\n", options.ranks,
             options.host, options.runs, options.warmup);
  double headlineGbPerS = 0.0;
  double headlineRatio = 0.0;
  for (std::size_t floats : options.floats) {
    const double bytes = static_cast<double>(floats) * sizeof(float);
    const double allreduce_s = measureAllreduce(options, floats);
    // The copy is cheap and noisy on a shared machine: take more samples than the all-reduce.
    const double memcpy_s = measureMemcpy(floats, std::max(options.runs, 30));
    const double algorithmGbPerS = bytes / allreduce_s / 1e9;
    // Bus bandwidth: what each rank's links carried (a ring moves 2(n-1)/n of the buffer).
    const double busGbPerS = algorithmGbPerS * 2.0 * (options.ranks - 1) / options.ranks;
    const double memcpyGbPerS = bytes / memcpy_s / 1e9;
    fmt::print("{:>10} floats ({:.1f} MB): all-reduce {:.2f} ms, algorithm {:.3f} GB/s, bus {:.3f} GB/s; "
               "memcpy {:.2f} ms, {:.2f} GB/s\n",
               floats, bytes / 1e6, allreduce_s * 1e3, algorithmGbPerS, busGbPerS, memcpy_s * 1e3, memcpyGbPerS);
    fmt::print("RESULT gloo_allreduce_{}_floats_gb_per_s {:.3f} GB/s\n", floats, algorithmGbPerS);
    headlineGbPerS = algorithmGbPerS;
    headlineRatio = algorithmGbPerS / memcpyGbPerS;
  }
  fmt::print("RESULT gloo_allreduce_gb_per_s {:.3f} GB/s\n", headlineGbPerS);
  fmt::print("RESULT gloo_allreduce_vs_memcpy_ratio {:.3f} x\n", headlineRatio);
}

}  // namespace

void registerBenchAllreduce(CLI::App& bench, CliContext& context) {
  auto options = std::make_shared<BenchAllreduceOptions>();
  auto nccl = std::make_shared<NcclBenchOptions>();
  auto backend = std::make_shared<std::string>("gloo");
  auto* command = bench.add_subcommand("allreduce", "All-reduce bandwidth: Gloo among local worker processes, or NCCL among this machine's GPUs");
  command->add_option("--backend", *backend, "gloo (CPU workers) or nccl (GPU workers, through the CUDA plugin)")
      ->check(CLI::IsMember({"gloo", "nccl"}));
  command->add_option("--sizes-mib", nccl->sizes_mib, "nccl: buffer sizes in MiB; the last one is the headline")
      ->check(CLI::Range(std::size_t{1}, std::size_t{4096}));
  command->add_option("--gpus", nccl->gpus, "nccl: GPUs to use, one rank each (0: all)")->check(CLI::Range(0, 64));
  command->add_option("--ranks", options->ranks, "worker processes")->check(CLI::Range(2, 64));
  command->add_option("--floats", options->floats, "buffer sizes in floats; the last one is the headline")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 31));
  command->add_option("--runs", options->runs, "timed repetitions (the median is reported)")->check(CLI::Range(1, 1000));
  command->add_option("--warmup", options->warmup, "untimed repetitions first")->check(CLI::Range(0, 100));
  command->add_option("--host", options->host, "address the ranks and the rendezvous store bind to");
  command->add_option("--timeout-s", options->timeout_s, "deadline for the whole measurement of one size")
      ->check(CLI::Range(1, 3600));
  command->callback([&context, options, nccl, backend] {
    try {
      if (*backend == "nccl") {
        nccl->runs = options->runs;
        nccl->warmup = options->warmup;
        nccl->timeout_s = options->timeout_s;
        runNcclAllreduceBench(*nccl);
        return;
      }
      runBenchAllreduce(*options);
    } catch (const std::exception& e) {
      fmt::print(stderr, "archi bench allreduce: {}\n", e.what());
      context.exitCode = 1;
    }
  });
}

}  // namespace archi::cli
