#pragma once
// Where run-time resources (GPU catalog, examples) are found.

#include <cstddef>
#include <filesystem>
#include <string>

namespace archi {

// $ARCHIPELAGO_RESOURCES if set, else ../share/archipelago beside the running binary (installed),
// else the configured prefix's share/archipelago, else the source tree.
std::filesystem::path resourceDirectory();

// Reads a whole file; throws std::runtime_error naming the path and the OS reason.
std::string readTextFile(const std::filesystem::path& path);
// The same for a file from outside: one longer than `maxBytes` is refused (naming the limit)
// after reading at most maxBytes + 1 bytes of it.
std::string readTextFile(const std::filesystem::path& path, std::size_t maxBytes);

}  // namespace archi
