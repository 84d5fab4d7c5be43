// Fuzzes the journal readers (control/MetricsJournal.h, control/JournalRecords.h): a worker's
// journal reaches the launcher's collector from a node that may be compromised or whose disk
// filled mid-line. The input is the journal file, appended in pieces whose size the first byte
// chooses (at least 1/64 of the journal), tailed after every piece as the collector does; every
// line that is JSON goes through the record reader. A partial line must wait for its newline
// and the tailer must consume exactly the complete lines.

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "control/JournalRecords.h"
#include "control/MetricsJournal.h"

namespace {

// The journal as an anonymous in-memory file, closed when the input is done.
class MemoryFile {
 public:
  MemoryFile() : fd_(::memfd_create("fuzz-journal", MFD_CLOEXEC)) {
    if (fd_ < 0) std::abort();  // no memfd: the target cannot run at all
  }
  ~MemoryFile() { ::close(fd_); }
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;

  void append(const std::uint8_t* bytes, std::size_t count) {
    while (count > 0) {
      const ssize_t n = ::write(fd_, bytes, count);
      if (n <= 0) std::abort();
      bytes += n;
      count -= static_cast<std::size_t>(n);
    }
  }
  std::string path() const { return "/proc/self/fd/" + std::to_string(fd_); }

 private:
  int fd_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t* journal = data + 1;
  const std::size_t journalBytes = size - 1;
  // At most 64 appends per input, so a long journal in small pieces does not starve the run.
  constexpr std::size_t kMaxAppends = 64;
  const std::size_t piece = std::max<std::size_t>(1 + data[0] % 128, (journalBytes + kMaxAppends - 1) / kMaxAppends);

  MemoryFile file;
  archi::JournalTailer tailer(file.path());
  archi::Diagnostics problems;
  for (std::size_t written = 0; written < journalBytes;) {
    const std::size_t n = std::min(piece, journalBytes - written);
    file.append(journal + written, n);
    written += n;
    for (const nlohmann::json& line : tailer.readNew(problems)) {
      (void)archi::journal::parseRecord(line, 1, "fuzz", problems);
    }
    // Everything up to the last newline written so far is consumed, nothing after it.
    const auto* end = journal + written;
    const auto lastNewline = std::find(std::make_reverse_iterator(end), std::make_reverse_iterator(journal), '\n');
    const std::size_t complete = static_cast<std::size_t>(lastNewline.base() - journal);
    if (tailer.offset() != complete) std::abort();
  }
  return 0;
}
