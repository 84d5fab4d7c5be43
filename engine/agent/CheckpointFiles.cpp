#include "agent/CheckpointFiles.h"

#include <sys/stat.h>

#include <algorithm>

#include "agent/AgentLayout.h"

namespace archi::agent {
namespace {

std::int64_t modifiedUnixSeconds(const std::filesystem::path& path) {
  struct stat status {};
  return ::stat(path.c_str(), &status) == 0 ? static_cast<std::int64_t>(status.st_mtime) : 0;
}

}  // namespace

std::vector<CheckpointEntry> listCheckpoints(const std::filesystem::path& folder) {
  std::vector<CheckpointEntry> entries;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    const std::string name = entry.path().filename().string();
    std::error_code statError;
    if (!isPlainName(name) || !entry.is_regular_file(statError) || entry.is_symlink(statError)) continue;
    entries.push_back({name, static_cast<std::int64_t>(entry.file_size(statError)), modifiedUnixSeconds(entry.path())});
  }
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return entries;
}

CheckpointLookup findCheckpoint(const std::filesystem::path& folder, const std::string& name, std::filesystem::path& path) {
  if (!isPlainName(name)) return CheckpointLookup::BadName;
  std::error_code error;
  const std::filesystem::path root = std::filesystem::weakly_canonical(folder, error);
  if (error) return CheckpointLookup::Missing;
  const std::filesystem::path candidate = std::filesystem::weakly_canonical(root / name, error);
  if (error) return CheckpointLookup::Missing;
  // Resolved (symbolic links followed), the file must still sit directly in the folder.
  if (candidate.parent_path() != root) return CheckpointLookup::BadName;
  if (std::filesystem::is_symlink(root / name, error) || !std::filesystem::is_regular_file(candidate, error)) {
    return CheckpointLookup::Missing;
  }
  path = candidate;
  return CheckpointLookup::Found;
}

}  // namespace archi::agent
