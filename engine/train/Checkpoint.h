#pragma once
// Checkpoint file: a fixed header (magic, format version, payload size, SHA-256 of the
// payload) followed by the payload: model config, step, seed, data cursor, RNG state, the
// flat parameter buffer and the flat optimizer buffer (little-endian float32). Written to
// a temporary file in the same folder, fsynced, then renamed over the target, so a crash
// leaves either the old or the new checkpoint, never half of one.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/Rng.h"
#include "core/RunSpec.h"
#include "data/ShardedSampler.h"

namespace archi {

class Trainer;

inline constexpr std::uint32_t kCheckpointFormat = 1;

struct CheckpointState {
  ModelConfig model;
  std::int64_t step = 0;
  std::uint64_t seed = 0;
  DataCursor cursor;
  Rng::State rng{};
  std::vector<float> params;
  std::vector<float> optimizer;  // AdamW m then v, 2·params.size()
};

struct CheckpointLoad {
  std::optional<CheckpointState> state;
  std::string error;  // "truncated: …", "corrupted: …", "incompatible: …", …
};

// Throws std::runtime_error naming the path and the OS reason on I/O failure.
void saveCheckpoint(const std::filesystem::path& path, const CheckpointState& state);

// Refuses (with `error`) a missing, truncated, corrupted or foreign file, and — when
// `expected` is given — one whose model config differs from it.
CheckpointLoad loadCheckpoint(const std::filesystem::path& path, const ModelConfig* expected = nullptr);

// Between a trainer and a checkpoint state.
CheckpointState captureCheckpoint(Trainer& trainer, std::uint64_t seed, const DataCursor& cursor, const Rng& rng);
void restoreCheckpoint(Trainer& trainer, const CheckpointState& state);

}  // namespace archi
