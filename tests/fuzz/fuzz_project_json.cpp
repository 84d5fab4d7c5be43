// Fuzzes the project reader (core/ProjectJson.h): any bytes given to `archi validate`, the
// console's Open or the launcher must come back as a project and/or problems, never a crash or
// a hang. A project that loads without errors must survive a save and a reload unchanged, since
// that is what the console does with every file it opens.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/GpuCatalog.h"
#include "core/ProjectJson.h"

namespace {

const archi::GpuCatalog& catalog() {
  // Read once: the shipped catalog (resources/gpu-catalog.json) is the one every command uses.
  static const archi::GpuCatalog shipped = [] {
    archi::Diagnostics problems;
    archi::GpuCatalog loaded = archi::GpuCatalog::loadDefault(problems);
    if (problems.hasErrors()) std::abort();  // a broken catalog would hide every semantic check
    return loaded;
  }();
  return shipped;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const archi::ProjectLoad load = archi::loadProjectText(text, catalog());
  // Refused input says why: a missing project comes with at least one error.
  if (!load.project && !load.diagnostics.hasErrors()) std::abort();
  if (!load.ok()) return 0;
  const std::string saved = archi::serializeProject(*load.project);
  const archi::ProjectLoad reloaded = archi::loadProjectText(saved, catalog());
  if (!reloaded.ok() || !(*reloaded.project == *load.project)) std::abort();
  return 0;
}
