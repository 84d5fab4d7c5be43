#include "agent/RunRetention.h"

#include <algorithm>
#include <chrono>

namespace archi::agent {
namespace {

// The last time anything of the run changed: its newest file or folder.
std::filesystem::file_time_type lastActivity(const std::filesystem::path& run) {
  std::error_code error;
  auto newest = std::filesystem::last_write_time(run, error);
  for (auto it = std::filesystem::recursive_directory_iterator(run, error); !error && it != std::filesystem::recursive_directory_iterator();
       it.increment(error)) {
    const auto written = std::filesystem::last_write_time(it->path(), error);
    if (!error) newest = std::max(newest, written);
  }
  return newest;
}

}  // namespace

std::vector<std::string> pruneFinishedRuns(const AgentLayout& layout, const std::set<std::string>& activeRuns,
                                           const RetentionPolicy& policy) {
  std::error_code error;
  std::vector<std::pair<std::filesystem::file_time_type, std::string>> runs;  // newest first after sorting
  for (const auto& entry : std::filesystem::directory_iterator(layout.runsDirectory(), error)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_directory(error) && isPlainName(name)) runs.emplace_back(lastActivity(entry.path()), name);
  }
  std::sort(runs.begin(), runs.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  const auto now = std::filesystem::file_time_type::clock::now();
  const auto keepFor = std::chrono::duration_cast<std::filesystem::file_time_type::duration>(
      std::chrono::duration<double>(policy.keepDays * 86400.0));
  std::vector<std::string> removed;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const auto& [when, name] = runs[i];
    const bool recent = now - when < keepFor;
    if (static_cast<int>(i) < policy.keepRuns || recent || activeRuns.count(name) != 0) continue;
    std::filesystem::remove_all(layout.runDirectory(name), error);
    if (!error) removed.push_back(name);
  }
  return removed;
}

}  // namespace archi::agent
