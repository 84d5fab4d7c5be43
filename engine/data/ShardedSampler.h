#pragma once
// Which training sequences each worker reads, step after step. Every epoch is a fresh
// permutation of the training sequences, fixed by (seed, epoch). A global step takes the
// next Σ shares sequences of it; worker r reads its own contiguous slice of those, so no
// two workers of a run read the same sequence in an epoch. An epoch ends when fewer than
// Σ shares sequences remain (the rest is dropped for that epoch). The cursor (epoch,
// position) is the same on every worker and is what a checkpoint stores.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace archi {

struct DataCursor {
  std::uint64_t epoch = 0;
  std::uint64_t position = 0;  // sequences of this epoch's permutation already consumed
  bool operator==(const DataCursor&) const = default;
};

class ShardedSampler {
 public:
  // sharesPerRank[r] = sequences worker r takes per step (heterogeneous shares allowed).
  // Throws std::invalid_argument if the shares are empty/negative, rank is out of range or
  // one step needs more sequences than the split holds.
  ShardedSampler(std::vector<std::uint32_t> sequences, std::uint64_t seed, std::vector<int> sharesPerRank, int rank);

  // Equal shares: `perWorker` sequences for each of `world` workers.
  static ShardedSampler equal(std::vector<std::uint32_t> sequences, std::uint64_t seed, int world, int rank,
                              int perWorker);

  // This worker's sequence ids for the next step; advances the cursor.
  std::span<const std::uint32_t> next();

  DataCursor cursor() const { return cursor_; }
  void setCursor(DataCursor cursor);
  int globalSequencesPerStep() const { return global_; }
  int localSequencesPerStep() const { return local_; }

 private:
  void shuffleFor(std::uint64_t epoch);

  std::vector<std::uint32_t> sequences_;
  std::vector<std::uint32_t> permutation_;
  std::uint64_t permutationEpoch_ = ~0ull;
  std::vector<std::uint32_t> out_;
  std::uint64_t seed_;
  int global_ = 0;
  int local_ = 0;
  int offset_ = 0;
  DataCursor cursor_;
};

}  // namespace archi
