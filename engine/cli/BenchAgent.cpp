// archi bench agent (issue 12): what the node agent costs and how fast the launcher works
// through it. A real `archi agent` on loopback, enrolled as `archi run --local` enrols it:
// its resident memory when idle; journal records streamed from it over mutual TLS into a run
// store, against the same records read from the local file (the baseline); the time from
// RunLauncher::start() to the first step in the store; and the time a restarted launcher
// takes to attach to a run still going on its agents and catch up with their journals.

#include <fmt/core.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <limits>
#include <span>
#include <thread>

#include "agent/AgentLayout.h"
#include "cli/BenchStats.h"
#include "cli/CliContext.h"
#include "control/ChildProcess.h"
#include "control/JournalRecords.h"
#include "control/MetricsJournal.h"
#include "control/RunCollector.h"
#include "control/RunLauncher.h"
#include "core/DataLayout.h"
#include "core/ProjectJson.h"
#include "core/WallClock.h"
#include "remote/AgentClient.h"
#include "remote/AgentSpawner.h"
#include "remote/JournalFollower.h"
#include "remote/LocalAgents.h"

namespace archi::cli {
namespace {

constexpr auto kRunDeadline = std::chrono::seconds(180);
constexpr auto kWorkerId = "east/0";

struct BenchAgentOptions {
  int repeat = 3;
  int records = 200'000;
  std::int64_t tokens = 50'000'000;  // never reached: the run benches stop their runs themselves
  double down_s = 1.0;               // how long the killed launcher stays down before the new one attaches
  std::string directory;
};

// The run tests' tiny project (tests/common/TestProject.h): one datacenter, one node, two CPU
// workers, a GPT of one layer, width 32, context 32 (the port is the project's; local agents pick their own).
Project tinyProject() {
  Project project;
  project.name = "bench-agent";
  Datacenter dc;
  dc.id = "east";
  dc.name = "east";
  dc.nodes.push_back({"east-node", "127.0.0.1", 7901, {{"CPU", 2, false}}});
  project.topology.datacenters.push_back(dc);
  project.run.model = {1, 2, 32, 32, 256};
  project.run.train.lr = 3e-3;
  return project;
}

double residentMib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string key;
  while (in >> key) {
    if (key == "VmRSS:") {
      double kib = 0.0;
      in >> kib;
      return kib / 1024.0;
    }
    in.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
  }
  throw std::runtime_error("no VmRSS in /proc/" + std::to_string(pid) + "/status (has the agent exited?)");
}

// The agents a killed `archi run --local` left behind (they would exit after 60 s idle): found by
// their --state folder under `stateRoot`, asked to stop with SIGTERM, waited for.
void stopAgentsUnder(const std::filesystem::path& stateRoot) {
  std::vector<pid_t> found;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", error)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "cmdline", std::ios::binary);
    std::vector<std::string> argv;
    for (std::string arg; std::getline(in, arg, '\0');) argv.push_back(arg);
    for (std::size_t i = 0; i + 2 < argv.size(); ++i) {
      if (argv[1] == "agent" && argv[i + 1] == "--state" && argv[i + 2].rfind(stateRoot.string(), 0) == 0) {
        found.push_back(static_cast<pid_t>(std::stoi(name)));
        break;
      }
    }
  }
  for (const pid_t pid : found) ::kill(pid, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  const auto alive = [](pid_t pid) {  // a zombie has ended too
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string pidText, command, state;
    return static_cast<bool>(stat >> pidText >> command >> state) && state != "Z";
  };
  for (const pid_t pid : found) {
    while (alive(pid) && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

void checkDeadline(std::chrono::steady_clock::time_point start, const char* what) {
  if (std::chrono::steady_clock::now() - start > kRunDeadline) throw std::runtime_error(std::string(what) + " took longer than 180 s");
}

remote::LocalAgentOptions localAgentOptions(const DataLayout& data) {
  remote::LocalAgentOptions local;
  local.archi_binary = std::filesystem::read_symlink("/proc/self/exe");
  local.state_root = data.root() / "local-agents";
  local.pki_directory = data.pkiDirectory();
  return local;
}

LaunchOptions launchOptions(const DataLayout& data, const BenchAgentOptions& options, const std::string& runName) {
  LaunchOptions launch;
  launch.archi_binary = std::filesystem::read_symlink("/proc/self/exe");
  launch.runs_directory = data.runsDirectory();
  launch.store_path = data.storePath();
  launch.pki_directory = data.pkiDirectory();
  launch.token_budget = options.tokens;
  launch.run_name = runName;
  return launch;
}

// `records` realistic step lines of one worker, as WorkerRuntime journals them.
void writeStepJournal(const std::filesystem::path& path, int records) {
  std::filesystem::remove(path);
  JournalWriter writer(path);
  const double start_s = unixSeconds();
  for (int i = 0; i < records; ++i) {
    const StepMetric step{0, kWorkerId, i + 1, start_s + i * 0.25, 4096, 5.5 / (1.0 + i * 1e-3), 180.0 + (i % 7), 12.0, 0.5, 3.0};
    writer.append(journal::stepRecord(step));
  }
}

std::int64_t freshRun(RunStore& store) {
  const std::int64_t runId = store.createRun({0, "bench", "bench-agent", RunState::Running, "ddp", false, unixSeconds(), {}, {}});
  const WorkerRecord worker{runId, kWorkerId, "east", "east-node", 0, "CPU", false};
  store.addWorkers(std::span(&worker, 1));
  return runId;
}

struct AgentFigures {
  double idle_rss_mib = 0.0;
  double rss_after_journal_mib = 0.0;
  double journal_rows_per_s = 0.0;
  double local_rows_per_s = 0.0;
  double journal_s = 0.0;
  double journal_commit_s = 0.0;  // of journal_s, in RunCollector::poll (parse is in pump)
};

// One agent: idle memory, then the journal served to a collector over TLS and read locally.
AgentFigures measureAgent(const std::filesystem::path& directory, const BenchAgentOptions& options) {
  const DataLayout data(directory);
  remote::LocalAgents agents(tinyProject(), localAgentOptions(data));
  const remote::AgentEndpoint& endpoint = agents.endpoints().front();
  const pid_t pid = agents.processIds().front();
  AgentFigures figures;
  {
    remote::AgentClient client(endpoint, agents.credentials());
    for (int i = 0; i < 3; ++i) {
      client.get("/v1/health");
      client.get("/v1/inventory");
    }
  }
  std::this_thread::sleep_for(std::chrono::seconds(1));
  figures.idle_rss_mib = residentMib(pid);

  // The agent serves any stream of a run folder in its state (agent/AgentApi.cpp, knowsRun):
  // a worker's journal written where the worker would write it is served like a live one.
  const std::string run = "bench-journal";
  const agent::AgentLayout layout(data.root() / "local-agents" / endpoint.node_id);
  const std::filesystem::path journalPath = layout.journalFile(run, agent::workerStem(kWorkerId));
  writeStepJournal(journalPath, options.records);

  {
    RunStore store(directory / "local.db");
    RunCollector collector(store, freshRun(store));
    collector.addJournal(journalPath, "east", true);
    const auto start = std::chrono::steady_clock::now();
    std::size_t stored = 0;
    while (stored < static_cast<std::size_t>(options.records)) {
      stored += collector.poll();
      checkDeadline(start, "reading the local journal");
    }
    figures.local_rows_per_s = options.records / secondsSince(start);
  }
  {
    RunStore store(directory / "remote.db");
    const std::int64_t runId = freshRun(store);
    RunCollector collector(store, runId);
    collector.addStream(kWorkerId, "east", true);
    remote::JournalFollower follower(agents.credentials());
    follower.follow(endpoint, run, kWorkerId, kWorkerId);
    const auto start = std::chrono::steady_clock::now();
    while (collector.cursor(kWorkerId) < options.records) {
      if (follower.pump(collector) > 0) {
        const auto commitStart = std::chrono::steady_clock::now();
        collector.poll();
        figures.journal_commit_s += secondsSince(commitStart);
      } else {
        follower.wait(std::chrono::milliseconds(100));
      }
      checkDeadline(start, "streaming the journal");
    }
    collector.poll();
    figures.journal_s = secondsSince(start);
    figures.journal_rows_per_s = options.records / figures.journal_s;
    if (store.countStepMetrics(runId) != options.records) throw std::runtime_error("bench agent: streamed row count mismatch");
  }
  figures.rss_after_journal_mib = residentMib(pid);
  return figures;
}

// Polls the launcher until its collector has stored a step; returns the seconds that took.
double untilFirstStep(RunLauncher& launcher, remote::JournalFollower& follower, std::chrono::steady_clock::time_point start) {
  while (launcher.collector().totalTokens() == 0) {
    if (!launcher.poll()) throw std::runtime_error("the run ended before its first step");
    follower.wait(std::chrono::milliseconds(10));
    checkDeadline(start, "the first step");
  }
  return secondsSince(start);
}

void stopRun(RunLauncher& launcher) {
  launcher.requestStop();
  while (launcher.poll()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const RunSummary summary = launcher.finish(std::chrono::seconds(30));
  if (summary.state == RunState::Failed) {
    throw std::runtime_error("run " + summary.name + " failed" + (summary.failures.empty() ? std::string() : ": " + summary.failures.front()));
  }
}

struct FirstStep {
  double seconds = 0.0;
  double journalled_s = 0.0;  // when the worker ended its first step (its record's wall time)
};

// RunLauncher::start() through LocalAgents + AgentSpawner, to the first step in the store.
FirstStep measureStartToFirstStep(const std::filesystem::path& directory, const GpuCatalog& catalog, const BenchAgentOptions& options) {
  const DataLayout data(directory);
  const Project project = tinyProject();
  remote::LocalAgents agents(project, localAgentOptions(data));
  LaunchOptions launch = launchOptions(data, options, "bench-first-step");
  launch.agents = agents.records();
  auto spawner = std::make_unique<remote::AgentSpawner>(agents.endpoints(), agents.credentials(), launch.max_restarts_per_worker);
  remote::AgentSpawner& agentSpawner = *spawner;
  RunLauncher launcher(project, catalog, launch, std::move(spawner));
  const auto start = std::chrono::steady_clock::now();
  const double startUnix_s = unixSeconds();
  const std::int64_t runId = launcher.start();
  FirstStep result;
  result.seconds = untilFirstStep(launcher, agentSpawner.follower(), start);
  stopRun(launcher);
  RunStore store(data.storePath(), RunStore::Access::ReadOnly);
  double first_s = std::numeric_limits<double>::max();
  for (const StepMetric& step : store.stepMetrics(runId)) first_s = std::min(first_s, step.wall_time_s);
  result.journalled_s = first_s - startUnix_s;
  return result;
}

struct Reattach {
  double seconds = 0.0;
  double attach_s = 0.0;        // of seconds, in RunLauncher::attach() (store, plan, adopt)
  std::int64_t backfilled = 0;  // step records the old launcher had not stored
};

// `archi run --local` as a child, SIGKILLed once steps are in the store; then a fresh launcher
// attaches in this process and is timed until its follower has caught up with the agents.
Reattach measureReattach(const std::filesystem::path& directory, const GpuCatalog& catalog, const BenchAgentOptions& options) {
  const DataLayout data(directory);
  const std::string runName = "bench-reattach";
  const std::filesystem::path projectFile = directory / "tiny.archipelago.json";
  std::filesystem::create_directories(directory);
  saveProjectFile(tinyProject(), projectFile);
  const std::string binary = std::filesystem::read_symlink("/proc/self/exe").string();
  // Whatever happens below, the agents the killed launcher leaves go with this measurement.
  struct AgentsReaper {
    std::filesystem::path stateRoot;
    ~AgentsReaper() { stopAgentsUnder(stateRoot); }
  } reaper{localAgentOptions(data).state_root};
  ChildProcess launcherProcess = ChildProcess::spawn(
      {binary, "run", projectFile.string(), "--local", "--runs-dir", data.runsDirectory().string(), "--store",
       data.storePath().string(), "--pki", data.pkiDirectory().string(), "--tokens", std::to_string(options.tokens), "--name", runName},
      directory / "run.out");
  const auto started = std::chrono::steady_clock::now();
  std::int64_t stepsBeforeKill = 0;
  while (stepsBeforeKill == 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (!launcherProcess.running()) throw std::runtime_error("archi run --local ended early (log: " + (directory / "run.out").string() + ")");
    checkDeadline(started, "the first step of archi run --local");
    if (!std::filesystem::exists(data.storePath())) continue;
    try {
      RunStore store(data.storePath(), RunStore::Access::ReadOnly);
      if (const auto run = store.findRunByName(runName)) stepsBeforeKill = store.countStepMetrics(run->id);
    } catch (const std::exception&) {
      // The launcher is still creating its store's schema: read again at the next turn.
    }
  }
  launcherProcess.sendSignal(SIGKILL);
  while (!launcherProcess.poll()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  // The workers train on while no launcher reads their journals: the new one back-fills that.
  std::this_thread::sleep_for(std::chrono::duration<double>(options.down_s));

  std::vector<remote::AgentEndpoint> agents;
  {
    RunStore store(data.storePath(), RunStore::Access::ReadOnly);
    const auto run = store.findRunByName(runName);
    for (const RunAgentRecord& a : store.runAgents(run->id)) agents.push_back({a.node_id, a.datacenter_id, a.host, a.port});
    stepsBeforeKill = store.countStepMetrics(run->id);
  }
  const auto start = std::chrono::steady_clock::now();
  auto spawner = std::make_unique<remote::AgentSpawner>(agents, remote::consoleCredentials(data.pkiDirectory()));
  remote::AgentSpawner& agentSpawner = *spawner;
  RunLauncher launcher(Project{}, catalog, launchOptions(data, options, runName), std::move(spawner));
  launcher.attach(runName);
  const double attach_s = secondsSince(start);
  // Caught up: every stream has been asked since the attach and none is behind its agent.
  bool asked = false;
  while (true) {
    launcher.poll();
    if (agentSpawner.follower().behind()) {
      asked = true;
    } else if (asked) {
      break;
    }
    agentSpawner.follower().wait(std::chrono::milliseconds(5));
    checkDeadline(start, "catching up after attach");
  }
  Reattach result;
  result.seconds = secondsSince(start);
  result.attach_s = attach_s;
  {
    RunStore store(data.storePath(), RunStore::Access::ReadOnly);
    result.backfilled = store.countStepMetrics(store.findRunByName(runName)->id) - stepsBeforeKill;
  }
  stopRun(launcher);
  return result;
}

void runBenchAgent(const BenchAgentOptions& options, CliContext& context) {
  const std::optional<GpuCatalog> catalog = context.loadCatalog();
  if (!catalog) throw std::runtime_error("the GPU catalog does not load");
  std::filesystem::path root = options.directory;
  const bool temporary = root.empty();
  if (temporary) root = std::filesystem::temp_directory_path() / ("archi-bench-agent-" + std::to_string(::getpid()));
  std::filesystem::create_directories(root);

  std::vector<double> idleRss, rssAfterJournal, streamed, local, ratio, firstStep, reattach;
  for (int i = 0; i < options.repeat; ++i) {
    const std::filesystem::path repetition = root / ("rep-" + std::to_string(i + 1));
    const AgentFigures agent = measureAgent(repetition / "agent", options);
    idleRss.push_back(agent.idle_rss_mib);
    rssAfterJournal.push_back(agent.rss_after_journal_mib);
    streamed.push_back(agent.journal_rows_per_s);
    local.push_back(agent.local_rows_per_s);
    ratio.push_back(agent.journal_rows_per_s / agent.local_rows_per_s);
    const FirstStep first = measureStartToFirstStep(repetition / "first-step", *catalog, options);
    firstStep.push_back(first.seconds);
    const Reattach attached = measureReattach(repetition / "reattach", *catalog, options);
    reattach.push_back(attached.seconds);
    fmt::print("repetition {}: idle RSS {:.1f} MiB ({:.1f} after serving the journal); journal {:.0f} rows/s over TLS "
               "({:.2f} of {:.2f} s in store commits), {:.0f} rows/s from the local file; first step {:.2f} s (the worker "
               "journalled it at {:.2f} s); re-attach {:.2f} s (attach() {:.2f} s, {} steps back-filled)\n",
               i + 1, agent.idle_rss_mib, agent.rss_after_journal_mib, agent.journal_rows_per_s, agent.journal_commit_s,
               agent.journal_s, agent.local_rows_per_s, first.seconds, first.journalled_s, attached.seconds, attached.attach_s,
               attached.backfilled);
    std::fflush(stdout);
  }
  fmt::print("medians of {} repetitions; {} step records per journal measurement; one agent on loopback\n", options.repeat,
             options.records);
  fmt::print("RESULT agent_idle_rss_mib {:.1f} MiB\n", median(idleRss));
  fmt::print("RESULT agent_rss_after_journal_mib {:.1f} MiB\n", median(rssAfterJournal));
  fmt::print("RESULT agent_journal_rows_per_s {:.0f} rows/s\n", median(streamed));
  fmt::print("RESULT agent_journal_local_rows_per_s {:.0f} rows/s\n", median(local));
  fmt::print("RESULT agent_journal_vs_local_ratio {:.2f}\n", median(ratio));
  fmt::print("RESULT agent_start_to_first_step_s {:.2f} s\n", median(firstStep));
  fmt::print("RESULT agent_reattach_s {:.2f} s\n", median(reattach));
  if (temporary) std::filesystem::remove_all(root);
}

}  // namespace

void registerBenchAgent(CLI::App& bench, CliContext& context) {
  auto options = std::make_shared<BenchAgentOptions>();
  auto* command = bench.add_subcommand("agent", "Node agent: idle memory, journal streaming over TLS, first step, re-attach");
  command->add_option("--repeat", options->repeat, "repetitions (the median is reported)")->check(CLI::Range(1, 100));
  command->add_option("--records", options->records, "step records in the streamed journal")->check(CLI::Range(1000, 100'000'000));
  command->add_option("--down-s", options->down_s, "seconds between killing the launcher and attaching the new one")
      ->check(CLI::Range(0.0, 600.0));
  command->add_option("--dir", options->directory, "scratch folder (default: a temporary folder, removed afterwards)");
  command->callback([&context, options] {
    try {
      runBenchAgent(*options, context);
    } catch (const std::exception& e) {
      fmt::print(stderr, "archi bench agent: {}\n", e.what());
      context.exitCode = 1;
    }
  });
}

}  // namespace archi::cli
