#include "control/MetricsJournal.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace archi {

JournalWriter::JournalWriter(const std::filesystem::path& path) : path_(path) {
  std::error_code ignored;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ignored);
  // Training data and what the model generated: readable by the owner only, never through a link.
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd_ < 0) throw std::runtime_error("cannot open journal " + path.string() + ": " + std::strerror(errno));
  // A worker that died mid-write left a torn last line: end it, so that it is reported as one
  // malformed line instead of being glued to this process's first record.
  const off_t size = ::lseek(fd_, 0, SEEK_END);
  char last = '\n';
  if (size > 0 && ::pread(fd_, &last, 1, size - 1) == 1 && last != '\n') {
    try {
      appendLine("\n");
    } catch (const std::runtime_error&) {
      ::close(fd_);
      throw;
    }
  }
}

JournalWriter::~JournalWriter() {
  if (fd_ >= 0) ::close(fd_);
}

void JournalWriter::append(const nlohmann::json& record) {
  // Generated text is raw bytes: invalid UTF-8 is replaced (U+FFFD) rather than failing the worker.
  appendLine(record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

void JournalWriter::appendLine(const std::string& line) {
  std::size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = ::write(fd_, line.data() + written, line.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("cannot append to journal " + path_.string() + ": " + std::strerror(errno));
    }
    written += static_cast<std::size_t>(n);
  }
}

std::vector<nlohmann::json> JournalTailer::readNew(Diagnostics& problems) {
  std::vector<nlohmann::json> records;
  std::ifstream in(path_, std::ios::binary);
  if (!in) return records;  // not created yet
  in.seekg(static_cast<std::streamoff>(offset_));
  std::string chunk((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t start = 0;
  for (std::size_t newline = chunk.find('\n'); newline != std::string::npos; newline = chunk.find('\n', start)) {
    const std::string_view line(chunk.data() + start, newline - start);
    if (!line.empty()) {
      try {
        records.push_back(nlohmann::json::parse(line));
      } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for 1e400
        problems.error("", path_.string() + ": malformed journal line at byte " + std::to_string(offset_ + start) +
                               " skipped: " + e.what());
      }
    }
    start = newline + 1;
  }
  offset_ += start;  // a trailing partial line stays for the next call
  return records;
}

}  // namespace archi
