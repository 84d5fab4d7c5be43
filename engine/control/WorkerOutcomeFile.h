#pragma once
// How a worker ended, written by the worker at exit (atomically) to the spec's outcome_file
// and read by the node agent, which may have been restarted meanwhile and so cannot wait for
// the exit status (docs/agent-api.md): {"end":"completed|stopped|failed","exit_code":N}.

#include <filesystem>
#include <optional>
#include <string>

#include "control/WorkerRuntime.h"

namespace archi {

struct WorkerOutcomeFile {
  std::string end;  // "completed", "stopped" or "failed"
  int exit_code = 0;
};

// The outcome a worker's run ended with, and the exit status the worker returns for it.
WorkerOutcomeFile describeOutcome(const WorkerOutcome& outcome);

// Throws std::runtime_error naming the path when it cannot be written.
void writeWorkerOutcomeFile(const std::filesystem::path& path, const WorkerOutcomeFile& outcome);
// nullopt when the file is missing or is not a well-formed outcome.
std::optional<WorkerOutcomeFile> readWorkerOutcomeFile(const std::filesystem::path& path);

}  // namespace archi
