#pragma once
// Semantic checks of a Project (the structure was checked while parsing): ids, references,
// ranges, GPU types against the catalog, and whether the model fits the devices.
// Used on freshly loaded files and after every edit in the console.

#include "core/Diagnostic.h"
#include "core/GpuCatalog.h"
#include "core/Project.h"

namespace archi {

inline constexpr int kMinPort = 1;
inline constexpr int kMaxPort = 65535;

// Ranges and consistency of a run (model shape, data, training settings); `pointer` locates it.
void validateRunSpec(const RunSpec& run, const std::string& pointer, Diagnostics& diagnostics);

void validateProject(const Project& project, const GpuCatalog& catalog, Diagnostics& diagnostics);

}  // namespace archi
