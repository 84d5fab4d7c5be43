// archi bench wan: the outer-round all-reduce among 3 leader processes over TLS 1.3 on
// loopback, fp32 against int8 (+ error feedback). Also the CPU cost per MB of the transport
// (TLS, TCP and framing, measured on the fp32 runs) and of int8 quantisation (in process).

#include <fcntl.h>
#include <fmt/core.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/BenchStats.h"
#include "cli/CliContext.h"
#include "comm/pki/CertificateAuthority.h"
#include "comm/wan/SyntheticGradient.h"
#include "comm/wan/WireFormat.h"
#include "core/WallClock.h"

extern char** environ;

namespace archi::cli {
namespace {

struct BenchWanOptions {
  std::size_t elements = 4 << 20;
  int runs = 5;
  int streams = 4;
  double timeout_s = 300.0;
  double emulate_mbit = 0.0;
  double emulate_rtt_ms = 0.0;
  std::string directory;
};

pid_t spawn(const std::vector<std::string>& arguments, const std::filesystem::path& logFile) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, logFile.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  std::vector<char*> argv;
  for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int error = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0)
    throw std::runtime_error("cannot start " + arguments[0] + ": " + std::strerror(error));
  return pid;
}

// Waits for every child until the deadline, then kills the rest; true when all exited 0.
bool waitAll(std::vector<pid_t>& children, std::chrono::steady_clock::time_point deadline) {
  bool ok = true;
  while (!children.empty()) {
    for (auto it = children.begin(); it != children.end();) {
      int status = 0;
      if (::waitpid(*it, &status, WNOHANG) == *it) {
        ok = ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
        it = children.erase(it);
      } else {
        ++it;
      }
    }
    if (children.empty()) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      for (pid_t child : children) {
        ::kill(child, SIGKILL);
        ::waitpid(child, nullptr, 0);
      }
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return ok;
}

struct ScenarioResult {
  std::vector<double> round_s;  // per measured round: the slowest leader's duration
  double wireBytes = 0.0;       // all leaders, measured rounds
  double fp32Bytes = 0.0;
  double cpu_s = 0.0;  // all leaders, measured rounds
  double encode_cpu_s = 0.0;
  int streams = 0;
};

ScenarioResult runScenario(const BenchWanOptions& options, const std::filesystem::path& directory,
                           const std::string& format) {
  constexpr int kLeaders = 3;
  const std::filesystem::path rendezvous = directory / ("rendezvous-" + format);
  std::filesystem::remove_all(rendezvous);
  std::filesystem::create_directories(rendezvous);
  const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  std::vector<pid_t> children;
  for (int rank = 0; rank < kLeaders; ++rank) {
    const std::string stem = format + "-" + std::to_string(rank);
    std::vector<std::string> arguments{self,
                                       "wan-peer",
                                       "--rank",
                                       std::to_string(rank),
                                       "--world",
                                       std::to_string(kLeaders),
                                       "--pki",
                                       (directory / "pki").string(),
                                       "--run-id",
                                       "bench",
                                       "--rendezvous",
                                       rendezvous.string(),
                                       "--format",
                                       format,
                                       "--rounds",
                                       std::to_string(options.runs + 1),
                                       "--elements",
                                       std::to_string(options.elements),
                                       "--streams",
                                       std::to_string(options.streams),
                                       "--round-timeout-s",
                                       std::to_string(options.timeout_s),
                                       "--report",
                                       (directory / (stem + ".jsonl")).string()};
    if (options.emulate_mbit > 0.0) {
      arguments.insert(arguments.end(),
                       {"--emulate-mbit", std::to_string(options.emulate_mbit), "--emulate-rtt-ms",
                        std::to_string(options.emulate_rtt_ms)});
    }
    children.push_back(spawn(arguments, directory / (stem + ".log")));
  }
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                            std::chrono::duration<double>(options.timeout_s * (options.runs + 2)));
  if (!waitAll(children, deadline)) {
    std::string logs;
    for (int rank = 0; rank < kLeaders; ++rank) {
      std::ifstream in(directory / (format + "-" + std::to_string(rank) + ".log"));
      logs += std::string(std::istreambuf_iterator<char>(in), {});
    }
    throw std::runtime_error("a " + format + " leader failed or timed out; its logs:\n" + logs);
  }
  ScenarioResult result;
  result.round_s.assign(static_cast<std::size_t>(options.runs), 0.0);
  for (int rank = 0; rank < kLeaders; ++rank) {
    std::ifstream in(directory / (format + "-" + std::to_string(rank) + ".jsonl"));
    std::string line;
    int round = 0;
    while (std::getline(in, line)) {
      const auto json = nlohmann::json::parse(line);
      ++round;
      if (round == 1) continue;  // warm-up: page faults and TCP slow start
      auto& slowest = result.round_s[static_cast<std::size_t>(round - 2)];
      slowest = std::max(slowest, json.at("duration_s").get<double>());
      result.wireBytes += json.at("bytes_sent").get<double>();
      result.fp32Bytes += json.at("fp32_bytes_sent").get<double>();
      result.cpu_s += json.at("cpu_s").get<double>();
      result.encode_cpu_s += json.at("encode_cpu_s").get<double>();
      result.streams = json.at("streams_per_peer").get<int>();
    }
    if (round != options.runs + 1)
      throw std::runtime_error(format + " leader " + std::to_string(rank) + " reported " +
                               std::to_string(round) + " rounds");
  }
  return result;
}

