#pragma once
// The console's binary, `archipelago`, as seen from `archi`. What needs Qt (the console's
// monitor bench, the PDF report) runs inside the console's binary in a hidden mode, so that
// `archi` itself links no Qt and the node package can ship it without Qt's libraries.

#include <filesystem>
#include <string>
#include <vector>

namespace archi::cli {

// `given` when not empty; else beside this archi (installed), in the build tree
// (engine/cli/archi beside gui/archipelago), or on PATH. Empty when none is executable.
std::filesystem::path findConsoleBinary(const std::string& given = {});

// Replaces this process with `console args...` on Qt's offscreen platform (no display needed).
// Returns only when it could not be started, after printing why under `what`; the exit code.
int execConsole(const std::filesystem::path& console, const std::vector<std::string>& args, const std::string& what);

}  // namespace archi::cli
