#include "data/TokenDataset.h"

#include "core/Rng.h"

namespace archi {

std::optional<TokenDataset> TokenDataset::create(std::vector<std::uint8_t> tokens, int length, double valFraction,
                                                 std::string& error) {
  if (length < 1) {
    error = "sequence length must be at least 1";
    return std::nullopt;
  }
  if (valFraction < 0.0 || valFraction >= 1.0) {
    error = "validation fraction must be in [0, 1)";
    return std::nullopt;
  }
  const std::size_t count = tokens.size() > 0 ? (tokens.size() - 1) / static_cast<std::size_t>(length) : 0;
  if (count > 0xFFFFFFFFull) {
    error = "corpus too large for 32-bit sequence ids";
    return std::nullopt;
  }
  TokenDataset data;
  data.length_ = length;
  constexpr std::uint64_t kSplitSalt = 0x5EED5A17ull;
  for (std::size_t i = 0; i < count; ++i) {
    std::uint64_t s = kSplitSalt ^ (i * 0x9E3779B97F4A7C15ull);
    const double u = static_cast<double>(splitMix64(s) >> 11) * 0x1.0p-53;
    (u < valFraction ? data.validation_ : data.train_).push_back(static_cast<std::uint32_t>(i));
  }
  if (data.train_.empty() || (valFraction > 0.0 && data.validation_.empty())) {
    error = "corpus of " + std::to_string(tokens.size()) + " tokens is too small for sequences of " +
            std::to_string(length) + " tokens and a validation fraction of " + std::to_string(valFraction);
    return std::nullopt;
  }
  data.tokens_ = std::move(tokens);
  return data;
}

void TokenDataset::fill(std::span<const std::uint32_t> sequenceIds, Batch& batch) const {
  batch.sequences = static_cast<int>(sequenceIds.size());
  batch.length = length_;
  const std::size_t L = static_cast<std::size_t>(length_);
  batch.inputs.resize(sequenceIds.size() * L);
  batch.targets.resize(sequenceIds.size() * L);
  for (std::size_t s = 0; s < sequenceIds.size(); ++s) {
    const std::uint8_t* src = tokens_.data() + static_cast<std::size_t>(sequenceIds[s]) * L;
    for (std::size_t t = 0; t < L; ++t) {
      batch.inputs[s * L + t] = src[t];
      batch.targets[s * L + t] = src[t + 1];
    }
  }
}

}  // namespace archi
