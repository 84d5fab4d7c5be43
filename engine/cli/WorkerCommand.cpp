// archi worker --spec FILE: one process per device. Reads and validates its spec, then runs
// the worker (control/WorkerRuntime.h) with SIGTERM/SIGINT as its stop request and its log
// on stderr; the exit status says how it ended.

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <optional>

#include "cli/CliContext.h"
#include "cli/StopSignals.h"
#include "control/WorkerOutcomeFile.h"
#include "control/WorkerRuntime.h"
#include "control/WorkerSpec.h"
#include "core/Resources.h"

namespace archi::cli {
namespace {

int runWorker(const std::string& specPath) {
  auto logger = std::make_shared<spdlog::logger>("worker", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  Diagnostics problems;
  std::optional<WorkerSpec> spec;
  try {
    spec = parseWorkerSpec(readTextFile(specPath, kWorkerSpecJsonLimits.max_bytes), problems);
  } catch (const std::exception& e) {
    problems.error("", e.what());
  }
  if (!spec || problems.hasErrors()) {
    for (const Diagnostic& d : problems.all()) logger->error("{}", formatDiagnostic(specPath, d));
    return 2;
  }
  logger->set_pattern(workerLogPattern(spec->worker_id));
  StopSignals signals;
  const std::string outcomePath = spec->outcome_file;
  WorkerRuntime runtime(std::move(*spec), logger);
  const WorkerOutcomeFile outcome = describeOutcome(runtime.run(signals.flag()));
  if (!outcomePath.empty()) {
    try {
      writeWorkerOutcomeFile(outcomePath, outcome);
    } catch (const std::exception& e) {
      logger->error("cannot record how this worker ended: {}", e.what());
    }
  }
  return outcome.exit_code;
}

}  // namespace

void registerWorkerCommand(CLI::App& app, CliContext& context) {
  auto* command = app.add_subcommand("worker", "Run one device's worker from a spec written by the launcher");
  auto spec = std::make_shared<std::string>();
  command->add_option("--spec", *spec, "worker spec (JSON)")->required()->check(CLI::ExistingFile);
  command->callback([&context, spec] { context.exitCode = runWorker(*spec); });
}

}  // namespace archi::cli
