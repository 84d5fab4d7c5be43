#include "core/AtomicFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <stdexcept>

#include <fmt/core.h>

namespace archi {
namespace {

// A fresh name beside `path` that nobody else can have predicted, created by this call alone.
// Returns the descriptor (or -1 with errno set) and the name.
std::pair<int, std::string> createTemporaryBeside(const std::filesystem::path& path, mode_t mode) {
  std::random_device entropy;  // getrandom(): a name an attacker cannot guess ahead
  for (int attempt = 0; attempt < 16; ++attempt) {
    const std::string name = path.string() + fmt::format(".tmp-{:08x}{:08x}", entropy(), entropy());
    const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd >= 0 || errno != EEXIST) return {fd, name};
  }
  return {-1, path.string() + ".tmp-*"};
}

// `exactMode`: set the mode with fchmod, past the umask (key material); else the umask applies.
void writeWithMode(const std::filesystem::path& path, const std::string& text, mode_t mode, bool exactMode) {
  // Not a structured binding: clang 14 (Debian 12, the fuzz build) cannot capture one in a lambda.
  const std::pair<int, std::string> created = createTemporaryBeside(path, mode);
  const int fd = created.first;
  const std::string& temporary = created.second;
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
  } file{fd};
  if (file.fd < 0) {
    const std::string reason = std::strerror(errno);  // nothing to unlink: it was not created by us
    throw std::runtime_error("cannot create a temporary file to write " + path.string() + ": " + reason);
  }
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

void writeFileAtomicallyWithMode(const std::filesystem::path& path, const std::string& text, unsigned mode) {
  writeWithMode(path, text, static_cast<mode_t>(mode), true);
}

}  // namespace archi
