// archi bench console: the console's monitor under a live run of 256 workers at 2 Hz. The
// console is Qt and `archi` is not, so the bench runs inside the console's binary, in its
// hidden `archipelago --bench-console` mode (gui/monitor/ConsoleBench.h), on Qt's offscreen
// platform; this command finds that binary and hands the process over to it.

#include <fmt/core.h>

#include <string>

#include "cli/CliContext.h"
#include "cli/ConsoleBinary.h"

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

int runBenchConsole(const BenchConsoleOptions& options) {
  const std::filesystem::path console = findConsoleBinary(options.console);
  if (console.empty()) {
    fmt::print(stderr,
               "archi bench console: the console binary `archipelago` was not found next to archi, in the build tree "
               "(gui/archipelago) or on PATH; build the `archipelago` target or pass --console PATH\n");
    return 1;
  }
  return execConsole(console,
                     {"--bench-console", "--seconds", std::to_string(options.seconds), "--baseline-seconds",
                      std::to_string(options.baselineSeconds), "--workers", std::to_string(options.workers), "--hz",
                      fmt::format("{}", options.hz), "--datacenters", std::to_string(options.datacenters)},
                     "archi bench console");
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
