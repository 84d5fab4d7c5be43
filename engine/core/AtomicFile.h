#pragma once
// Writing a file so that readers see either the old or the new contents, never a mix: a
// temporary file beside it, fsync, then rename over the target.

#include <filesystem>
#include <string>

namespace archi {

// Throws std::runtime_error naming the path and the OS reason.
void writeFileAtomically(const std::filesystem::path& path, const std::string& text);
// The same for key material: the file is mode 0600 whatever the umask.
void writePrivateFileAtomically(const std::filesystem::path& path, const std::string& text);

}  // namespace archi
