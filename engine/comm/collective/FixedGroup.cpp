#include <numeric>

#include "comm/collective/CollectiveError.h"
#include "comm/collective/ElasticGroup.h"

namespace archi::comm {

FixedGroup::FixedGroup(Collective& collective) : collective_(collective), members_(static_cast<std::size_t>(collective.worldSize())) {
  std::iota(members_.begin(), members_.end(), 0);
}

std::optional<RegroupResult> FixedGroup::regroup(const std::atomic<bool>& /*stop*/) {
  throw CollectiveError(CollectiveError::Kind::Unusable,
                        "this datacenter's group has a fixed membership and cannot re-form after a failure");
}

}  // namespace archi::comm
