#pragma once
// Writing a file so that readers see either the old or the new contents, never a mix: a
// temporary file beside it, fsync, then rename over the target.

#include <filesystem>
#include <string>

namespace archi {

// Throws std::runtime_error naming the path and the OS reason. `permissions` are the new
// file's mode bits (0600 for secrets: the file never exists with looser ones).
void writeFileAtomically(const std::filesystem::path& path, const std::string& text, unsigned permissions = 0644);

}  // namespace archi
