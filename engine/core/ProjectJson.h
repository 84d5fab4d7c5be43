#pragma once
// Project files (docs/architecture.md#project-file): JSON text <-> Project, with every structural
// problem (syntax, wrong type, missing or unknown key) reported at once with its pointer.

#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/Diagnostic.h"
#include "core/GpuCatalog.h"
#include "core/Project.h"

namespace archi {

// Structure only. Returns nullopt when the text is not JSON at all; otherwise a Project in
// which unreadable fields keep their defaults (so array indices still match the file).
std::optional<Project> parseProject(const std::string& text, Diagnostics& diagnostics);

nlohmann::ordered_json projectToJson(const Project& project);

// The "run" object alone, shared with worker specs: structure only (see validateRunSpec).
RunSpec readRunSpec(const nlohmann::json& value, const std::string& pointer, Diagnostics& diagnostics);
nlohmann::ordered_json runSpecToJson(const RunSpec& run);
std::string serializeProject(const Project& project);  // pretty, stable key order

struct ProjectLoad {
  std::optional<Project> project;  // set unless the file could not be read or parsed
  Diagnostics diagnostics;         // structural and semantic problems, sorted by pointer
  bool ok() const { return project.has_value() && !diagnostics.hasErrors(); }
};

// Parse + validate against the catalog; one call for the CLI, the GUI and the launcher.
ProjectLoad loadProjectText(const std::string& text, const GpuCatalog& catalog);
ProjectLoad loadProjectFile(const std::filesystem::path& path, const GpuCatalog& catalog);

// Writes through a temporary file and a rename so a crash never leaves half a project.
// Throws std::runtime_error naming the path and the reason.
void saveProjectFile(const Project& project, const std::filesystem::path& path);

}  // namespace archi
