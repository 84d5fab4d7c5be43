#pragma once
// The one error type of every Collective backend: names the operation, the rank and the
// reason, and says what kind of failure it was so callers can react (retry the
// rendezvous, restart the worker) without parsing text.

#include <stdexcept>
#include <string>
#include <string_view>

namespace archi::comm {

class CollectiveError : public std::runtime_error {
 public:
  enum class Kind {
    InvalidArgument,  // the caller passed something no rank could make sense of
    Rendezvous,       // the group could not be formed (store unreachable, bad reply)
    Timeout,          // a peer did not show up or did not answer within the deadline
    PeerFailure,      // a connection to a peer broke (the peer died or was killed)
    Unusable,         // an earlier operation failed; the group must be re-formed
  };
  CollectiveError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

std::string_view collectiveErrorKindName(CollectiveError::Kind kind);

}  // namespace archi::comm
