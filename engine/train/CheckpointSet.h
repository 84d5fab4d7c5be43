#pragma once
// A datacenter's resumable state on disk (docs/architecture.md#checkpoints): every N outer
// rounds (and when the run ends or stops) its leader writes a set of two files into
// <checkpoints>/<datacenter>/ — round-NNNNNNNN.ckpt, the inner trainer (the interchangeable
// checkpoint format of Checkpoint.h), and round-NNNNNNNN.outer, the outer loop's global state
// (OuterCheckpoint.h). The inner file is written first, so an outer file always has its
// partner; a set counts only when both files load and agree. The newest sets are kept.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/RunSpec.h"
#include "train/Checkpoint.h"
#include "train/OuterCheckpoint.h"

namespace archi {

// Sets kept per datacenter: the newest and one before it, in case the newest is damaged later.
inline constexpr std::size_t kCheckpointSetsKept = 2;

struct CheckpointSetPaths {
  std::filesystem::path inner;
  std::filesystem::path outer;
};

std::filesystem::path datacenterCheckpointFolder(const std::filesystem::path& checkpointDir, const std::string& datacenterId);
CheckpointSetPaths checkpointSetPaths(const std::filesystem::path& folder, std::int64_t round);

// Writes both files of round `round`'s set, then removes sets beyond kCheckpointSetsKept.
// Throws std::runtime_error naming the file on I/O failure.
CheckpointSetPaths writeCheckpointSet(const std::filesystem::path& folder, std::int64_t round, const CheckpointState& inner,
                                      const OuterState& outer);

struct LoadedCheckpointSet {
  std::int64_t round = 0;
  CheckpointState inner;
  OuterState outer;
  CheckpointSetPaths paths;
};

struct NewestCheckpointSet {
  std::optional<LoadedCheckpointSet> set;  // none: no set in the folder loads
  std::vector<std::string> skipped;        // why newer sets than the one taken were passed over
};

// The newest set in `folder` that loads for this model and leader count.
NewestCheckpointSet loadNewestCheckpointSet(const std::filesystem::path& folder, const ModelConfig& model, std::size_t parameters,
                                            std::size_t leaders);

// The round of a set's outer file from its name ("round-00000012.outer" -> 12).
std::optional<std::int64_t> checkpointSetRound(const std::filesystem::path& outerFile);

// Rounds of the sets whose files are present in `folder`, newest first (not verified).
std::vector<std::int64_t> checkpointSetRounds(const std::filesystem::path& folder);

}  // namespace archi
