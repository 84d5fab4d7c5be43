#pragma once
// A problem found in an input file, located by a JSON pointer (RFC 6901) or, for syntax
// errors, by a byte offset. Validation collects all of them instead of stopping at the first,
// up to kMaxListedDiagnostics: a hostile file can hold a million problems, and listing (or
// sorting, or suggesting fixes for) every one of them would cost more than the file is worth.

#include <string>
#include <vector>

namespace archi {

enum class Severity { Error, Warning };

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string pointer;  // "/datacenters/1/nodes/0/devices/2/type"; "" is the document root
  std::string message;  // human sentence, no trailing period

  bool operator==(const Diagnostic&) const = default;
};

inline constexpr std::size_t kMaxListedDiagnostics = 1000;

class Diagnostics {
 public:
  void error(std::string pointer, std::string message);
  void warning(std::string pointer, std::string message);

  // The first kMaxListedDiagnostics problems; the rest are only counted.
  const std::vector<Diagnostic>& all() const { return items_; }
  bool hasErrors() const { return errorCount() > 0; }
  std::size_t errorCount() const;    // listed and unlisted
  std::size_t warningCount() const;  // listed and unlisted
  std::size_t unlistedCount() const { return unlistedErrors_ + unlistedWarnings_; }
  // True once nothing more will be listed: callers skip work that only improves a message
  // (a "did you mean" hint).
  bool full() const { return items_.size() >= kMaxListedDiagnostics; }
  bool empty() const { return items_.empty(); }
  void append(const Diagnostics& other);
  // By pointer, token by token, array indices numerically (so /links/10 follows /links/9).
  void sortByPointer();

 private:
  void add(Diagnostic diagnostic);

  std::vector<Diagnostic> items_;
  std::size_t unlistedErrors_ = 0;
  std::size_t unlistedWarnings_ = 0;
};

// "FILE: /links/0/gbit: must be > 0" — compiler style, one line.
std::string formatDiagnostic(const std::string& file, const Diagnostic& d);

}  // namespace archi
