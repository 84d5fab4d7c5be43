// archi run PROJECT [--local] | --attach RUN: a whole run — plan, certificates, one worker per
// device started through the node agents (the project's, or loopback ones with --local), live
// progress per datacenter, Ctrl+C for a clean stop, and a final summary (tokens/s, WAN bytes,
// validation loss, a generated sample). --attach picks up a run whose launcher is gone.

#include <fmt/core.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <variant>

#include "cli/CliContext.h"
#include "cli/StopSignals.h"
#include "control/LauncherLease.h"
#include "control/RunLauncher.h"
#include "core/WallClock.h"
#include "remote/AgentSpawner.h"
#include "remote/SlurmSpawner.h"
#include "remote/LocalAgents.h"
#include "remote/NodeCheck.h"
#include "core/DataLayout.h"
#include "core/ProjectJson.h"

namespace archi::cli {
namespace {

struct RunOptions {
  std::string project;
  bool local = false;
  std::string attach;  // run name
  std::string resume;  // run name
  std::string runsDirectory;
  std::string storePath;
  std::string pkiDirectory;
  std::int64_t tokens = 0;
  bool noWanEmulation = false;
  bool noDilation = false;
  double dilationMax = LaunchOptions{}.dilation_max;
  double standsForParameters = 0.0;
  bool gpuWorkers = false;
  int threadsPerWorker = 1;
  std::string name;
  std::vector<std::string> netns;  // DC=NS:IP
  std::vector<std::string> faults;  // --fault, see control/Fault.h
  AlertThresholds alerts;
};

std::string rate(double tokensPerSecond) {
  if (tokensPerSecond >= 1e6) return fmt::format("{:.2f}M tok/s", tokensPerSecond / 1e6);
  if (tokensPerSecond >= 1e4) return fmt::format("{:.0f}k tok/s", tokensPerSecond / 1e3);
  return fmt::format("{:.0f} tok/s", tokensPerSecond);
}

std::string bytes(double count) {
  if (count >= 1e9) return fmt::format("{:.2f} GB", count / 1e9);
  if (count >= 1e6) return fmt::format("{:.1f} MB", count / 1e6);
  return fmt::format("{:.0f} kB", count / 1e3);
}

// One line per datacenter; redrawn in place on a terminal, printed every 10 s otherwise.
class ProgressDisplay {
 public:
  explicit ProgressDisplay(bool terminal) : terminal_(terminal) {}

  void draw(const RunLauncher& launcher, std::int64_t budget) {
    const double now = launcher.elapsedSeconds();
    if (!terminal_ && now - lastPrinted_ < 10.0) return;
    lastPrinted_ = now;
    std::string text;
    const auto tokens = launcher.collector().totalTokens();
    double total = 0.0;
    for (const auto& [id, dc] : launcher.collector().progress()) total += dc.tokensPerSecond();
    double validation = -1.0;
    for (const auto& [id, dc] : launcher.collector().progress()) validation = std::max(validation, dc.last_val_loss);
    text += fmt::format("{:>6.0f} s  {:5.1f}%  {}  {} tokens  validation loss {}\n", now,
                        100.0 * double(tokens) / double(std::max<std::int64_t>(1, budget)), rate(total), tokens,
                        validation >= 0 ? fmt::format("{:.3f}", validation) : "-");
    for (const DatacenterPlan& plan : launcher.plan().datacenters) {
      const auto it = launcher.collector().progress().find(plan.id);
      if (it == launcher.collector().progress().end()) continue;
      const DatacenterProgress& dc = it->second;
      text += fmt::format("  {:<12} step {:>5}  round {:>4}  loss {:>6.3f}  {:>12}  WAN {}\n", plan.name, dc.leader_steps, dc.rounds,
                          dc.last_loss, rate(dc.tokensPerSecond()), bytes(double(dc.wan_bytes)));
    }
    if (terminal_ && lines_ > 0) fmt::print("\x1b[{}A\x1b[J", lines_);
    fmt::print("{}", text);
    std::fflush(stdout);
    lines_ = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  }

