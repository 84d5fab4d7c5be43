#pragma once
// Where run-time resources (GPU catalog, examples) are found.

#include <filesystem>

namespace archi {

// $ARCHIPELAGO_RESOURCES if set, else the installed share/archipelago, else the source tree.
std::filesystem::path resourceDirectory();

// Reads a whole file; throws std::runtime_error naming the path and the OS reason.
std::string readTextFile(const std::filesystem::path& path);

}  // namespace archi