// int8 encode with error feedback plus decode, single thread: CPU ms per MB of fp32 input.
double quantiseCpuMsPerMb(std::size_t elements, int runs) {
  const std::vector<float> values = wan::syntheticPseudoGradient(7, 0, 1, elements);
  std::vector<float> residual(elements, 0.0f);
  std::vector<float> decoded(elements);
  std::vector<std::uint8_t> wire(wan::encodedBytes(wan::WireFormat::Int8Block, elements));
  std::vector<double> samples;
  for (int run = 0; run < runs; ++run) {
    const double start = threadCpuSeconds();
    if (auto error =
            wan::encodeWithErrorFeedback(wan::WireFormat::Int8Block, values, residual, wire)) {
      throw std::runtime_error("int8 encode failed: " + *error);
    }
    if (wan::decodeValues(wan::WireFormat::Int8Block, wire, decoded))
      throw std::runtime_error("int8 decode failed");
    samples.push_back((threadCpuSeconds() - start) * 1e3 /
                      (static_cast<double>(elements) * 4.0 / 1e6));
  }
  return median(samples);
}

void runBenchWan(const BenchWanOptions& options) {
  std::filesystem::path directory = options.directory;
  bool temporary = false;
  if (directory.empty()) {
    directory =
        std::filesystem::temp_directory_path() / ("archi-bench-wan-" + std::to_string(::getpid()));
    temporary = true;
  }
  std::filesystem::create_directories(directory);
  {
    const auto ca = pki::CertificateAuthority::create(directory / "pki", "bench");
    for (int rank = 0; rank < 3; ++rank) {
      ca.issueToDirectory({pki::PeerRole::Worker,
                           "leader-" + std::to_string(rank),
                           "bench",
                           {},
                           std::nullopt,
                           std::chrono::hours(1)},
                          directory / "pki");
    }
  }
  const double megabytes = static_cast<double>(options.elements) * 4.0 / 1e6;
  fmt::print(
      "WAN all-reduce: 3 leader processes, TLS 1.3 on loopback, {:.1f} MB of fp32 per leader, {} "
      "streams per "
      "peer, median of {} rounds after one warm-up\n",
      megabytes, options.streams, options.runs);
  if (options.emulate_mbit > 0.0) {
    fmt::print("EMULATED WAN: every link shaped in user space to {} Mbit/s with {} ms RTT\n",
               options.emulate_mbit, options.emulate_rtt_ms);
  }
  const ScenarioResult fp32 = runScenario(options, directory, "fp32");
  const ScenarioResult int8 = runScenario(options, directory, "int8");
  for (int run = 0; run < options.runs; ++run) {
    fmt::print("round {}: fp32 {:.3f} s, int8 {:.3f} s\n", run + 1,
               fp32.round_s[static_cast<std::size_t>(run)],
               int8.round_s[static_cast<std::size_t>(run)]);
  }
  const double fp32Rate = megabytes / median(fp32.round_s);
  const double int8Rate = megabytes / median(int8.round_s);
  // fp32 encoding is a copy: the leaders' CPU time is transport (TLS + TCP + framing).
  const double transportCpuMsPerMb =
      (fp32.cpu_s - fp32.encode_cpu_s) * 1e3 / (fp32.wireBytes / 1e6);
  const double quantiseMsPerMb =
      quantiseCpuMsPerMb(std::min<std::size_t>(options.elements, 16 << 20), 5);
  fmt::print("all-reduce rate = fp32 MB per leader / slowest leader's round time\n");
  fmt::print("RESULT wan_allreduce_fp32_mb_per_s {:.1f} MB/s\n", fp32Rate);
  fmt::print("RESULT wan_allreduce_int8_mb_per_s {:.1f} MB/s\n", int8Rate);
  fmt::print("RESULT wan_int8_wire_ratio {:.4f} ratio\n", int8.wireBytes / fp32.wireBytes);
  fmt::print("RESULT wan_tls_cpu_ms_per_mb {:.2f} ms/MB\n", transportCpuMsPerMb);
  fmt::print("RESULT wan_int8_quantise_cpu_ms_per_mb {:.2f} ms/MB\n", quantiseMsPerMb);
  fmt::print(
      "(TLS figure: CPU of the three leaders in the fp32 runs per MB of frames sent, i.e. TLS + "
      "TCP + framing on "
      "both ends; quantise figure: int8 encode with error feedback + decode, one thread, per MB of "
      "fp32 input)\n");
  if (temporary) std::filesystem::remove_all(directory);
}

}  // namespace

void registerBenchWan(CLI::App& bench, CliContext& context) {
  auto options = std::make_shared<BenchWanOptions>();
  auto* command = bench.add_subcommand(
      "wan", "All-reduce among 3 leader processes over TLS on loopback, fp32 vs int8");
  command->add_option("--elements", options->elements, "fp32 values per leader")
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30));
  command->add_option("--runs", options->runs, "measured rounds (the median is reported)")
      ->check(CLI::Range(1, 100));
  command->add_option("--streams", options->streams, "TLS streams per peer")
      ->check(CLI::Range(1, 64));
  command->add_option("--timeout-s", options->timeout_s, "deadline of one round");
  command->add_option("--emulate-mbit", options->emulate_mbit,
                      "shape every link to this bandwidth (labelled emulation)");
  command->add_option("--emulate-rtt-ms", options->emulate_rtt_ms, "emulated round-trip time");
  command->add_option("--dir", options->directory, "working folder (default: a temporary folder)");
  command->callback([&context, options] {
    try {
      runBenchWan(*options);
    } catch (const std::exception& e) {
      fmt::print(stderr, "archi bench wan: {}\n", e.what());
      context.exitCode = 1;
    }
  });
}

}  // namespace archi::cli
