#pragma once
// The node agent's state folder (docs/agent-api.md#identities-and-files), in one place: every
// path the agent reads or writes is named here, folders are created 0700 and secrets 0600.

#include <filesystem>
#include <string>
#include <string_view>

namespace archi::agent {

// A run name, a checkpoint name or a worker's file stem: [A-Za-z0-9._-], 1..128 characters,
// no leading dot. Safe as one path component.
bool isPlainName(std::string_view text);

// The worker id with '/' replaced by '_' (the file stem of its journal, log, spec, ...).
std::string workerStem(const std::string& workerId);

class AgentLayout {
 public:
  explicit AgentLayout(std::filesystem::path root) : root_(std::move(root)) {}

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path pkiDirectory() const { return root_ / "pki"; }
  std::filesystem::path nodeCertificate() const { return pkiDirectory() / "node.crt"; }
  std::filesystem::path nodeKey() const { return pkiDirectory() / "node.key"; }
  std::filesystem::path caCertificate() const { return pkiDirectory() / "ca.crt"; }
  std::filesystem::path portFile() const { return root_ / "agent.port"; }
  std::filesystem::path logFile() const { return root_ / "agent.log"; }
  std::filesystem::path runsDirectory() const { return root_ / "runs"; }

  // `run` must be a plain name (isPlainName); `stem` a worker stem.
  std::filesystem::path runDirectory(const std::string& run) const { return runsDirectory() / run; }
  std::filesystem::path specFile(const std::string& run, const std::string& stem) const;
  std::filesystem::path secretsDirectory(const std::string& run) const { return runDirectory(run) / "secrets"; }
  std::filesystem::path journalFile(const std::string& run, const std::string& stem) const;
  std::filesystem::path agentJournal(const std::string& run) const { return journalFile(run, "agent"); }
  std::filesystem::path workerLog(const std::string& run, const std::string& stem) const;
  std::filesystem::path checkpointsDirectory(const std::string& run) const { return runDirectory(run) / "checkpoints"; }
  std::filesystem::path outcomeFile(const std::string& run, const std::string& stem) const;
  std::filesystem::path pidFile(const std::string& run, const std::string& stem) const;
  std::filesystem::path wanCutsFile(const std::string& run) const { return runDirectory(run) / "wan-cuts.txt"; }

  // Creates the run's folders (0700); throws std::runtime_error naming the path.
  void prepareRun(const std::string& run) const;

 private:
  std::filesystem::path root_;
};

// create_directories, then 0700 on the folder itself; throws std::runtime_error naming the path.
void makePrivateDirectory(const std::filesystem::path& directory);
// Atomically, 0600 from the first byte.
void writeSecretFile(const std::filesystem::path& path, const std::string& text);

}  // namespace archi::agent
