#include "comm/collective/CollectiveError.h"

namespace archi::comm {

std::string_view collectiveErrorKindName(CollectiveError::Kind kind) {
  switch (kind) {
    case CollectiveError::Kind::InvalidArgument: return "invalid-argument";
    case CollectiveError::Kind::Rendezvous: return "rendezvous";
    case CollectiveError::Kind::Timeout: return "timeout";
    case CollectiveError::Kind::PeerFailure: return "peer-failure";
    case CollectiveError::Kind::Unusable: return "unusable";
  }
  return "unknown";
}

}  // namespace archi::comm
