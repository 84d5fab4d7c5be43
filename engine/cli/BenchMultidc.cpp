// archi bench multidc [PROJECT]: the same project trained with sync "diloco" and with sync
// "ddp" under the same WAN (emulated in user space), same seed and token budget, several
// times each: median tokens/s of each and the ratio of their final validation losses; then
// both again with the WAN unshaped, for what the WAN costs each mode (goodput ratios).

#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <thread>

#include "cli/BenchStats.h"
#include "cli/BenchProject.h"
#include "cli/BenchWanBound.h"
#include "cli/CliContext.h"
#include "control/RunLauncher.h"
#include "core/DataLayout.h"
#include "core/ProjectJson.h"
#include "core/Resources.h"

namespace archi::cli {
namespace {

struct BenchMultidcOptions {
  std::string project;
  std::int64_t tokens = 1'000'000;  // about four DiLoCo rounds of the demo: the plan describes whole rounds
  int runs = 3;
  // Share of the CPU the emulated devices are paced to: low enough that pacing, not a busy
  // CPU (2 vCPUs here, 12 emulated devices, TLS and quantisation beside them), sets their speeds.
  double cpuShare = 0.25;
  bool noWanEmulation = false;
  std::string directory;
  bool wanBound = false;
  WanBoundOptions wan;
};

struct Measured {
  double tokens_per_s = 0.0;
  double predicted_tokens_per_s = 0.0;
  double final_loss = 0.0;
  std::int64_t wan_bytes = 0;
};

Measured runOnce(const Project& project, const GpuCatalog& catalog, const BenchMultidcOptions& options,
                 const std::map<std::string, double>& paces, bool shapeWan, const std::filesystem::path& directory,
                 const std::string& name) {
  LaunchOptions launch;
  launch.archi_binary = std::filesystem::read_symlink("/proc/self/exe");
  const DataLayout data(directory);  // a scratch data folder laid out like the user's
  launch.runs_directory = data.runsDirectory();
  launch.store_path = data.storePath();
  launch.pki_directory = data.pkiDirectory();
  launch.wan_emulation = shapeWan;
  launch.token_budget = options.tokens;
  launch.run_name = name;
  launch.emulation_paces = paces;
  RunLauncher launcher(project, catalog, launch, std::make_unique<LocalSpawner>(launch.archi_binary));
  launcher.start();
  while (launcher.poll()) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const RunSummary summary = launcher.finish();
  if (summary.state != RunState::Completed) {
    throw std::runtime_error("run " + name + " ended " + toString(summary.state) +
                             (summary.failures.empty() ? std::string() : ": " + summary.failures.front()));
  }
  return {summary.tokens_per_s, summary.predicted_tokens_per_s, summary.final_validation_loss.value_or(0.0), summary.wan_bytes};
}

void runBenchMultidc(const BenchMultidcOptions& options, CliContext& context) {
  const BenchProject bench = loadBenchProject(options.project, context);
  std::filesystem::path directory = options.directory;
  if (directory.empty()) directory = std::filesystem::temp_directory_path() / ("archi-bench-multidc-" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);

  // One set of emulation paces for every run (measured once, here), so runs compare.
  const std::map<std::string, double> paces = emulationPaces(bench.project, bench.catalog, options.cpuShare);
  std::map<SyncMode, std::vector<Measured>> results;
  std::map<SyncMode, std::vector<double>> goodput;  // tokens/s under the WAN / with the WAN unshaped
  std::vector<double> plannerError;
  for (int run = 0; run < options.runs; ++run) {
    for (SyncMode mode : {SyncMode::DiLoCo, SyncMode::Ddp}) {
      Project project = bench.project;
      project.run.train.sync = mode;
      const Measured m =
          runOnce(project, bench.catalog, options, paces, !options.noWanEmulation, directory, fmt::format("{}-{}", toString(mode), run + 1));
      fmt::print("run {} {:<6}: {:>8.0f} tok/s measured, {:>8.0f} planned, final validation loss {:.4f}, {:.1f} MB over the WAN\n",
                 run + 1, toString(mode), m.tokens_per_s, m.predicted_tokens_per_s, m.final_loss, double(m.wan_bytes) / 1e6);
      results[mode].push_back(m);
      plannerError.push_back(100.0 * std::fabs(m.predicted_tokens_per_s - m.tokens_per_s) / std::max(1e-9, m.tokens_per_s));
    }
    if (!options.noWanEmulation) {
      // The same runs with the WAN unshaped: what the WAN costs each mode.
      for (SyncMode mode : {SyncMode::DiLoCo, SyncMode::Ddp}) {
        Project project = bench.project;
        project.run.train.sync = mode;
        const Measured open = runOnce(project, bench.catalog, options, paces, false, directory, fmt::format("{}-nowan-{}", toString(mode), run + 1));
        fmt::print("run {} {:<6} without WAN shaping: {:>8.0f} tok/s\n", run + 1, toString(mode), open.tokens_per_s);
        goodput[mode].push_back(results[mode].back().tokens_per_s / std::max(1e-9, open.tokens_per_s));
      }
    }
  }
  const auto pick = [&](SyncMode mode, auto field) {
    std::vector<double> values;
    for (const Measured& m : results[mode]) values.push_back(field(m));
    return median(values);
  };
  const double dilocoRate = pick(SyncMode::DiLoCo, [](const Measured& m) { return m.tokens_per_s; });
  const double ddpRate = pick(SyncMode::Ddp, [](const Measured& m) { return m.tokens_per_s; });
  const double dilocoLoss = pick(SyncMode::DiLoCo, [](const Measured& m) { return m.final_loss; });
  const double ddpLoss = pick(SyncMode::Ddp, [](const Measured& m) { return m.final_loss; });
  fmt::print("{}: {} tokens per run, median of {} runs each, WAN {}; devices emulated where the project says so, paced to "
             "{:.0f}% of this CPU\n",
             bench.file, options.tokens, options.runs, options.noWanEmulation ? "not shaped" : "emulated in user space (bandwidth and delay)",
             100.0 * options.cpuShare);
  fmt::print("RESULT multidc_diloco_tokens_per_s {:.0f} tok/s\n", dilocoRate);
  fmt::print("RESULT multidc_ddp_tokens_per_s {:.0f} tok/s\n", ddpRate);
  fmt::print("RESULT multidc_diloco_vs_ddp_speedup {:.2f} x\n", dilocoRate / std::max(1e-9, ddpRate));
  fmt::print("RESULT multidc_val_loss_ratio {:.4f}\n", dilocoLoss / std::max(1e-9, ddpLoss));
  if (!goodput.empty()) {
    fmt::print("RESULT multidc_wan_goodput_ratio {:.3f}\n", median(goodput[SyncMode::DiLoCo]));
    fmt::print("RESULT multidc_ddp_wan_goodput_ratio {:.3f}\n", median(goodput[SyncMode::Ddp]));
  }
  fmt::print("RESULT planner_error_pct {:.1f}\n", *std::max_element(plannerError.begin(), plannerError.end()));
  if (options.directory.empty()) std::filesystem::remove_all(directory);
}

}  // namespace

void registerBenchMultidc(CLI::App& bench, CliContext& context) {
  auto options = std::make_shared<BenchMultidcOptions>();
  auto* command = bench.add_subcommand("multidc", "DiLoCo against ddp on a multi-datacenter project under its WAN");
  command->add_option("PROJECT", options->project, "project file (default: the local demo)");
  command->add_option("--tokens", options->tokens, "token budget of every run")->check(CLI::Range(10'000, 1'000'000'000));
  command->add_option("--runs", options->runs, "runs per mode (the median is reported)")->check(CLI::Range(1, 20));
  command->add_option("--cpu-share", options->cpuShare, "share of the CPU the emulated devices are paced to")
      ->check(CLI::Range(0.05, 1.0));
  command->add_flag("--no-wan-emulation", options->noWanEmulation, "do not shape WAN traffic");
  command->add_option("--dir", options->directory, "folder for runs and the store (kept when given)");
  command->add_flag("--wan-bound", options->wanBound,
                    "the demo's datacenters on links where ddp cannot keep up on the real devices, as a dilated rehearsal "
                    "(figures in real-time equivalents)");
  command->add_option("--wan-gbit", options->wan.link_gbit, "--wan-bound: every link's real bandwidth")->check(CLI::PositiveNumber);
  command->add_option("--wan-rtt-ms", options->wan.link_rtt_ms, "--wan-bound: every link's real round trip")->check(CLI::NonNegativeNumber);
  command->add_option("--stands-for", options->wan.stands_for_parameters,
                      "--wan-bound: parameters of the model the demo's stands for (plan/Dilation.h)")
      ->check(CLI::Range(1e3, 1e13));
  command->add_option("--ddp-tokens", options->wan.ddp_tokens, "--wan-bound: token budget of the ddp run (default: one DiLoCo round's tokens)")
      ->check(CLI::Range(10'000, 1'000'000'000));
  command->add_option("--inner-steps", options->wan.inner_steps,
                      "--wan-bound: DiLoCo's H (default: the planner's recommendation for the links)")
      ->check(CLI::Range(1, 100'000));
  command->callback([&context, options] {
    try {
      if (options->wanBound) {
        WanBoundOptions wan = options->wan;
        wan.project = options->project;
        wan.cpu_share = options->cpuShare;
        wan.directory = options->directory;
        wan.runs = options->runs;
        if (options->tokens != BenchMultidcOptions{}.tokens) wan.diloco_tokens = options->tokens;
        runWanBoundBench(wan, context);
        return;
      }
      runBenchMultidc(*options, context);
    } catch (const std::exception& e) {
      fmt::print(stderr, "archi bench multidc: {}\n", e.what());
      context.exitCode = 1;
    }
  });
}

}  // namespace archi::cli
