#include "data/ShardedSampler.h"

#include <stdexcept>

#include "core/Rng.h"

namespace archi {

ShardedSampler::ShardedSampler(std::vector<std::uint32_t> sequences, std::uint64_t seed,
                               std::vector<int> sharesPerRank, int rank)
    : sequences_(std::move(sequences)), seed_(seed) {
  if (sharesPerRank.empty()) throw std::invalid_argument("sampler: no workers");
  if (rank < 0 || rank >= static_cast<int>(sharesPerRank.size()))
    throw std::invalid_argument("sampler: rank " + std::to_string(rank) + " outside 0.." +
                                std::to_string(sharesPerRank.size() - 1));
  for (std::size_t r = 0; r < sharesPerRank.size(); ++r) {
    if (sharesPerRank[r] < 0) throw std::invalid_argument("sampler: negative share");
    if (static_cast<int>(r) < rank) offset_ += sharesPerRank[r];
    global_ += sharesPerRank[r];
  }
  local_ = sharesPerRank[static_cast<std::size_t>(rank)];
  if (global_ < 1) throw std::invalid_argument("sampler: a step must read at least one sequence");
  if (static_cast<std::size_t>(global_) > sequences_.size())
    throw std::invalid_argument("sampler: one step needs " + std::to_string(global_) + " sequences but the split has " +
                                std::to_string(sequences_.size()));
  out_.reserve(static_cast<std::size_t>(local_));
}

ShardedSampler ShardedSampler::equal(std::vector<std::uint32_t> sequences, std::uint64_t seed, int world, int rank,
                                     int perWorker) {
  if (world < 1) throw std::invalid_argument("sampler: world size must be at least 1");
  return ShardedSampler(std::move(sequences), seed, std::vector<int>(static_cast<std::size_t>(world), perWorker), rank);
}

void ShardedSampler::shuffleFor(std::uint64_t epoch) {
  if (permutationEpoch_ == epoch) return;
  permutation_ = sequences_;
  std::uint64_t mix = seed_ ^ (epoch * 0xD1B54A32D192ED03ull);
  Rng rng(splitMix64(mix));
  for (std::size_t i = permutation_.size(); i > 1; --i) {
    const std::size_t j = static_cast<std::size_t>(rng.below(i));
    std::swap(permutation_[i - 1], permutation_[j]);
  }
  permutationEpoch_ = epoch;
}

std::span<const std::uint32_t> ShardedSampler::next() {
  if (cursor_.position + static_cast<std::uint64_t>(global_) > sequences_.size()) {
    ++cursor_.epoch;
    cursor_.position = 0;
  }
  shuffleFor(cursor_.epoch);
  out_.assign(permutation_.begin() + static_cast<std::ptrdiff_t>(cursor_.position + static_cast<std::uint64_t>(offset_)),
              permutation_.begin() +
                  static_cast<std::ptrdiff_t>(cursor_.position + static_cast<std::uint64_t>(offset_ + local_)));
  cursor_.position += static_cast<std::uint64_t>(global_);
  return out_;
}

void ShardedSampler::setCursor(DataCursor cursor) {
  if (cursor.position > sequences_.size())
    throw std::invalid_argument("sampler: cursor position " + std::to_string(cursor.position) +
                                " beyond the split of " + std::to_string(sequences_.size()) + " sequences");
  cursor_ = cursor;
}

}  // namespace archi
