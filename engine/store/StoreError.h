#pragma once
// The run store's one error type: thrown at the store's API boundary, it names the
// database file, the operation and SQLite's reason.

#include <stdexcept>
#include <string>

namespace archi {

class StoreError : public std::runtime_error {
 public:
  // Constraint: the row itself was refused (a CHECK, a type, a value out of range); every other
  // kind is the store's or the machine's trouble, and the same row may be written later.
  enum class Kind { Generic, NewerSchema, NotARunStore, Corrupt, ReadOnly, DiskFull, Busy, Constraint };
  StoreError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

}  // namespace archi
