#include "train/CheckpointSet.h"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <system_error>

namespace archi {
namespace {

constexpr std::string_view kPrefix = "round-";
constexpr std::string_view kInnerSuffix = ".ckpt";
constexpr std::string_view kOuterSuffix = ".outer";

// The round of a set file's name, e.g. "round-00000012.outer" -> 12.
std::optional<std::int64_t> roundOf(const std::string& name, std::string_view suffix) {
  if (name.size() <= kPrefix.size() + suffix.size() || !name.starts_with(kPrefix) || !name.ends_with(suffix)) return std::nullopt;
  const char* first = name.data() + kPrefix.size();
  const char* last = name.data() + name.size() - suffix.size();
  std::int64_t round = -1;
  const auto [end, error] = std::from_chars(first, last, round);
  if (error != std::errc() || end != last || round < 0) return std::nullopt;
  return round;
}

}  // namespace

std::filesystem::path datacenterCheckpointFolder(const std::filesystem::path& checkpointDir, const std::string& datacenterId) {
  std::string name = datacenterId;
  std::replace(name.begin(), name.end(), '/', '_');
  return checkpointDir / name;
}

CheckpointSetPaths checkpointSetPaths(const std::filesystem::path& folder, std::int64_t round) {
  const std::string stem = fmt::format("{}{:08d}", kPrefix, round);
  return {folder / (stem + std::string(kInnerSuffix)), folder / (stem + std::string(kOuterSuffix))};
}

std::optional<std::int64_t> checkpointSetRound(const std::filesystem::path& outerFile) {
  return roundOf(outerFile.filename().string(), kOuterSuffix);
}

std::vector<std::int64_t> checkpointSetRounds(const std::filesystem::path& folder) {
  std::vector<std::int64_t> rounds;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    const std::optional<std::int64_t> round = roundOf(entry.path().filename().string(), kOuterSuffix);
    if (round && std::filesystem::exists(checkpointSetPaths(folder, *round).inner, error)) rounds.push_back(*round);
  }
  std::sort(rounds.rbegin(), rounds.rend());
  return rounds;
}

CheckpointSetPaths writeCheckpointSet(const std::filesystem::path& folder, std::int64_t round, const CheckpointState& inner,
                                      const OuterState& outer) {
  std::filesystem::create_directories(folder);
  std::filesystem::permissions(folder, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace);
  const CheckpointSetPaths paths = checkpointSetPaths(folder, round);
  saveCheckpoint(paths.inner, inner);
  saveOuterState(paths.outer, outer);
  const std::vector<std::int64_t> rounds = checkpointSetRounds(folder);
  for (std::size_t i = kCheckpointSetsKept; i < rounds.size(); ++i) {
    const CheckpointSetPaths old = checkpointSetPaths(folder, rounds[i]);
    std::error_code ignored;
    // The outer file first: a set without it is no set, whatever happens to the inner one.
    std::filesystem::remove(old.outer, ignored);
    std::filesystem::remove(old.inner, ignored);
  }
  return paths;
}

NewestCheckpointSet loadNewestCheckpointSet(const std::filesystem::path& folder, const ModelConfig& model, std::size_t parameters,
                                            std::size_t leaders) {
  NewestCheckpointSet newest;
  for (const std::int64_t round : checkpointSetRounds(folder)) {
    const CheckpointSetPaths paths = checkpointSetPaths(folder, round);
    CheckpointLoad inner = loadCheckpoint(paths.inner, &model);
    if (!inner.state) {
      newest.skipped.push_back(inner.error);
      continue;
    }
    OuterStateLoad outer = loadOuterState(paths.outer, parameters, leaders);
    if (!outer.state) {
      newest.skipped.push_back(outer.error);
      continue;
    }
    if (outer.state->round != round) {
      newest.skipped.push_back(fmt::format("{}: corrupted: holds round {} under the name of round {}", paths.outer.string(),
                                           outer.state->round, round));
      continue;
    }
    newest.set = LoadedCheckpointSet{round, std::move(*inner.state), std::move(*outer.state), paths};
    break;
  }
  return newest;
}

}  // namespace archi
