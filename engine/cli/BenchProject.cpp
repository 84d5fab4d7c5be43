#include "cli/BenchProject.h"

#include <stdexcept>

#include "core/ProjectJson.h"
#include "core/Resources.h"

namespace archi::cli {

BenchProject loadBenchProject(const std::string& given, CliContext& context) {
  std::optional<GpuCatalog> catalog = context.loadCatalog();
  if (!catalog) throw std::runtime_error("the GPU catalog does not load");
  const std::string file = given.empty() ? (resourceDirectory() / "examples" / "local-demo.archipelago.json").string() : given;
  const ProjectLoad load = loadProjectFile(file, *catalog);
  if (!load.ok()) throw std::runtime_error(file + " does not validate; run archi validate on it");
  return {file, std::move(*catalog), *load.project};
}

}  // namespace archi::cli
