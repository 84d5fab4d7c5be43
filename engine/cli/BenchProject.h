#pragma once
// The project a multi-datacenter benchmark runs (bench multidc, chaos, multidc --wan-bound):
// the one given, else the local demo, loaded and validated against the catalog.

#include <string>

#include "cli/CliContext.h"
#include "core/GpuCatalog.h"
#include "core/Project.h"

namespace archi::cli {

struct BenchProject {
  std::string file;
  GpuCatalog catalog;
  Project project;
};

// Throws std::runtime_error naming what does not load or validate.
BenchProject loadBenchProject(const std::string& given, CliContext& context);

}  // namespace archi::cli
