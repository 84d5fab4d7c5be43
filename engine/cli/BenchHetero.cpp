// archi bench hetero: one datacenter of emulated 1×A100-80G + 2×H20 + 1×Ascend-910B. Its
// aggregate tokens/s with speed-proportional shares, and with an equal split (naive data
// parallel), against the sum of each device's standalone speed measured in the same run.

#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <thread>

#include "cli/BenchStats.h"
#include "cli/CliContext.h"
#include "control/RunLauncher.h"
#include "core/DataLayout.h"
#include "core/ProjectJson.h"

namespace archi::cli {
namespace {

struct BenchHeteroOptions {
  std::int64_t tokens = 393'216;  // per run: 12 steps of 256 sequences
  int runs = 3;
  double cpuShare = 0.2;  // low enough that pacing, not a busy CPU (2 vCPUs), sets every device's speed
  std::string directory;
};

Project heteroProject(const std::vector<DeviceGroup>& devices, std::int64_t tokens) {
  Project project;
  project.name = "bench-hetero";
  Datacenter dc;
  dc.id = "pool";
  dc.name = "Pool";
  dc.nodes.push_back({"pool-node", "127.0.0.1", 7900, devices});
  project.topology.datacenters.push_back(dc);
  project.run.model = {2, 4, 128, 128, 256};
  // 256 sequences a step: whole-sequence shares then miss the speed ratios by well under 1%
  // (at 128 the slowest device carried about 2% too much), and the per-step all-reduce is a
  // small share of a step.
  project.run.train.batch_tokens = 256 * 128;
  // One round spanning the run: validation only before the first step and after the last, so
  // the rates compare training steps of the pool with training steps of each device alone.
  project.run.train.inner_steps = static_cast<int>(std::max<std::int64_t>(1, tokens / project.run.train.batch_tokens));
  project.run.train.sync = SyncMode::Ddp;
  return project;
}

struct Outcome {
  double tokens_per_s = 0.0;
  double predicted_tokens_per_s = 0.0;
};

Outcome runOnce(const Project& project, const GpuCatalog& catalog, const std::map<std::string, double>& paces, bool equalSplit,
                std::int64_t tokens, const std::filesystem::path& directory, const std::string& name) {
  LaunchOptions launch;
  launch.archi_binary = std::filesystem::read_symlink("/proc/self/exe");
  const DataLayout data(directory);  // a scratch data folder laid out like the user's
  launch.runs_directory = data.runsDirectory();
  launch.store_path = data.storePath();
  launch.pki_directory = data.pkiDirectory();
  launch.token_budget = tokens;
  launch.run_name = name;
  launch.emulation_paces = paces;
  launch.equal_split = equalSplit;
  RunLauncher launcher(project, catalog, launch, std::make_unique<LocalSpawner>(launch.archi_binary));
  launcher.start();
  while (launcher.poll()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const RunSummary summary = launcher.finish();
  if (summary.state != RunState::Completed) throw std::runtime_error("run " + name + " ended " + toString(summary.state));
  return {summary.tokens_per_s, summary.predicted_tokens_per_s};
}

void runBenchHetero(const BenchHeteroOptions& options, CliContext& context) {
  const auto catalog = context.loadCatalog();
  if (!catalog) throw std::runtime_error("the GPU catalog does not load");
  const std::vector<DeviceGroup> pool = {{"A100-80G", 1, true}, {"H20", 2, true}, {"Ascend-910B", 1, true}};
  const Project pooled = heteroProject(pool, options.tokens);
  const std::map<std::string, double> paces = emulationPaces(pooled, *catalog, options.cpuShare);
  std::filesystem::path directory = options.directory;
  if (directory.empty()) directory = std::filesystem::temp_directory_path() / ("archi-bench-hetero-" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  fmt::print("emulated paces (tok/s; {:.0f}% of this machine's measured CPU capacity, in catalog ratios): A100-80G {:.0f}, "
             "H20 {:.0f}, Ascend-910B {:.0f}\n",
             100.0 * options.cpuShare, paces.at("A100-80G"), paces.at("H20"), paces.at("Ascend-910B"));

  std::vector<double> proportional;
  std::vector<double> equal;
  std::vector<double> ideal;
  std::vector<double> plannerError;
  for (int run = 0; run < options.runs; ++run) {
    // Standalone: each device alone on the same per-step batch.
    double sum = 0.0;
    for (const DeviceGroup& group : pool) {
      // As many steps as the pooled run takes, so both rates cover the same number of steps.
      const Outcome alone = runOnce(heteroProject({{group.type, 1, true}}, options.tokens), *catalog, paces, false, options.tokens, directory,
                                    fmt::format("alone-{}-{}", group.type, run + 1));
      sum += alone.tokens_per_s * group.count;
    }
    const Outcome shared = runOnce(pooled, *catalog, paces, false, options.tokens, directory, fmt::format("proportional-{}", run + 1));
    const Outcome naive = runOnce(pooled, *catalog, paces, true, options.tokens, directory, fmt::format("equal-{}", run + 1));
    ideal.push_back(sum);
    proportional.push_back(shared.tokens_per_s / sum);
    equal.push_back(naive.tokens_per_s / sum);
    plannerError.push_back(100.0 * std::fabs(shared.predicted_tokens_per_s - shared.tokens_per_s) / shared.tokens_per_s);
    fmt::print("run {}: standalone sum {:.0f} tok/s; proportional {:.0f} tok/s ({:.3f}); equal split {:.0f} tok/s ({:.3f}); "
               "planned {:.0f} tok/s\n",
               run + 1, sum, shared.tokens_per_s, proportional.back(), naive.tokens_per_s, equal.back(), shared.predicted_tokens_per_s);
  }
  fmt::print("one datacenter, 1×A100-80G + 2×H20 + 1×Ascend-910B, all EMULATED on this CPU; {} tokens per run in steps of 256 "
             "sequences, validation before the first and after the last step; median of {} runs\n",
             options.tokens, options.runs);
  fmt::print("RESULT hetero_standalone_sum_tokens_per_s {:.0f} tok/s\n", median(ideal));
  fmt::print("RESULT hetero_efficiency {:.3f}\n", median(proportional));
  fmt::print("RESULT hetero_equal_split_efficiency {:.3f}\n", median(equal));
  fmt::print("RESULT planner_error_pct {:.1f}\n", median(plannerError));
  if (options.directory.empty()) std::filesystem::remove_all(directory);
}

}  // namespace

void registerBenchHetero(CLI::App& bench, CliContext& context) {
  auto options = std::make_shared<BenchHeteroOptions>();
  auto* command = bench.add_subcommand("hetero", "Speed-proportional shares against an equal split on a mixed emulated pool");
  command->add_option("--tokens", options->tokens, "token budget of each pooled run")->check(CLI::Range(32'768, 100'000'000));
  command->add_option("--runs", options->runs, "repetitions (the median is reported)")->check(CLI::Range(1, 20));
  command->add_option("--cpu-share", options->cpuShare, "share of the CPU the emulated pool is paced to")
      ->check(CLI::Range(0.05, 1.0));
  command->add_option("--dir", options->directory, "folder for runs and the store (kept when given)");
  command->callback([&context, options] {
    try {
      runBenchHetero(*options, context);
    } catch (const std::exception& e) {
      fmt::print(stderr, "archi bench hetero: {}\n", e.what());
      context.exitCode = 1;
    }
  });
}

}  // namespace archi::cli
