#pragma once
// A journal or log file read by sequence number (docs/agent-api.md, GET .../journal): the
// sequence number of a line is its line number (from 1), only complete lines (ending in
// '\n') count. A sparse index (the byte offset of every 1024th line) and the count of lines
// already scanned are kept, so "after N" seeks near N instead of rescanning the file, and
// only bytes appended since the last request are scanned again.

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

namespace archi::agent {

inline constexpr std::int64_t kLinesPerIndexEntry = 1024;

struct SequencedChunk {
  std::string text;            // "<seq>\t<line>\n" for each record served
  std::int64_t first_seq = 0;  // 0 when none was served
  std::int64_t served = 0;
  std::int64_t last_seq = 0;   // the last complete line the file has
};

class SequencedLines {
 public:
  explicit SequencedLines(std::filesystem::path path) : path_(std::move(path)) {}

  // Lines after..after+limit, stopping before `maxBytes` of output (at least one line is
  // served when any is due). A missing file reads as empty.
  SequencedChunk read(std::int64_t after, std::int64_t limit, std::size_t maxBytes);

 private:
  void scanNewBytes();  // under mutex_

  std::filesystem::path path_;
  std::mutex mutex_;
  std::uint64_t scannedBytes_ = 0;    // offset just past the last complete line seen
  std::int64_t completeLines_ = 0;
  std::vector<std::uint64_t> index_{0};  // index_[k]: offset of line k*1024 + 1
};

}  // namespace archi::agent
