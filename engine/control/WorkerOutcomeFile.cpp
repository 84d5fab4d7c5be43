#include "control/WorkerOutcomeFile.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/AtomicFile.h"

namespace archi {

WorkerOutcomeFile describeOutcome(const WorkerOutcome& outcome) {
  switch (outcome.end) {
    case WorkerOutcome::End::Failed:
      return {"failed", 1};
    case WorkerOutcome::End::StoppedBeforeGroup:
      return {"stopped", 0};
    case WorkerOutcome::End::Finished:
      break;
  }
  return {outcome.training.stopped_early ? "stopped" : "completed", 0};
}

void writeWorkerOutcomeFile(const std::filesystem::path& path, const WorkerOutcomeFile& outcome) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  writeFileAtomically(path, nlohmann::json{{"end", outcome.end}, {"exit_code", outcome.exit_code}}.dump() + "\n");
}

std::optional<WorkerOutcomeFile> readWorkerOutcomeFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  const nlohmann::json document = nlohmann::json::parse(text.str(), nullptr, false);
  if (!document.is_object() || !document.contains("end") || !document["end"].is_string() ||
      !document.contains("exit_code") || !document["exit_code"].is_number_integer()) {
    return std::nullopt;
  }
  WorkerOutcomeFile outcome{document["end"].get<std::string>(), document["exit_code"].get<int>()};
  if (outcome.end != "completed" && outcome.end != "stopped" && outcome.end != "failed") return std::nullopt;
  return outcome;
}

}  // namespace archi
