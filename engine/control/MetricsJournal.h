#pragma once
// A worker's local journal (issue 4 item 10): one JSON object per line, appended with a single
// write() each so a crash never leaves more than one partial line at the end. The launcher's
// collector tails every journal into the run store; if the parent goes away nothing is lost.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/Diagnostic.h"

namespace archi {

class JournalWriter {
 public:
  // Opens for appending (creating the file and its folder); throws std::runtime_error with the path and reason.
  explicit JournalWriter(const std::filesystem::path& path);
  ~JournalWriter();
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;

  // Appends `record` as one line; throws std::runtime_error when the write fails (disk full).
  void append(const nlohmann::json& record);
  const std::filesystem::path& path() const { return path_; }

 private:
  void appendLine(const std::string& line);  // one write() of a whole line

  std::filesystem::path path_;
  int fd_ = -1;
};

// Reads what was appended since the last call. A line still being written (no newline yet)
// is kept for the next call; a malformed complete line (not JSON, or a number JSON cannot hold
// such as 1e400) is reported with its byte offset and skipped, never thrown.
class JournalTailer {
 public:
  explicit JournalTailer(std::filesystem::path path, std::uint64_t offset = 0) : path_(std::move(path)), offset_(offset) {}

  std::vector<nlohmann::json> readNew(Diagnostics& problems);
  std::uint64_t offset() const { return offset_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  std::uint64_t offset_ = 0;  // first byte not yet consumed
};

}  // namespace archi
