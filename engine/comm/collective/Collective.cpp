#include "comm/collective/Collective.h"

#include <fmt/core.h>

#include "comm/collective/CollectiveError.h"

namespace archi::comm {

std::int64_t Collective::allReduceTokenWeightedMean(float* gradient, std::size_t count, std::int64_t tokens) {
  if (tokens < 0) {
    throw CollectiveError(CollectiveError::Kind::InvalidArgument,
                          fmt::format("token-weighted mean on rank {}: token count {} is negative", rank(), tokens));
  }
  // The token total travels as an exact integer: a float would round above 2^24 tokens.
  const std::int64_t totalTokens = allReduceSum(tokens);
  if (totalTokens <= 0) {
    throw CollectiveError(CollectiveError::Kind::InvalidArgument,
                          fmt::format("token-weighted mean: no worker of the {}-rank group processed any token",
                                      worldSize()));
  }
  // Pre-scaling by tokens_i / total (instead of scaling by tokens_i and dividing afterwards)
  // touches the buffer once and keeps magnitudes where the caller had them.
  const double share = static_cast<double>(tokens) / static_cast<double>(totalTokens);
  scaleInPlace(gradient, count, static_cast<float>(share));
  allReduceSum(gradient, count);
  return totalTokens;
}

}  // namespace archi::comm
