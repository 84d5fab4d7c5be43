#pragma once
// A worker's local journal (issue 4 item 10): one JSON object per line, appended with a single
// write() each so a crash never leaves more than one partial line at the end. The launcher's
// collector tails every journal into the run store; if the parent goes away nothing is lost.
// A journal is read as untrusted text (docs/architecture.md#limits-on-outside-input): a line
// that is not a record is reported by its line number and skipped, never thrown.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/Diagnostic.h"
#include "core/JsonSyntax.h"

namespace archi {

// A record is a few hundred bytes (a sample's text a few KB) and nests two levels (an event's
// fields); a longer line is skipped without being held in memory.
inline constexpr std::size_t kMaxJournalLineBytes = 1u << 20;
inline constexpr JsonLimits kJournalLineJsonLimits{kMaxJournalLineBytes, 8};

// One line of a journal (without its newline) as JSON; nullopt, with the reason in `problems`
// prefixed by `where` (a file and line, a stream and sequence number), when it is not JSON, is
// longer or deeper than the limits above, or holds a number no double can (1e400).
std::optional<nlohmann::json> parseJournalLine(std::string_view line, const std::string& where, Diagnostics& problems);

class JournalWriter {
 public:
  // Opens for appending (creating the file and its folder); throws std::runtime_error with the path and reason.
  // A torn last line (its writer died inside append) is ended first, so that the next record
  // is never glued to it.
  explicit JournalWriter(const std::filesystem::path& path);
  ~JournalWriter();
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;

  // Appends `record` as one line; throws std::runtime_error when the write fails (disk full).
  void append(const nlohmann::json& record);
  const std::filesystem::path& path() const { return path_; }

 private:
  void writeLine(const std::string& line);

  std::filesystem::path path_;
  int fd_ = -1;
};

// Reads what was appended since the last call. A line still being written (no newline yet)
// is kept for the next call; a malformed or over-long complete line is reported with its line
// number and byte offset and skipped, never thrown.
class JournalTailer {
 public:
  explicit JournalTailer(std::filesystem::path path, std::uint64_t offset = 0) : path_(std::move(path)), offset_(offset) {}

  std::vector<nlohmann::json> readNew(Diagnostics& problems);
  std::uint64_t offset() const { return offset_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::string where(std::uint64_t line, std::uint64_t byteOffset) const;

  std::filesystem::path path_;
  std::uint64_t offset_ = 0;      // first byte not yet consumed
  std::uint64_t linesRead_ = 0;   // complete lines consumed, so the next one is linesRead_ + 1
  std::optional<std::uint64_t> longLineStart_;  // inside a line over the limit: where it began
};

}  // namespace archi
