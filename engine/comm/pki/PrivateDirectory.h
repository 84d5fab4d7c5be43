#pragma once
// Folders that hold private keys: created 0700 so nobody else may list them.

#include <filesystem>

namespace archi::pki {

// Creates `directory` (and its parents) when missing and restricts a folder it created to its
// owner; an existing folder is the operator's and keeps its mode. Returns whether it created it.
bool makePrivateDirectory(const std::filesystem::path& directory);

}  // namespace archi::pki
