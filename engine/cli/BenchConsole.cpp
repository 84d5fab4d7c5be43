// archi bench console: the console's monitor under a live run of 256 workers at 2 Hz. The
// console is Qt and `archi` is not, so the bench runs inside the console's binary, in its
// hidden `archipelago --bench-console` mode (gui/monitor/ConsoleBench.h), on Qt's offscreen
// platform; this command finds that binary and hands the process over to it.

#include <fmt/core.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/CliContext.h"

namespace archi::cli {
namespace {

struct BenchConsoleOptions {
  int seconds = 60;
  int baselineSeconds = 15;
  int workers = 256;
  double hz = 2.0;
  int datacenters = 4;
  std::string console;  // the archipelago binary; empty: looked for
};

std::filesystem::path selfDirectory() {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::filesystem::path() : self.parent_path();
}

bool isExecutable(const std::filesystem::path& path) { return !path.empty() && ::access(path.c_str(), X_OK) == 0; }

// Installed side by side, or the build tree (engine/cli/archi beside gui/archipelago), or PATH.
std::filesystem::path findConsole(const std::string& given) {
  if (!given.empty()) return given;
  const std::filesystem::path here = selfDirectory();
  for (const std::filesystem::path& candidate : {here / "archipelago", here / "../../gui/archipelago"}) {
    if (isExecutable(candidate)) return std::filesystem::weakly_canonical(candidate);
  }
  if (const char* path = std::getenv("PATH")) {
    std::string folders = path;
    for (std::size_t start = 0; start <= folders.size();) {
      const std::size_t end = std::min(folders.find(':', start), folders.size());
      const std::filesystem::path candidate = std::filesystem::path(folders.substr(start, end - start)) / "archipelago";
      if (isExecutable(candidate)) return candidate;
      start = end + 1;
    }
  }
  return {};
}

int runBenchConsole(const BenchConsoleOptions& options) {
  const std::filesystem::path console = findConsole(options.console);
  if (!isExecutable(console)) {
    fmt::print(stderr,
               "archi bench console: the console binary `archipelago` was not found next to archi, in the build tree "
               "(gui/archipelago) or on PATH; build the `archipelago` target or pass --console PATH\n");
    return 1;
  }
  // No display needed: the monitor draws into offscreen surfaces, as in the GUI tests.
  ::setenv("QT_QPA_PLATFORM", "offscreen", 0);
  std::vector<std::string> args{console.string(), "--bench-console",
                                "--seconds",      std::to_string(options.seconds),
                                "--baseline-seconds", std::to_string(options.baselineSeconds),
                                "--workers",      std::to_string(options.workers),
                                "--hz",           fmt::format("{}", options.hz),
                                "--datacenters",  std::to_string(options.datacenters)};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::fflush(stdout);
  ::execv(console.c_str(), argv.data());
  fmt::print(stderr, "archi bench console: cannot start {}: {}\n", console.string(), std::strerror(errno));
  return 1;
}

}  // namespace

void registerBenchConsole(CLI::App& bench, CliContext& context) {
  auto options = std::make_shared<BenchConsoleOptions>();
  auto* command = bench.add_subcommand(
      "console",
      "The console's monitor following a live run (offscreen): GUI event-loop latency and points drawn per second; runs "
      "in the console binary (`archipelago --bench-console`), found next to archi, in the build tree or on PATH");
  command->add_option("--seconds", options->seconds, "how long the monitor follows the run (s)")->check(CLI::Range(1, 3600));
  command->add_option("--baseline-seconds", options->baselineSeconds, "how long the baseline without a monitor runs (s)")
      ->check(CLI::Range(1, 3600));
  command->add_option("--workers", options->workers, "workers reporting step metrics")->check(CLI::Range(1, 100'000));
  command->add_option("--hz", options->hz, "steps per second per worker")->check(CLI::Range(0.1, 100.0));
  command->add_option("--datacenters", options->datacenters, "datacenters the workers are spread over")->check(CLI::Range(1, 64));
  command->add_option("--console", options->console, "the archipelago binary to run the bench in");
  command->callback([&context, options] { context.exitCode = runBenchConsole(*options); });
}

}  // namespace archi::cli
