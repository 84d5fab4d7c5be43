#pragma once
// A problem found in an input file, located by a JSON pointer (RFC 6901) or, for syntax
// errors, by a byte offset. Validation collects all of them instead of stopping at the first.

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

class Diagnostics {
 public:
  void error(std::string pointer, std::string message);
  void warning(std::string pointer, std::string message);

  const std::vector<Diagnostic>& all() const { return items_; }
  bool hasErrors() const;
  std::size_t errorCount() const;
  bool empty() const { return items_.empty(); }
  void append(const Diagnostics& other);
  // By pointer, token by token, array indices numerically (so /links/10 follows /links/9).
  void sortByPointer();

 private:
  std::vector<Diagnostic> items_;
};

// "FILE: /links/0/gbit: must be > 0" — compiler style, one line.
std::string formatDiagnostic(const std::string& file, const Diagnostic& d);

}  // namespace archi
