#include "train/Validation.h"

#include <algorithm>

namespace archi {

double validationLoss(Trainer& trainer, const TokenDataset& data, int batchSequences, int batches, Batch& batch) {
  const auto& ids = data.validationSequences();
  double weighted = 0;
  std::int64_t tokens = 0;
  for (int b = 0; b < batches; ++b) {
    const std::size_t begin = static_cast<std::size_t>(b) * static_cast<std::size_t>(batchSequences);
    if (begin >= ids.size()) break;
    const std::size_t end = std::min(ids.size(), begin + static_cast<std::size_t>(batchSequences));
    data.fill(std::span(ids).subspan(begin, end - begin), batch);
    weighted += trainer.evaluate(batch) * static_cast<double>(batch.tokens());
    tokens += batch.tokens();
  }
  return tokens > 0 ? weighted / static_cast<double>(tokens) : 0.0;
}

}  // namespace archi
