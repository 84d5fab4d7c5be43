#include "comm/collective/SoloCollective.h"

#include <fmt/core.h>

#include "comm/collective/CollectiveError.h"

namespace archi::comm {

void SoloCollective::allReduceSum(float* data, std::size_t count) {
  if (data == nullptr && count > 0) {
    throw CollectiveError(CollectiveError::Kind::InvalidArgument, "solo all-reduce: null buffer");
  }
}

std::int64_t SoloCollective::allReduceSum(std::int64_t value) { return value; }

void SoloCollective::broadcast(float* data, std::size_t count, int root) {
  if (root != 0) {
    throw CollectiveError(CollectiveError::Kind::InvalidArgument,
                          fmt::format("solo broadcast: root {} is not a rank of a 1-rank group", root));
  }
  if (data == nullptr && count > 0) {
    throw CollectiveError(CollectiveError::Kind::InvalidArgument, "solo broadcast: null buffer");
  }
}

void SoloCollective::broadcast(float* data, std::size_t count, int root, std::chrono::milliseconds /*timeout*/) {
  broadcast(data, count, root);  // nothing to wait for
}

void SoloCollective::scaleInPlace(float* data, std::size_t count, float factor) {
  scaleHostBuffer(data, count, factor);
}

}  // namespace archi::comm
