#include "agent/WorkerFiles.h"

#include <fstream>
#include <sstream>

#include "core/AtomicFile.h"

namespace archi::agent {

WorkerSpec writeWorkerFiles(const AgentLayout& layout, const std::string& run, const StartWorkerRequest& request) {
  layout.prepareRun(run);
  WorkerSpec spec = request.spec;
  const std::string stem = workerStem(spec.worker_id);
  spec.journal = layout.journalFile(run, stem).string();
  spec.checkpoint_dir = layout.checkpointsDirectory(run).string();
  spec.outcome_file = layout.outcomeFile(run, stem).string();
  if (!spec.wan_cuts_file.empty()) spec.wan_cuts_file = layout.wanCutsFile(run).string();
  const std::filesystem::path secrets = layout.secretsDirectory(run);
  if (request.tls) {
    spec.tls.ca = (secrets / (stem + "-ca.crt")).string();
    spec.tls.certificate = (secrets / (stem + ".crt")).string();
    spec.tls.key = (secrets / (stem + ".key")).string();
    writeSecretFile(spec.tls.ca, request.tls->ca);
    writeSecretFile(spec.tls.certificate, request.tls->certificate);
    writeSecretFile(spec.tls.key, request.tls->key);
  } else {
    spec.tls = {};
  }
  // One secret per datacenter and run; a node belongs to one datacenter, so one file per run.
  if (!request.rendezvous_secret.empty()) {
    spec.rendezvous_secret_file = (secrets / "rendezvous.secret").string();
    writeSecretFile(spec.rendezvous_secret_file, request.rendezvous_secret + "\n");
  }
  writeWorkerSpec(spec, layout.specFile(run, stem));
  return spec;
}

std::optional<std::string> processStartTime(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!std::getline(in, stat)) return std::nullopt;
  // The command name (field 2) may hold spaces and parentheses: fields resume after the last ')'.
  const auto close = stat.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(stat.substr(close + 1));
  std::string state;
  fields >> state;
  if (state == "Z" || state == "X") return std::nullopt;  // ended, not yet reaped
  std::string field;
  for (int number = 4; number <= 22 && fields >> field; ++number) {
    if (number == 22) return field;
  }
  return std::nullopt;
}

void writePidFile(const std::filesystem::path& path, const PidFile& file) {
  writePrivateFileAtomically(path, std::to_string(file.pid) + " " + file.start_time + "\n");
}

std::optional<PidFile> readPidFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  PidFile file;
  if (!(in >> file.pid >> file.start_time) || file.pid <= 1) return std::nullopt;
  return file;
}

bool pidFileProcessAlive(const PidFile& file) {
  const auto now = processStartTime(file.pid);
  return now && *now == file.start_time;
}

}  // namespace archi::agent
