#include "agent/AgentLayout.h"

#include <algorithm>
#include <stdexcept>

#include "core/AtomicFile.h"

namespace archi::agent {

bool isPlainName(std::string_view text) {
  if (text.empty() || text.size() > 128 || text.front() == '.') return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

std::string workerStem(const std::string& workerId) {
  std::string stem = workerId;
  std::replace(stem.begin(), stem.end(), '/', '_');
  return stem;
}

std::filesystem::path AgentLayout::specFile(const std::string& run, const std::string& stem) const {
  return runDirectory(run) / "specs" / (stem + ".json");
}
std::filesystem::path AgentLayout::journalFile(const std::string& run, const std::string& stem) const {
  return runDirectory(run) / "journals" / (stem + ".jsonl");
}
std::filesystem::path AgentLayout::workerLog(const std::string& run, const std::string& stem) const {
  return runDirectory(run) / "logs" / (stem + ".log");
}
std::filesystem::path AgentLayout::outcomeFile(const std::string& run, const std::string& stem) const {
  return runDirectory(run) / "outcomes" / (stem + ".json");
}
std::filesystem::path AgentLayout::pidFile(const std::string& run, const std::string& stem) const {
  return runDirectory(run) / "pids" / (stem + ".pid");
}

void AgentLayout::prepareRun(const std::string& run) const {
  for (const char* folder : {"specs", "secrets", "journals", "logs", "checkpoints", "outcomes", "pids"}) {
    makePrivateDirectory(runDirectory(run) / folder);
  }
}

void makePrivateDirectory(const std::filesystem::path& directory) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) throw std::runtime_error("cannot create folder " + directory.string() + ": " + error.message());
  std::filesystem::permissions(directory, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace, error);
  if (error) throw std::runtime_error("cannot make " + directory.string() + " private (0700): " + error.message());
}

void writeSecretFile(const std::filesystem::path& path, const std::string& text) { writePrivateFileAtomically(path, text); }

}  // namespace archi::agent