 private:
  bool terminal_;
  int lines_ = 0;
  double lastPrinted_ = -1e9;
};

// Every node's agent must answer and hold what the project says it has; each problem names
// the node, printed compiler-style. False when the launch must not go ahead.
bool checkAgents(const Project& project, const GpuCatalog& catalog, const std::vector<remote::AgentEndpoint>& agents,
                 const remote::ConsoleCredentials& credentials, LaunchOptions& launch) {
  const std::vector<std::string> problems = remote::checkNodesForLaunch(project, catalog, agents, credentials, launch);
  for (const std::string& problem : problems) fmt::print(stderr, "archi run: {}\n", problem);
  return problems.empty();
}

// A dilated run's figures on the wall clock and as real-time equivalents (plan/Dilation.h).
void printDilatedSummary(const RunSummary& s) {
  const double d = s.dilation;
  fmt::print("Dilated rehearsal ×{:.4g} (devices emulated): {}\n", d, s.dilation_derivation);
  fmt::print("Real-time equivalent (dilated ×{:.4g}): {} over {:.4g} s, {} over the WAN; on the wall clock {} over {:.0f} s, "
             "{} sent\n",
             d, rate(s.realTimeTokensPerSecond()), s.realTimeSeconds(), bytes(double(s.wan_bytes) * s.dilation_bytes_factor),
             rate(s.tokens_per_s), s.elapsed_s, bytes(double(s.wan_bytes)));
  fmt::print("{:<12} {:>16} {:>16} {:>10}   real-time equivalent (dilated ×{:.4g})\n", "Datacenter", "Measured", "Planner (real)",
             "Error", d);
  for (const DatacenterSummary& dc : s.datacenters) {
    const double measured = dc.tokens_per_s * d;
    const std::string error = dc.real_predicted_tokens_per_s > 0.0 && measured > 0.0
                                  ? fmt::format("{:+.1f}%", 100.0 * (dc.real_predicted_tokens_per_s / measured - 1.0))
                                  : std::string("-");
    fmt::print("{:<12} {:>16} {:>16} {:>10}\n", dc.name, rate(measured), rate(dc.real_predicted_tokens_per_s), error);
  }
}

void printSummary(const RunSummary& s) {
  std::string labels;
  if (s.any_emulated) labels += " — devices EMULATED on this CPU";
  if (s.wan_emulated) labels += labels.empty() ? " — WAN links emulated in user space" : ", WAN links emulated in user space";
  if (s.in_namespaces) labels += labels.empty() ? " — datacenters in network namespaces" : ", datacenters in network namespaces";
  fmt::print("\nRun {} {} after {:.0f} s{}\n", s.name, toString(s.state), s.elapsed_s, labels);
  fmt::print("{:<12} {:>8} {:>12} {:>14} {:>14} {:>8} {:>10}\n", "Datacenter", "Workers", "Tokens", "Measured", "Planned", "Rounds", "WAN sent");
  for (const DatacenterSummary& dc : s.datacenters) {
    fmt::print("{:<12} {:>8} {:>12} {:>14} {:>14} {:>8} {:>10}{}\n", dc.name, dc.workers, dc.tokens, rate(dc.tokens_per_s),
               rate(dc.predicted_tokens_per_s), dc.rounds, bytes(double(dc.wan_bytes)), dc.emulated ? "  (emulated)" : "");
  }
  fmt::print("{:<12} {:>8} {:>12} {:>14} {:>14}\n", "Total", "", s.tokens, rate(s.tokens_per_s), rate(s.predicted_tokens_per_s));
  fmt::print("Bytes sent over the WAN: {}\n", bytes(double(s.wan_bytes)));
  if (s.dilation != 1.0) printDilatedSummary(s);
  if (s.final_validation_loss) {
    fmt::print("Validation loss: {:.4f} at the start, {:.4f} at the end (nats per byte)\n", s.first_validation_loss.value_or(0.0),
               *s.final_validation_loss);
  }
  if (!s.sample.empty()) fmt::print("Sample:\n{}\n", s.sample);
  for (const std::string& failure : s.failures) fmt::print("failure: {}\n", failure);
  fmt::print("Run folder: {}\n", s.run_directory.string());
}

// The run's Slurm jobs as slurmrestd reports them now (squeue/sacct's view, from the REST API).
void printSlurmJobs(remote::SlurmSpawner& spawner) {
  spawner.refreshJobs();
  const std::vector<remote::SlurmJobView> jobs = spawner.jobs();
  if (jobs.empty()) return;
  fmt::print("Slurm jobs (slurmrestd {}):\n{:>8} {:<12} {:>6} {:<12} {:<16} {}\n", remote::kSlurmApiVersion, "Job", "Datacenter", "Tasks",
             "State", "Reason", "Nodes");
  for (const remote::SlurmJobView& job : jobs) {
    fmt::print("{:>8} {:<12} {:>6} {:<12} {:<16} {}\n", job.job_id, job.datacenter_id, job.tasks, job.state, job.reason, job.nodes);
  }
}

// Follows a launched (or re-attached) run to its end: progress lines, Ctrl+C for a clean stop.
int follow(RunLauncher& launcher, std::int64_t budget) {
  StopSignals signals;
  ProgressDisplay progress(::isatty(STDOUT_FILENO) == 1);
  while (launcher.poll()) {
    if (signals.flag()) launcher.requestStop();
    progress.draw(launcher, budget);
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  const RunSummary summary = launcher.finish();
  printSummary(summary);
  return summary.state == RunState::Failed ? 1 : 0;
}

LaunchOptions launchOptionsOf(const RunOptions& options) {
  LaunchOptions launch;
  launch.archi_binary = std::filesystem::read_symlink("/proc/self/exe");
  const DataLayout data = DataLayout::fromEnvironment();
  launch.runs_directory = options.runsDirectory.empty() ? data.runsDirectory() : std::filesystem::path(options.runsDirectory);
  launch.store_path = options.storePath.empty() ? data.storePath() : std::filesystem::path(options.storePath);
  launch.pki_directory = options.pkiDirectory.empty() ? data.pkiDirectory() : std::filesystem::path(options.pkiDirectory);
  launch.wan_emulation = !options.noWanEmulation;
  launch.dilation = !options.noDilation;
  launch.dilation_stands_for_parameters = options.standsForParameters;
  launch.dilation_max = options.dilationMax;
  launch.gpu_workers = options.gpuWorkers;
  launch.alerts = options.alerts;
  launch.threads_per_worker = options.threadsPerWorker;
  launch.token_budget = options.tokens;
  launch.run_name = options.name;
  return launch;
}

// The project a run was launched with, from the store's snapshot.
Project storedProject(const std::filesystem::path& storePath, const std::string& runName) {
  RunStore store(storePath, RunStore::Access::ReadOnly);
  const std::optional<RunRecord> run = store.findRunByName(runName);
  if (!run) throw std::runtime_error("the store " + storePath.string() + " has no run named " + runName);
  return storedRunProject(store, *run);
}

// archi run --attach RUN: the run's agents as the store recorded them.
int attachRun(const RunOptions& options, CliContext& context) {
  std::optional<GpuCatalog> catalog = context.loadCatalog();
  if (!catalog) return 2;
  LaunchOptions launch = launchOptionsOf(options);
  std::vector<remote::AgentEndpoint> agents;
  std::int64_t budget = 0;
  try {
    RunStore store(launch.store_path, RunStore::Access::ReadOnly);
    const std::optional<RunRecord> run = store.findRunByName(options.attach);
    if (!run) throw std::runtime_error("the store " + launch.store_path.string() + " has no run named " + options.attach);
    for (const RunAgentRecord& a : store.runAgents(run->id)) agents.push_back({a.node_id, a.datacenter_id, a.host, a.port});
    if (agents.empty()) {
      // Its workers died with their launcher: a run left `running` by one that is gone is marked so.
      RunStore writable(launch.store_path);
      const std::vector<std::string> lost = markRunsWithLostLaunchers(writable);
      const bool marked = std::find(lost.begin(), lost.end(), run->name) != lost.end();
      throw std::runtime_error("run " + options.attach + " was not launched through node agents" +
                               (marked ? std::string("; its launcher is gone, and it is now marked failed (launcher-lost)") : ""));
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "archi run --attach: {}\n", e.what());
    return 1;
  }
  const auto attachStarted = std::chrono::steady_clock::now();
  auto spawner = std::make_unique<remote::AgentSpawner>(agents, remote::consoleCredentials(launch.pki_directory));
  RunLauncher launcher(Project{}, std::move(*catalog), launch, std::move(spawner));
  try {
    launcher.attach(options.attach);
    budget = launcher.project().run.train.tokens;
    fmt::print("attached to run {} in {:.2f} s: {} agent(s); back-filling from the store's cursors\n", launcher.runName(),
               secondsSince(attachStarted), agents.size());
  } catch (const std::exception& e) {
    fmt::print(stderr, "archi run --attach: {}\n", e.what());
    return 1;
  }
  return follow(launcher, budget);
}

int runProject(const RunOptions& options, CliContext& context) {
  if (!options.attach.empty()) return attachRun(options, context);
  if (options.project.empty() == options.resume.empty()) {
    fmt::print(stderr, "archi run: give a PROJECT file or --resume RUN (or --attach RUN)\n");
    return 2;
  }
  std::optional<Project> project;
  std::optional<GpuCatalog> catalog;
  LaunchOptions launch = launchOptionsOf(options);
  if (!options.resume.empty()) {
    // A resumed run follows the project as it was launched: the store's snapshot.
    catalog = context.loadCatalog();
    if (!catalog) return 2;
    try {
      project = storedProject(launch.store_path, options.resume);
    } catch (const std::exception& e) {
      fmt::print(stderr, "archi run --resume: {}\n", e.what());
      return 1;
    }
  } else {
    const auto loaded = context.loadProject(options.project, stderr);
    if (!loaded) return 2;
    if (!loaded->load.ok()) return 1;
    project = *loaded->load.project;
    catalog = loaded->catalog;
  }
  for (const std::string& text : options.netns) {
    const auto parsed = parseDatacenterPlacement(text);
    if (const auto* error = std::get_if<std::string>(&parsed)) {
      fmt::print(stderr, "archi run: --netns {}\n", *error);
      return 2;
    }
    const ParsedPlacement& placement = std::get<ParsedPlacement>(parsed);
    if (!launch.placements.emplace(placement.datacenter, placement.placement).second) {
      fmt::print(stderr, "archi run: --netns names datacenter '{}' twice\n", placement.datacenter);
      return 2;
    }
  }
  if (!launch.placements.empty() && !options.local) {
    fmt::print(stderr, "archi run: --netns places datacenters of a --local run\n");
    return 2;
  }

  for (const std::string& text : options.faults) {
    std::string error;
    const std::optional<Fault> fault = parseFault(text, error);
    if (!fault) {
      fmt::print(stderr, "archi run: --fault {}\n", error);
      return 2;
    }
    launch.faults.push_back(*fault);
  }

  // Three ways to reach the workers: the project's node agents (the product's way), agents
  // this command starts on loopback (--local, the embedded default), or — for datacenters in
  // network namespaces that this namespace cannot reach — workers spawned directly (--netns).
  std::unique_ptr<remote::LocalAgents> localAgents;
  std::unique_ptr<WorkerSpawner> spawner;
  // Datacenters that run Slurm get their workers as Slurm jobs (docs/architecture.md#slurm); the
  // others as below. `agentProject` is the project less those datacenters.
  const std::vector<Datacenter> slurmDatacenters = remote::slurmDatacenters(*project);
  const Project agentProject = remote::withoutSlurmDatacenters(*project);
  remote::SlurmSpawner* slurmSpawner = nullptr;
  try {
    if (!slurmDatacenters.empty() && !launch.placements.empty()) {
      fmt::print(stderr, "archi run: --netns cannot place datacenters of a project that launches some through Slurm\n");
      return 2;
    }
    if (!launch.placements.empty()) {
      // Root is needed to enter the namespaces, not to train: the workers drop to the invoking user.
      launch.worker_user = invokingUser(launch.store_path.parent_path());
      spawner = std::make_unique<LocalSpawner>(launch.archi_binary, launch.placements, launch.worker_user);
    } else {
      std::vector<remote::AgentEndpoint> agents;
      remote::ConsoleCredentials credentials;
      if (options.local) {
        remote::LocalAgentOptions local;
        local.archi_binary = launch.archi_binary;
        local.state_root = remote::localAgentsRoot(launch.runs_directory, project->name);
        local.pki_directory = launch.pki_directory;
        localAgents = std::make_unique<remote::LocalAgents>(agentProject, local);
        agents = localAgents->endpoints();
        credentials = localAgents->credentials();
        launch.agents = localAgents->records();
      } else {
        agents = remote::projectAgents(agentProject);
        credentials = remote::consoleCredentials(launch.pki_directory);
        for (const remote::AgentEndpoint& a : agents) launch.agents.push_back({a.node_id, a.datacenter_id, a.host, a.port, false});
      }
      if (!agentProject.topology.datacenters.empty() && !checkAgents(agentProject, *catalog, agents, credentials, launch)) return 1;
      spawner = std::make_unique<remote::AgentSpawner>(agents, credentials, launch.max_restarts_per_worker);
      if (!slurmDatacenters.empty()) {
        remote::SlurmSpawnerOptions slurm;
        slurm.archi_binary = launch.archi_binary;
        slurm.max_restarts_per_worker = launch.max_restarts_per_worker;
        spawner = remote::routeSlurmDatacenters(*project, std::move(spawner), slurm, &slurmSpawner);
        fmt::print("{} datacenter(s) through Slurm ({}), {} through node agents\n", slurmDatacenters.size(),
                   slurmDatacenters.front().launch.url, agentProject.topology.datacenters.size());
      }
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "archi run: {}\n", e.what());
    return 1;
  }
  RunLauncher launcher(*project, *catalog, launch, std::move(spawner));
  try {
    const std::int64_t runId = options.resume.empty() ? launcher.start() : launcher.resume(options.resume);
    fmt::print("run {} (store {} id {}){}: {} datacenter(s), plan {} at {}; Ctrl+C stops cleanly\n", launcher.runName(),
               launch.store_path.string(), runId, options.resume.empty() ? "" : " resumed from its checkpoints",
               launcher.plan().datacenters.size(), toString(launcher.plan().sync),
               rate(launcher.plan().predicted_tokens_per_s));
    if (const auto& dilation = launcher.dilation()) {
      // A faithful rehearsal of a small model on real GPUs is often WAN-bound and long: say so now.
      const Plan& plan = launcher.plan();
      const double wall_s = plan.predicted_tokens_per_s > 0.0 ? double(launcher.project().run.train.tokens) / plan.predicted_tokens_per_s : 0.0;
      fmt::print("dilated rehearsal ×{:.4g} (devices emulated; --no-dilation turns it off): WAN links shaped {:.4g} times slower, "
                 "{:.0f}% of a round on the WAN as planned; about {} on the wall clock, {:.3g} s in real time\n",
                 dilation->factor, dilation->factor * dilation->bytesFactor(), 100.0 * plan.comm_share,
                 wall_s < 3600.0 ? fmt::format("{:.0f} s", wall_s) : fmt::format("{:.1f} h", wall_s / 3600.0), wall_s / dilation->factor);
      if (wall_s > 3600.0) {
        fmt::print("note: the {:.3g}-parameter model on the real devices would spend most of its time on the WAN; --stands-for "
                   "PARAMS rehearses a larger model at the same tokens per step (docs/architecture.md#time-dilation)\n",
                   dilation->model_parameters);
      }
    } else if (!launcher.notDilatedBecause().empty()) {
      fmt::print("devices emulated, {}\n", launcher.notDilatedBecause());
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "archi run: cannot start: {}\n", e.what());
    return 1;
  }
  const int status = follow(launcher, launcher.project().run.train.tokens);
  if (slurmSpawner != nullptr) printSlurmJobs(*slurmSpawner);
  return status;
}

}  // namespace

void registerRunCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<RunOptions>();
  auto* command = app.add_subcommand("run", "Train a project: plan, start the workers, collect metrics, summarise");
  command->add_option("PROJECT", options->project, "project file (*.archipelago.json)")->check(CLI::ExistingFile);
  command->add_flag("--local", options->local,
                    "run every node of the project on this machine: one node agent per node on loopback (the embedded default)");
  command->add_option("--attach", options->attach,
                      "re-attach to run RUN (still going on its node agents): back-fill the store and follow it to the end");
  command->add_option("--resume", options->resume,
                      "continue run RUN, which stopped or failed, from its datacenters' newest checkpoints (with --local: on this machine)");
  command->add_option("--runs-dir", options->runsDirectory, "where run folders go (default: ~/.local/share/archipelago/runs)");
  command->add_option("--store", options->storePath, "run store (default: ~/.local/share/archipelago/runs.db)");
  command->add_option("--pki", options->pkiDirectory, "the console's CA folder (default: ~/.local/share/archipelago/pki)");
  command->add_option("--tokens", options->tokens, "token budget, replacing the project's")->check(CLI::PositiveNumber);
  command->add_flag("--no-wan-emulation", options->noWanEmulation, "do not shape WAN traffic to the project's links");
  command->add_option("--dilation-max", options->dilationMax,
                      "the largest dilation applied to the project's own model without --stands-for (a larger one would "
                      "make the rehearsal hours long; the run then goes undilated and says so)")
      ->check(CLI::Range(1.0, 1e9));
  command->add_flag("--no-dilation", options->noDilation,
                    "emulated devices: do not dilate time (by default links, time boxes and timeouts are scaled by how much "
                    "slower than the real devices the emulated ones compute, and figures are given in real-time equivalents)");
  command->add_option("--stands-for", options->standsForParameters,
                      "dilated runs: the parameter count of the model the project's model stands for at the same tokens "
                      "per step (default: itself); see docs/architecture.md#time-dilation")
      ->check(CLI::Range(1e3, 1e13));
  command->add_flag("--gpu-workers", options->gpuWorkers,
                    "devices of an NVIDIA type that are not emulated train on their node's GPUs (CUDA plugin, NCCL); "
                    "without it they compute on the CPU and their speed is recorded as the CPU's");
  command->add_option("--threads-per-worker", options->threadsPerWorker, "CPU threads per worker")->check(CLI::Range(1, 256));
  command->add_option("--name", options->name, "run name (default: project and time); the run id adds a random suffix");
  command->add_option("--netns", options->netns,
                      "run datacenter DC's workers in network namespace NS, listening on its IPv4 address IP "
                      "(DC=NS:IP, repeatable; needs root and `ip netns`)");
  AlertThresholds& alerts = options->alerts;
  command->add_option("--alert-loss-z", alerts.loss_z, "alert when a worker's loss is this many standard deviations above its smoothed history")
      ->capture_default_str()->check(CLI::PositiveNumber);
  command->add_option("--alert-stall-s", alerts.stall_s, "alert when a worker has taken no step for this many seconds ...")
      ->capture_default_str()->check(CLI::PositiveNumber);
  command->add_option("--alert-stall-intervals", alerts.stall_intervals, "... and for this many of its usual step intervals")
      ->capture_default_str()->check(CLI::PositiveNumber);
  command->add_option("--alert-throughput-share", alerts.throughput_share,
                      "alert when the run's tokens/s stays below this share of the plan's ...")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
  command->add_option("--alert-throughput-rounds", alerts.throughput_rounds, "... for this many outer rounds in a row")
      ->capture_default_str()->check(CLI::PositiveNumber);
  command->add_option("--alert-link-share", alerts.link_share,
                      "alert when a bandwidth-bound WAN transfer achieves less than this share of its link's bandwidth")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
  command->add_option("--fault", options->faults,
                      "inject a fault (repeatable): kill:<worker-id>@<s>[+<restart-after-s>], "
                      "throttle:<worker-id>@<s>x<factor> (emulated devices), cut:<dc>/<dc>@<s>+<duration-s> "
                      "(emulated WAN link cut)");
  command->callback([&context, options] { context.exitCode = runProject(*options, context); });
}

}  // namespace archi::cli
