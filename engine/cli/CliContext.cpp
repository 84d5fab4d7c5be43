#include "cli/CliContext.h"

#include <fmt/core.h>

#include "core/Resources.h"

namespace archi::cli {

std::optional<GpuCatalog> CliContext::loadCatalog() {
  Diagnostics diagnostics;
  GpuCatalog catalog = GpuCatalog::loadDefault(diagnostics);
  const std::string builtIn = (resourceDirectory() / "gpu-catalog.json").string();
  if (!userCatalogPath.empty()) {
    Diagnostics userDiagnostics;
    catalog.extend(GpuCatalog::fromFile(userCatalogPath, userDiagnostics));
    for (const Diagnostic& d : userDiagnostics.all()) fmt::print(stderr, "{}\n", formatDiagnostic(userCatalogPath, d));
    if (userDiagnostics.hasErrors()) return std::nullopt;
  }
  for (const Diagnostic& d : diagnostics.all()) fmt::print(stderr, "{}\n", formatDiagnostic(builtIn, d));
  if (diagnostics.hasErrors()) return std::nullopt;
  return catalog;
}

std::optional<CliContext::LoadedProject> CliContext::loadProject(const std::string& file, std::FILE* out) {
  auto catalog = loadCatalog();
  if (!catalog) {
    exitCode = 2;
    return std::nullopt;
  }
  ProjectLoad load = loadProjectFile(file, *catalog);
  for (const Diagnostic& d : load.diagnostics.all()) fmt::print(out, "{}\n", formatDiagnostic(file, d));
  if (const std::size_t unlisted = load.diagnostics.unlistedCount(); unlisted > 0) {
    fmt::print(out, "{}: ... and {} more problem(s), not listed\n", file, unlisted);
  }
  return LoadedProject{std::move(*catalog), std::move(load)};
}

}  // namespace archi::cli
