#include "core/AtomicFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace archi {
namespace {

// `exactMode`: set the mode with fchmod, past the umask (key material); else the umask applies.
void writeWithMode(const std::filesystem::path& path, const std::string& text, mode_t mode, bool exactMode) {
  const std::string temporary = path.string() + ".tmp";
  const auto fail = [&](const std::string& what) {
    const std::string reason = std::strerror(errno);
    ::unlink(temporary.c_str());
    throw std::runtime_error(what + " " + path.string() + ": " + reason);
  };
  // RAII for the descriptor so every early exit closes it.
  struct FileDescriptor {
    int fd;
    ~FileDescriptor() {
      if (fd >= 0) ::close(fd);
    }
  } file{::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)};
  if (file.fd < 0) fail("cannot create a temporary file to write");
  if (exactMode && ::fchmod(file.fd, mode) != 0) fail("cannot set the mode of");
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(file.fd, text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("cannot write");
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(file.fd) != 0) fail("cannot flush");
  if (::rename(temporary.c_str(), path.c_str()) != 0) fail("cannot replace");
}

}  // namespace

void writeFileAtomically(const std::filesystem::path& path, const std::string& text) {
  writeWithMode(path, text, 0644, false);
}

void writePrivateFileAtomically(const std::filesystem::path& path, const std::string& text) {
  writeWithMode(path, text, 0600, true);
}

}  // namespace archi
