// archi bench chaos [PROJECT] (issue 15 item 6): the local demo trained twice with the same
// seed, budget and emulation paces, through loopback node agents as `archi run --local` does:
// once without faults, once under a seeded schedule of about one fault a minute — a worker
// killed, a datacenter leader killed (both restarted by their agents), a WAN link cut for 30 s,
// and the launcher dropped without stopping the run, a new one attaching to it (what a crashed
// console or `archi run` leaves; here in-process: the first launcher object is detached and
// destroyed, the agents keep the run going). Afterwards the invariants are checked on the store
// and the checkpoints, and the goodput ratio is printed:
//   chaos_goodput_ratio = (merged tokens / wall time) with faults ÷ the same without.
// Devices are emulated and WAN links shaped in user space, as in every local demo.

#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <set>
#include <thread>

#include "cli/BenchProject.h"
#include "cli/CliContext.h"
#include "control/RunLauncher.h"
#include "core/DataLayout.h"
#include "core/ProjectJson.h"
#include "core/Resources.h"
#include "core/Rng.h"
#include "remote/AgentSpawner.h"
#include "remote/LocalAgents.h"
#include "train/CheckpointSet.h"

namespace archi::cli {
namespace {

struct BenchChaosOptions {
  std::string project;
  std::int64_t tokens = 3'000'000;  // about five minutes of the demo: room for a fault a minute
  std::uint64_t seed = 1;
  double faultEvery_s = 60.0;
  double cpuShare = 0.5;
  std::string directory;
};

struct Outcome {
  std::int64_t runId = 0;
  double wall_s = 0.0;               // run start to its last stored step
  std::int64_t mergedTokens = 0;     // the run's token count every leader ended with
  std::vector<std::string> broken;   // invariants that did not hold
};

// The seeded schedule: which worker, which leader and which link, and when.
struct ChaosSchedule {
  std::vector<Fault> faults;       // applied by the launcher
  double dropLauncherAt_s = 0.0;   // the launcher is dropped and a new one attaches
  std::vector<std::string> described;
};

ChaosSchedule makeSchedule(const Project& project, const Plan& plan, const BenchChaosOptions& options) {
  Rng rng(options.seed);
  const auto at = [&](int slot) { return options.faultEvery_s * slot + (rng.uniform() - 0.5) * 0.3 * options.faultEvery_s; };
  std::vector<std::string> leaders;
  std::vector<std::string> followers;
  for (const DatacenterPlan& dc : plan.datacenters) {
    bool first = true;
    for (const DevicePlan& device : dc.devices) {
      if (device.excluded || device.sequences_per_step <= 0) continue;
      (first ? leaders : followers).push_back(device.device.id);
      first = false;
    }
  }
  if (leaders.empty() || followers.empty() || project.topology.links.empty()) {
    throw std::runtime_error("the chaos schedule needs a datacenter with two workers and a WAN link");
  }
  const auto pick = [&](const auto& from) { return from[static_cast<std::size_t>(rng.uniform() * double(from.size())) % from.size()]; };
  ChaosSchedule schedule;
  Fault worker;
  worker.kind = FaultKind::KillWorker;
  worker.worker_id = pick(followers);
  worker.at_s = at(1);
  worker.restart_after_s = 5.0;
  Fault leader = worker;
  leader.worker_id = pick(leaders);
  leader.at_s = at(2);
  const WanLink& link = pick(project.topology.links);
  Fault cut;
  cut.kind = FaultKind::CutLink;
  cut.dc_a = link.a;
  cut.dc_b = link.b;
  cut.at_s = at(3);
  cut.duration_s = 30.0;
  schedule.faults = {worker, leader, cut};
  schedule.dropLauncherAt_s = at(4);
  for (const Fault& fault : schedule.faults) schedule.described.push_back(describeFault(fault));
  schedule.described.push_back(fmt::format("launcher dropped at {:.0f} s, a new one attaches", schedule.dropLauncherAt_s));
  return schedule;
}

LaunchOptions launchOptions(const std::filesystem::path& directory, const BenchChaosOptions& options,
                            const std::map<std::string, double>& paces, const std::string& name) {
  LaunchOptions launch;
  launch.archi_binary = std::filesystem::read_symlink("/proc/self/exe");
  const DataLayout data(directory);
  launch.runs_directory = data.runsDirectory();
  launch.store_path = data.storePath();
  launch.pki_directory = data.pkiDirectory();
  launch.token_budget = options.tokens;
  launch.run_name = name;
  launch.emulation_paces = paces;
  return launch;
}

void followToTheEnd(RunLauncher& launcher, const std::string& name) {
  while (launcher.poll()) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const RunSummary summary = launcher.finish();
  if (summary.state != RunState::Completed) {
    throw std::runtime_error("run " + name + " ended " + toString(summary.state) +
                             (summary.failures.empty() ? std::string() : ": " + summary.failures.front()));
  }
}

// The invariants of a finished run, from the store and the leaders' checkpoint sets.
Outcome check(RunStore& store, std::int64_t runId, const Project& project, std::int64_t budget) {
  Outcome outcome;
  outcome.runId = runId;
  const std::optional<RunRecord> run = store.findRun(runId);
  if (!run || run->state != RunState::Completed) outcome.broken.push_back("the run is not marked completed");
  // Every worker's steps once: step rows are keyed by (worker, step), so a record ingested
  // twice would replace itself; what must hold is that none is missing in a leader's sequence
  // once it trained, and that the journals' step records all arrived (checked by the count).
  std::map<std::string, std::set<std::int64_t>> steps;
  double lastStep_s = 0.0;
  std::size_t rows = 0;
  for (const StepMetric& step : store.stepMetrics(runId)) {
    steps[step.worker_id].insert(step.step);
    lastStep_s = std::max(lastStep_s, step.wall_time_s);
    ++rows;
  }
  std::size_t distinct = 0;
  for (const auto& [worker, numbers] : steps) distinct += numbers.size();
  if (distinct != rows) outcome.broken.push_back(fmt::format("{} step rows but {} distinct (worker, step) pairs", rows, distinct));
  outcome.wall_s = lastStep_s - run->started_at_s.value_or(run->created_at_s);

  // Checkpoints valid, and every datacenter ends on the same global state and token count.
  std::map<std::string, std::filesystem::path> folders;  // datacenter folder name -> where its sets are
  for (const CheckpointRecord& c : store.checkpoints(runId)) {
    const std::filesystem::path path(c.path);
    if (checkpointSetRound(path)) folders[path.parent_path().filename().string()] = path.parent_path();
  }
  std::vector<LoadedCheckpointSet> finals;
  for (const Datacenter& dc : project.topology.datacenters) {
    const auto it = folders.find(datacenterCheckpointFolder({}, dc.id).filename().string());
    if (it == folders.end()) {
      outcome.broken.push_back(dc.id + " wrote no checkpoint set");
      continue;
    }
    const std::vector<std::int64_t> rounds = checkpointSetRounds(it->second);
    const CheckpointLoad inner = rounds.empty() ? CheckpointLoad{} : loadCheckpoint(checkpointSetPaths(it->second, rounds.front()).inner);
    if (!inner.state) {
      outcome.broken.push_back(dc.id + ": newest inner checkpoint: " + inner.error);
      continue;
    }
    NewestCheckpointSet newest =
        loadNewestCheckpointSet(it->second, project.run.model, inner.state->params.size(), project.topology.datacenters.size());
    for (const std::string& skipped : newest.skipped) outcome.broken.push_back(dc.id + ": " + skipped);
    if (newest.set) finals.push_back(std::move(*newest.set));
  }
  for (const LoadedCheckpointSet& set : finals) {
    if (set.outer.version != finals.front().outer.version || set.outer.global != finals.front().outer.global) {
      outcome.broken.push_back(fmt::format("final global states differ: version {} and version {}", finals.front().outer.version,
                                           set.outer.version));
    }
    if (set.outer.globalTokens != finals.front().outer.globalTokens) {
      outcome.broken.push_back(fmt::format("leaders end with {} and {} run tokens", finals.front().outer.globalTokens, set.outer.globalTokens));
    }
  }
  if (!finals.empty()) {
    outcome.mergedTokens = finals.front().outer.globalTokens;
    if (outcome.mergedTokens < budget) outcome.broken.push_back(fmt::format("{} tokens merged of a budget of {}", outcome.mergedTokens, budget));
  }
  return outcome;
}

Outcome runBaseline(const Project& project, const GpuCatalog& catalog, const BenchChaosOptions& options,
                    const std::map<std::string, double>& paces, const std::filesystem::path& directory) {
  const LaunchOptions launch = launchOptions(directory, options, paces, "chaos-baseline");
  remote::LocalAgentOptions local{launch.archi_binary, remote::localAgentsRoot(launch.runs_directory, project.name) / "baseline",
                                  launch.pki_directory};
  remote::LocalAgents agents(project, local);
  LaunchOptions withAgents = launch;
  withAgents.agents = agents.records();
  RunLauncher launcher(project, catalog, withAgents, std::make_unique<remote::AgentSpawner>(agents.endpoints(), agents.credentials()));
  const std::int64_t runId = launcher.start();
  followToTheEnd(launcher, "chaos-baseline");
  RunStore store(launch.store_path, RunStore::Access::ReadOnly);
  return check(store, runId, launcher.project(), options.tokens);
}

Outcome runWithChaos(const Project& project, const GpuCatalog& catalog, const BenchChaosOptions& options,
                     const std::map<std::string, double>& paces, const std::filesystem::path& directory, ChaosSchedule& schedule) {
  LaunchOptions launch = launchOptions(directory, options, paces, "chaos-faults");
  remote::LocalAgentOptions local{launch.archi_binary, remote::localAgentsRoot(launch.runs_directory, project.name) / "chaos",
                                  launch.pki_directory};
  remote::LocalAgents agents(project, local);
  launch.agents = agents.records();
  std::int64_t runId = 0;
  {
    LaunchOptions first = launch;
    first.faults = schedule.faults;
    RunLauncher launcher(project, catalog, first, std::make_unique<remote::AgentSpawner>(agents.endpoints(), agents.credentials()));
    runId = launcher.start();
    while (launcher.elapsedSeconds() < schedule.dropLauncherAt_s) {
      if (!launcher.poll()) throw std::runtime_error("the run ended before the launcher was dropped: raise --tokens");
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    launcher.detach();  // gone without a stop: the agents keep the run going
  }
  fmt::print("launcher dropped; attaching a new one\n");
  std::fflush(stdout);
  RunLauncher attached(Project{}, catalog, launch, std::make_unique<remote::AgentSpawner>(agents.endpoints(), agents.credentials()));
  attached.attach("chaos-faults");
  followToTheEnd(attached, "chaos-faults");
  RunStore store(launch.store_path, RunStore::Access::ReadOnly);
  return check(store, runId, attached.project(), options.tokens);
}

void runBenchChaos(const BenchChaosOptions& options, CliContext& context) {
  const BenchProject bench = loadBenchProject(options.project, context);
  std::filesystem::path directory = options.directory;
  if (directory.empty()) directory = std::filesystem::temp_directory_path() / ("archi-bench-chaos-" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);

  // One set of emulation paces for both runs (measured once, here), so they compare.
  const std::map<std::string, double> paces = emulationPaces(bench.project, bench.catalog, options.cpuShare);
  const Plan plan = makePlan(bench.project, bench.catalog, ProfileBook{}, emulatedPlanOptions(bench.project, bench.catalog, paces));
  ChaosSchedule schedule = makeSchedule(bench.project, plan, options);
  fmt::print("{}: {} tokens per run, seed {}; devices emulated, WAN links emulated in user space\nschedule:\n", bench.file, options.tokens,
             options.seed);
  for (const std::string& line : schedule.described) fmt::print("  {}\n", line);
  std::fflush(stdout);

  const Outcome calm = runBaseline(bench.project, bench.catalog, options, paces, directory);
  fmt::print("without faults: {} tokens merged in {:.1f} s\n", calm.mergedTokens, calm.wall_s);
  std::fflush(stdout);
  const Outcome chaos = runWithChaos(bench.project, bench.catalog, options, paces, directory, schedule);
  fmt::print("with faults:    {} tokens merged in {:.1f} s\n", chaos.mergedTokens, chaos.wall_s);
  std::vector<std::string> broken;
  for (const std::string& b : calm.broken) broken.push_back("without faults: " + b);
  for (const std::string& b : chaos.broken) broken.push_back("with faults: " + b);
  for (const std::string& b : broken) fmt::print("invariant broken: {}\n", b);
  const double calmRate = double(calm.mergedTokens) / std::max(1e-9, calm.wall_s);
  const double chaosRate = double(chaos.mergedTokens) / std::max(1e-9, chaos.wall_s);
  fmt::print("RESULT chaos_tokens_per_s {:.0f} tok/s\n", chaosRate);
  fmt::print("RESULT chaos_baseline_tokens_per_s {:.0f} tok/s\n", calmRate);
  fmt::print("RESULT chaos_goodput_ratio {:.3f}\n", chaosRate / std::max(1e-9, calmRate));
  fmt::print("RESULT chaos_invariants_held {}\n", broken.empty() ? 1 : 0);
  if (options.directory.empty()) std::filesystem::remove_all(directory);
  if (!broken.empty()) context.exitCode = 1;
}

}  // namespace

void registerBenchChaos(CLI::App& bench, CliContext& context) {
  auto options = std::make_shared<BenchChaosOptions>();
  auto* command = bench.add_subcommand("chaos", "The demo under a seeded fault schedule against the same run without faults");
  command->add_option("PROJECT", options->project, "project file (default: the local demo)");
  command->add_option("--tokens", options->tokens, "token budget of each run")->check(CLI::Range(100'000, 1'000'000'000));
  command->add_option("--seed", options->seed, "seed of the fault schedule");
  command->add_option("--fault-every", options->faultEvery_s, "seconds between faults")->check(CLI::Range(10.0, 3600.0));
  command->add_option("--cpu-share", options->cpuShare, "share of the CPU the emulated devices are paced to")
      ->check(CLI::Range(0.05, 1.0));
  command->add_option("--dir", options->directory, "folder for runs and the store (kept when given)");
  command->callback([&context, options] {
    try {
      runBenchChaos(*options, context);
    } catch (const std::exception& e) {
      fmt::print(stderr, "archi bench chaos: {}\n", e.what());
      context.exitCode = 1;
    }
  });
}

}  // namespace archi::cli
