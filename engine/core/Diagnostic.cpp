#include "core/Diagnostic.h"

#include <algorithm>

namespace archi {

void Diagnostics::error(std::string pointer, std::string message) {
  items_.push_back({Severity::Error, std::move(pointer), std::move(message)});
}

void Diagnostics::warning(std::string pointer, std::string message) {
  items_.push_back({Severity::Warning, std::move(pointer), std::move(message)});
}

bool Diagnostics::hasErrors() const { return errorCount() > 0; }

std::size_t Diagnostics::errorCount() const {
  return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::Error;
  }));
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

std::string formatDiagnostic(const std::string& file, const Diagnostic& d) {
  std::string line = file + ": " + (d.pointer.empty() ? std::string("/") : d.pointer) + ": ";
  if (d.severity == Severity::Warning) line += "warning: ";
  return line + d.message;
}

}  // namespace archi
