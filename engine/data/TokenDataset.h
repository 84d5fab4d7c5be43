#pragma once
// Cuts a token stream into sequences of `length` inputs (+1 target) and splits them into a
// training and a validation set. Sequence i covers tokens [i·length, i·length + length]; the
// split is a fixed hash of i, so it is the same for every seed, worker and resume, and
// validation text is spread over the whole corpus rather than taken from its last file.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace archi {

// One batch in the model's layout: `sequences` rows of `length` tokens, targets shifted by one.
struct Batch {
  int sequences = 0;
  int length = 0;
  std::vector<std::int32_t> inputs;
  std::vector<std::int32_t> targets;
  std::int64_t tokens() const { return static_cast<std::int64_t>(sequences) * length; }
};

class TokenDataset {
 public:
  // Returns an error message instead when the corpus is too small for one training and (if
  // valFraction > 0) one validation sequence.
  static std::optional<TokenDataset> create(std::vector<std::uint8_t> tokens, int length, double valFraction,
                                            std::string& error);

  int length() const { return length_; }
  const std::vector<std::uint32_t>& trainSequences() const { return train_; }
  const std::vector<std::uint32_t>& validationSequences() const { return validation_; }
  std::size_t tokenCount() const { return tokens_.size(); }

  // Fills `batch` with the given sequence ids (reusing its storage).
  void fill(std::span<const std::uint32_t> sequenceIds, Batch& batch) const;

 private:
  TokenDataset() = default;
  std::vector<std::uint8_t> tokens_;
  int length_ = 0;
  std::vector<std::uint32_t> train_;
  std::vector<std::uint32_t> validation_;
};

}  // namespace archi
