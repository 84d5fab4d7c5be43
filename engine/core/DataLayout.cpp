#include "core/DataLayout.h"

#include <cstdlib>
#include <utility>

namespace archi {
namespace {

// nullptr when the variable is unset or empty.
const char* environmentValue(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : nullptr;
}

}  // namespace

DataLayout::DataLayout(std::filesystem::path root) : root_(std::move(root)) {}

DataLayout DataLayout::fromEnvironment() {
  if (const char* xdg = environmentValue("XDG_DATA_HOME")) return DataLayout(std::filesystem::path(xdg) / "archipelago");
  if (const char* home = environmentValue("HOME")) return DataLayout(std::filesystem::path(home) / ".local/share/archipelago");
  return DataLayout(std::filesystem::current_path() / ".archipelago");
}

std::filesystem::path DataLayout::storePath() const { return root_ / "runs.db"; }

std::filesystem::path DataLayout::runsDirectory() const { return root_ / "runs"; }

std::filesystem::path DataLayout::runDirectory(std::string_view runName) const { return runsDirectory() / runName; }

std::filesystem::path DataLayout::pkiDirectory() const { return root_ / "pki"; }

}  // namespace archi
