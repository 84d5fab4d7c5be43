#include "control/MetricsJournal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace archi {

std::optional<nlohmann::json> parseJournalLine(std::string_view line, const std::string& where, Diagnostics& problems) {
  Diagnostics syntax;
  auto document = parseJsonDocument(line, syntax, kJournalLineJsonLimits);
  if (document && !syntax.hasErrors()) return document;
  std::string message = where + ": record skipped:";
  for (const Diagnostic& d : syntax.all()) message += " " + (d.pointer.empty() ? std::string() : d.pointer + " ") + d.message + ";";
  if (message.back() == ';') message.pop_back();
  problems.error("", message);
  return std::nullopt;
}

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
      writeLine("\n");
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
  writeLine(record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

void JournalWriter::writeLine(const std::string& line) {
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

std::string JournalTailer::where(std::uint64_t line, std::uint64_t byteOffset) const {
  return path_.string() + " line " + std::to_string(line) + " (byte " + std::to_string(byteOffset) + ")";
}

std::vector<nlohmann::json> JournalTailer::readNew(Diagnostics& problems) {
  std::vector<nlohmann::json> records;
  std::ifstream in(path_, std::ios::binary);
  if (!in) return records;  // not created yet
  in.seekg(static_cast<std::streamoff>(offset_));
  // Read in blocks: a line is held only up to the limit, a longer one is skipped as it streams by.
  std::string line;
  std::uint64_t position = offset_;  // of buffer[0]
  char buffer[64 * 1024];
  while (in.read(buffer, sizeof buffer).gcount() > 0) {
    const std::string_view block(buffer, static_cast<std::size_t>(in.gcount()));
    std::size_t start = 0;
    while (start < block.size()) {
      const std::size_t newline = block.find('\n', start);
      const std::string_view piece = block.substr(start, newline == std::string_view::npos ? std::string_view::npos : newline - start);
      if (!longLineStart_ && line.size() + piece.size() > kMaxJournalLineBytes) {
        longLineStart_ = offset_;
        line.clear();
      }
      if (!longLineStart_) line.append(piece);
      if (newline == std::string_view::npos) break;
      ++linesRead_;
      if (longLineStart_) {
        problems.error("", where(linesRead_, *longLineStart_) + ": record skipped: longer than " +
                               std::to_string(kMaxJournalLineBytes) + " bytes");
        longLineStart_.reset();
      } else if (!line.empty()) {
        if (auto record = parseJournalLine(line, where(linesRead_, offset_), problems)) records.push_back(std::move(*record));
      }
      line.clear();
      start = newline + 1;
      offset_ = position + start;  // the next line starts here
    }
    position += block.size();
  }
  // A partial last line stays for the next call; one already over the limit is skipped for good.
  if (longLineStart_) offset_ = position;
  return records;
}

}  // namespace archi
