// archi worker --spec FILE: one process per device. Reads and validates its spec, then runs
// the worker (control/WorkerRuntime.h) with SIGTERM/SIGINT as its stop request and its log
// on stderr; the exit status says how it ended. With --stop-file PATH (workers in a Slurm job,
// docs/architecture.md#slurm) the stop request is that file appearing instead: a SIGTERM there
// comes from Slurm taking the allocation away (scancel, preemption, a time limit), which is a
// fault of this worker, not the end of the run, so it keeps its default action.

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <optional>
#include <thread>

#include "cli/CliContext.h"
#include "cli/StopSignals.h"
#include "control/WorkerOutcomeFile.h"
#include "control/WorkerRuntime.h"
#include "control/WorkerSpec.h"
#include "core/Resources.h"

namespace archi::cli {
namespace {

// Sets `stop` once `path` exists (polled: the file is written by the launcher on another host).
class StopFileWatch {
 public:
  StopFileWatch(std::filesystem::path path, std::atomic<bool>& stop)
      : thread_([path = std::move(path), &stop](std::stop_token token) {
          while (!token.stop_requested() && !stop.load()) {
            std::error_code error;
            if (std::filesystem::exists(path, error)) stop.store(true);
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
          }
        }) {}

 private:
  std::jthread thread_;
};

int runWorker(const std::string& specPath, const std::string& stopFile) {
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
  std::optional<StopSignals> signals;
  std::atomic<bool> stopFileSeen{false};
  std::optional<StopFileWatch> watch;
  if (stopFile.empty()) {
    signals.emplace();
  } else {
    watch.emplace(stopFile, stopFileSeen);
  }
  const std::string outcomePath = spec->outcome_file;
  WorkerRuntime runtime(std::move(*spec), logger);
  const WorkerOutcomeFile outcome = describeOutcome(runtime.run(signals ? signals->flag() : stopFileSeen));
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
  auto stopFile = std::make_shared<std::string>();
  command->add_option("--spec", *spec, "worker spec (JSON)")->required()->check(CLI::ExistingFile);
  command->add_option("--stop-file", *stopFile,
                      "stop cleanly when this file appears; SIGTERM then ends the worker as a fault (workers in a Slurm job)");
  command->callback([&context, spec, stopFile] { context.exitCode = runWorker(*spec, *stopFile); });
}

}  // namespace archi::cli
