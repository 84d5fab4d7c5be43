#pragma once
// A run's checkpoints as the agent serves them (docs/agent-api.md, GET .../checkpoints):
// only regular files directly in the folder, by plain name, never a path that resolves
// outside it (no "..", no leading dot, no absolute path, no symbolic link out).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace archi::agent {

struct CheckpointEntry {
  std::string name;
  std::int64_t bytes = 0;
  std::int64_t modified_unix_s = 0;
};

std::vector<CheckpointEntry> listCheckpoints(const std::filesystem::path& folder);

enum class CheckpointLookup { Found, BadName, Missing };

// The file's path when `name` is a plain name of a regular file inside `folder`.
CheckpointLookup findCheckpoint(const std::filesystem::path& folder, const std::string& name, std::filesystem::path& path);

}  // namespace archi::agent
