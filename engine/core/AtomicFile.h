#pragma once
// Writing a file so that readers see either the old or the new contents, never a mix: a
// temporary file beside it, fsync, then rename over the target. The temporary file has an
// unpredictable name and is created with O_EXCL|O_NOFOLLOW, so that another user of the
// folder cannot make the write land elsewhere through a link planted in advance.

#include <filesystem>
#include <string>

namespace archi {

// Throws std::runtime_error naming the path and the OS reason. The umask applies (0644 at most).
void writeFileAtomically(const std::filesystem::path& path, const std::string& text);
// The same for key material and training data: the file is mode 0600 whatever the umask.
void writePrivateFileAtomically(const std::filesystem::path& path, const std::string& text);
// The same with exactly `mode` (e.g. 0644 for a certificate others must read).
void writeFileAtomicallyWithMode(const std::filesystem::path& path, const std::string& text, unsigned mode);

}  // namespace archi
