// archi agent --listen ADDR:PORT --state DIR: the node agent (docs/agent-api.md). Serves the
// /v1 API until SIGTERM/SIGINT (or, with --exit-when-idle-s, until no worker has run for that
// long); the workers it started keep running when it stops. Enrollment subcommands
// (`archi agent enroll`, `archi agent install-cert`) are registered by AgentEnrollCommand.cpp.

#include <fmt/core.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <set>
#include <thread>

#include "agent/AgentLayout.h"
#include "agent/AgentServer.h"
#include "agent/NodeRuns.h"
#include "agent/RunRetention.h"
#include "cli/CliContext.h"
#include "cli/StopSignals.h"
#include "core/HostPort.h"

namespace archi::cli {
namespace {

struct AgentFlags {
  std::string listen = "127.0.0.1:0";
  std::string state;
  double exitWhenIdle_s = 0;
  agent::RetentionPolicy retention;
};

int runAgent(const AgentFlags& flags, CliContext& context) {
  std::string error;
  const auto address = parseHostPort(flags.listen, error);
  if (!address) {
    fmt::print(stderr, "archi agent: --listen {}: {}\n", flags.listen, error);
    return 2;
  }
  const agent::AgentLayout layout(flags.state);
  if (!std::filesystem::exists(layout.nodeCertificate())) {
    fmt::print(stderr, "archi agent: {} is missing: run `archi agent enroll` first\n", layout.nodeCertificate().string());
    return 2;
  }
  auto catalog = context.loadCatalog();
  if (!catalog) return 2;
  std::shared_ptr<spdlog::logger> logger;
  try {
    agent::makePrivateDirectory(layout.root());
    auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(layout.logFile().string(), 5 * 1024 * 1024, 3);
    logger = std::make_shared<spdlog::logger>("agent", spdlog::sinks_init_list{std::make_shared<spdlog::sinks::stderr_sink_mt>(), file});
    logger->flush_on(spdlog::level::info);
    agent::AgentOptions options;
    options.state = flags.state;
    options.host = address->host;
    options.port = address->port;
    options.archiBinary = std::filesystem::read_symlink("/proc/self/exe");
    options.catalog = std::move(*catalog);
    agent::AgentServer server(std::move(options), logger);
    const int port = server.bind();
    logger->info("serving /v1 on {}:{} (TLS 1.3, console certificates only); state {}", address->host, port, flags.state);
    StopSignals signals;
    std::thread serving([&server] { server.serve(); });
    auto idleSince = std::chrono::steady_clock::now();
    auto nextPrune = std::chrono::steady_clock::now();
    while (!signals.flag()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      if (std::chrono::steady_clock::now() >= nextPrune) {
        nextPrune = std::chrono::steady_clock::now() + std::chrono::minutes(10);
        std::set<std::string> active;
        for (const agent::RunSummary& run : server.runs().runs()) {
          if (run.running > 0) active.insert(run.run);
        }
        for (const std::string& run : agent::pruneFinishedRuns(agent::AgentLayout(flags.state), active, flags.retention)) {
          logger->info("removed finished run {} (older than {} days and not among the newest {})", run, flags.retention.keepDays,
                       flags.retention.keepRuns);
        }
      }
      if (!server.idle()) idleSince = std::chrono::steady_clock::now();
      if (flags.exitWhenIdle_s > 0 &&
          std::chrono::duration<double>(std::chrono::steady_clock::now() - idleSince).count() >= flags.exitWhenIdle_s) {
        logger->info("no worker ran for {} s: exiting", flags.exitWhenIdle_s);
        break;
      }
    }
    logger->info("stopping: the API closes, workers keep running");
    server.stop();
    serving.join();
  } catch (const std::exception& e) {
    if (logger) logger->error("{}", e.what());
    else fmt::print(stderr, "archi agent: {}\n", e.what());
    return 1;
  }
  return 0;
}

}  // namespace

void registerAgentCommand(CLI::App& app, CliContext& context) {
  auto* command = app.add_subcommand("agent", "Run this node's agent: the HTTPS API through which the console starts workers");
  command->require_subcommand(0);
  auto flags = std::make_shared<AgentFlags>();
  command->add_option("--listen", flags->listen, "ADDR:PORT to serve on (port 0: any; written to STATE/agent.port)");
  command->add_option("--state", flags->state, "the agent's state folder (docs/agent-api.md)");
  command->add_option("--exit-when-idle-s", flags->exitWhenIdle_s, "exit when no worker has run for this long")->check(CLI::NonNegativeNumber);
  command->add_option("--keep-runs", flags->retention.keepRuns, "finished runs kept on disk beyond --keep-days (newest first)")
      ->check(CLI::NonNegativeNumber)->capture_default_str();
  command->add_option("--keep-days", flags->retention.keepDays, "a finished run's journals, logs and checkpoints stay at least this long")
      ->check(CLI::NonNegativeNumber)->capture_default_str();
  registerAgentEnrollCommands(*command, context);
  command->callback([command, flags, &context] {
    if (!command->get_subcommands().empty()) return;  // enroll / install-cert ran instead
    if (flags->state.empty()) {
      fmt::print(stderr, "archi agent: --state DIR is required\n");
      context.exitCode = 2;
      return;
    }
    context.exitCode = runAgent(*flags, context);
  });
}

}  // namespace archi::cli
