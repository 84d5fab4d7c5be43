#include "core/Diagnostic.h"

#include <algorithm>

namespace archi {

void Diagnostics::add(Diagnostic diagnostic) {
  if (!full()) {
    items_.push_back(std::move(diagnostic));
  } else if (diagnostic.severity == Severity::Error) {
    ++unlistedErrors_;
  } else {
    ++unlistedWarnings_;
  }
}

void Diagnostics::error(std::string pointer, std::string message) {
  add({Severity::Error, std::move(pointer), std::move(message)});
}

void Diagnostics::warning(std::string pointer, std::string message) {
  add({Severity::Warning, std::move(pointer), std::move(message)});
}

std::size_t Diagnostics::errorCount() const {
  const auto listed = std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; });
  return unlistedErrors_ + static_cast<std::size_t>(listed);
}

std::size_t Diagnostics::warningCount() const {
  const auto listed = std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::Warning; });
  return unlistedWarnings_ + static_cast<std::size_t>(listed);
}

void Diagnostics::append(const Diagnostics& other) {
  for (const Diagnostic& d : other.items_) add(d);
  unlistedErrors_ += other.unlistedErrors_;
  unlistedWarnings_ += other.unlistedWarnings_;
}

namespace {

std::vector<std::string> pointerTokens(const std::string& pointer) {
  std::vector<std::string> tokens;
  std::size_t start = 1;
  while (start <= pointer.size() && !pointer.empty()) {
    const std::size_t slash = pointer.find('/', start);
    tokens.push_back(pointer.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return tokens;
}

bool isIndex(const std::string& token) {
  return !token.empty() && token.size() < 10 &&
         std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool pointerLess(const std::string& a, const std::string& b) {
  const auto left = pointerTokens(a);
  const auto right = pointerTokens(b);
  for (std::size_t i = 0; i < left.size() && i < right.size(); ++i) {
    if (left[i] == right[i]) continue;
    if (isIndex(left[i]) && isIndex(right[i])) return std::stoul(left[i]) < std::stoul(right[i]);
    return left[i] < right[i];
  }
  return left.size() < right.size();
}

}  // namespace

void Diagnostics::sortByPointer() {
  std::stable_sort(items_.begin(), items_.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return pointerLess(a.pointer, b.pointer); });
}

std::string formatDiagnostic(const std::string& file, const Diagnostic& d) {
  std::string line = file + ": " + (d.pointer.empty() ? std::string("/") : d.pointer) + ": ";
  if (d.severity == Severity::Warning) line += "warning: ";
  return line + d.message;
}

}  // namespace archi
