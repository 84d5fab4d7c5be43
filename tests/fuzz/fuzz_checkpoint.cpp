// Fuzzes the checkpoint reader (train/Checkpoint.h): a checkpoint comes back from disk, from a
// node agent's download or from another datacenter after a restart, so it may be truncated,
// corrupted or crafted. loadCheckpoint must refuse what it cannot use with an error and never
// crash. Random bytes rarely carry a valid SHA-256, so the first byte's low bit asks the target
// to fix up the header's payload size and digest: the payload parser is then reached as often
// as the header checks. Its second bit passes the expected model config of the seed run.

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "core/ByteCodec.h"
#include "train/Checkpoint.h"
#include "train/Sha256.h"

namespace {

// Header layout (train/Checkpoint.cpp): magic 8 | format u32 | reserved u32 | payload bytes u64 | SHA-256 32.
constexpr std::size_t kHeaderBytes = 56;
constexpr std::size_t kPayloadSizeOffset = 16;
constexpr std::size_t kDigestOffset = 24;

void fixHeader(std::vector<std::uint8_t>& file) {
  if (file.size() < kHeaderBytes) return;
  const std::size_t payloadBytes = file.size() - kHeaderBytes;
  std::vector<std::uint8_t> size;
  archi::le::put(size, static_cast<std::uint64_t>(payloadBytes));
  std::memcpy(file.data() + kPayloadSizeOffset, size.data(), size.size());
  archi::Sha256 sha;
  sha.update(file.data() + kHeaderBytes, payloadBytes);
  const archi::Sha256Digest digest = sha.finish();
  std::memcpy(file.data() + kDigestOffset, digest.data(), digest.size());
}

// The checkpoint as an anonymous in-memory file: loadCheckpoint reads a path.
class MemoryFile {
 public:
  explicit MemoryFile(const std::vector<std::uint8_t>& bytes) : fd_(::memfd_create("fuzz-checkpoint", MFD_CLOEXEC)) {
    if (fd_ < 0) std::abort();  // no memfd: the target cannot run at all
    for (std::size_t done = 0; done < bytes.size();) {
      const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
      if (n <= 0) std::abort();
      done += static_cast<std::size_t>(n);
    }
  }
  ~MemoryFile() { ::close(fd_); }
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;
  std::string path() const { return "/proc/self/fd/" + std::to_string(fd_); }

 private:
  int fd_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  std::vector<std::uint8_t> file(data + 1, data + size);
  if (data[0] & 1) fixHeader(file);
  // The seed run's model (tests/fuzz/corpus/fuzz_checkpoint/*.ckpt).
  const archi::ModelConfig seedModel{1, 1, 8, 8, 256};
  const MemoryFile checkpoint(file);
  const archi::CheckpointLoad load = archi::loadCheckpoint(checkpoint.path(), (data[0] & 2) ? &seedModel : nullptr);
  if (load.state.has_value() == !load.error.empty()) std::abort();  // exactly one of state and error
  if (load.state && load.state->optimizer.size() != 2 * load.state->params.size()) std::abort();
  return 0;
}
