#include "train/ChecksummedFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <utility>

#include "core/ByteCodec.h"
#include "train/Sha256.h"

namespace archi {
namespace {

constexpr std::size_t kHeaderBytes = 8 + 4 + 4 + 8 + 32;

std::string osError(const std::filesystem::path& path, const char* what) {
  return path.string() + ": " + what + ": " + std::strerror(errno);
}

// Owns a file descriptor.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

void writeAll(int fd, const std::uint8_t* data, std::size_t bytes, const std::filesystem::path& path) {
  while (bytes > 0) {
    const ssize_t n = ::write(fd, data, bytes);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(osError(path, "write failed"));
    }
    data += n;
    bytes -= static_cast<std::size_t>(n);
  }
}

bool readAll(int fd, std::uint8_t* data, std::size_t bytes) {
  while (bytes > 0) {
    const ssize_t n = ::read(fd, data, bytes);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    bytes -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

void writeChecksummedFile(const std::filesystem::path& path, const FileMagic& magic, std::uint32_t format,
                          std::span<const std::span<const std::uint8_t>> payloadPieces) {
  Sha256 sha;
  std::uint64_t payloadBytes = 0;
  for (const auto piece : payloadPieces) {
    sha.update(piece.data(), piece.size());
    payloadBytes += piece.size();
  }
  const Sha256Digest digest = sha.finish();
  std::vector<std::uint8_t> header;
  header.insert(header.end(), magic.begin(), magic.end());
  le::putU32(header, format);
  le::putU32(header, 0);
  le::putU64(header, payloadBytes);
  header.insert(header.end(), digest.begin(), digest.end());

  // A temporary of our own (O_EXCL: never one planted by someone else, O_NOFOLLOW: never
  // through a link), readable by the owner only: checkpoints hold the model.
  const std::filesystem::path temporary = path.string() + ".tmp-" + std::to_string(::getpid());
  ::unlink(temporary.c_str());  // a leftover of an earlier process with our pid
  Fd fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (fd.get() < 0) throw std::runtime_error(osError(temporary, "cannot create"));
  try {
    writeAll(fd.get(), header.data(), header.size(), temporary);
    for (const auto piece : payloadPieces) writeAll(fd.get(), piece.data(), piece.size(), temporary);
    if (::fsync(fd.get()) != 0) throw std::runtime_error(osError(temporary, "fsync failed"));
    if (::close(fd.release()) != 0) throw std::runtime_error(osError(temporary, "close failed"));
    if (::rename(temporary.c_str(), path.c_str()) != 0) throw std::runtime_error(osError(path, "rename failed"));
  } catch (...) {
    ::unlink(temporary.c_str());
    throw;
  }
  // Make the rename itself durable.
  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  Fd dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() >= 0) ::fsync(dir.get());
}

ChecksummedRead readChecksummedFile(const std::filesystem::path& path, const FileMagic& magic, std::uint32_t format,
                                    const std::string& what, std::uint64_t maxPayloadBytes) {
  ChecksummedRead read;
  const std::string where = path.string() + ": ";
  Fd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  struct stat info {};
  if (fd.get() < 0 || ::fstat(fd.get(), &info) != 0) {
    read.error = osError(path, ("cannot open " + what).c_str());
    return read;
  }
  const auto size = static_cast<std::uint64_t>(info.st_size);
  std::array<std::uint8_t, kHeaderBytes> header{};
  if (size < kHeaderBytes || !readAll(fd.get(), header.data(), header.size())) {
    read.error = where + "truncated: " + std::to_string(size) + " bytes, the header alone needs " + std::to_string(kHeaderBytes);
    return read;
  }
  if (std::memcmp(header.data(), magic.data(), magic.size()) != 0) {
    read.error = where + "not an Archipelago " + what + " (bad magic at byte 0)";
    return read;
  }
  const std::span<const std::uint8_t> bytes(header);
  const std::uint32_t fileFormat = le::getU32(bytes, 8);
  const std::uint64_t payloadBytes = le::getU64(bytes, 16);
  if (fileFormat != format) {
    read.error = where + what + " format " + std::to_string(fileFormat) + " is not supported (this build reads " +
                 std::to_string(format) + ")";
    return read;
  }
  if (payloadBytes > size - kHeaderBytes) {
    read.error = where + "truncated: header announces " + std::to_string(payloadBytes) + " payload bytes, file holds " +
                 std::to_string(size - kHeaderBytes);
    return read;
  }
  if (payloadBytes < size - kHeaderBytes) {
    read.error = where + "corrupted: " + std::to_string(size - kHeaderBytes - payloadBytes) + " unexpected bytes after the payload";
    return read;
  }
  if (payloadBytes > maxPayloadBytes) {
    read.error = where + "corrupted: a payload of " + std::to_string(payloadBytes) + " bytes is more than a " + what +
                 " of this run can hold (" + std::to_string(maxPayloadBytes) + ")";
    return read;
  }
  std::vector<std::uint8_t> payload(payloadBytes);
  if (!readAll(fd.get(), payload.data(), payload.size())) {
    read.error = where + "read error: " + std::strerror(errno);
    return read;
  }
  Sha256 sha;
  sha.update(payload.data(), payload.size());
  const Sha256Digest digest = sha.finish();
  if (std::memcmp(digest.data(), header.data() + 24, digest.size()) != 0) {
    read.error = where + "corrupted: SHA-256 of the payload does not match the header";
    return read;
  }
  read.payload = std::move(payload);
  return read;
}

}  // namespace archi
