#include "agent/SequencedLines.h"

#include <algorithm>
#include <array>
#include <fstream>

namespace archi::agent {

void SequencedLines::scanNewBytes() {
  std::error_code error;
  const auto size = std::filesystem::file_size(path_, error);
  if (error || size < scannedBytes_) {
    // Missing or truncated (a restarted run): start over.
    scannedBytes_ = 0;
    completeLines_ = 0;
    index_.assign(1, 0);
    if (error) return;
  }
  std::ifstream in(path_, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(scannedBytes_));
  std::array<char, 64 * 1024> buffer{};
  std::uint64_t offset = scannedBytes_;
  while (in) {
    in.read(buffer.data(), buffer.size());
    const std::streamsize n = in.gcount();
    for (std::streamsize i = 0; i < n; ++i) {
      if (buffer[std::size_t(i)] != '\n') continue;
      ++completeLines_;
      scannedBytes_ = offset + std::uint64_t(i) + 1;
      if (completeLines_ % kLinesPerIndexEntry == 0) index_.push_back(scannedBytes_);
    }
    offset += std::uint64_t(n);
  }
}

SequencedChunk SequencedLines::read(std::int64_t after, std::int64_t limit, std::size_t maxBytes) {
  std::lock_guard lock(mutex_);
  scanNewBytes();
  SequencedChunk chunk;
  chunk.last_seq = completeLines_;
  after = std::max<std::int64_t>(after, 0);
  if (after >= completeLines_ || limit <= 0) return chunk;
  const std::size_t entry = std::min<std::size_t>(std::size_t(after / kLinesPerIndexEntry), index_.size() - 1);
  std::ifstream in(path_, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(index_[entry]));
  std::int64_t seq = std::int64_t(entry) * kLinesPerIndexEntry;  // lines before the read position
  const std::int64_t last = std::min(completeLines_, after + limit);
  for (std::string line; seq < last && std::getline(in, line);) {
    ++seq;
    if (seq <= after) continue;
    std::string record = std::to_string(seq) + "\t" + line + "\n";
    if (chunk.served > 0 && chunk.text.size() + record.size() > maxBytes) break;
    if (chunk.served == 0) chunk.first_seq = seq;
    chunk.text += record;
    ++chunk.served;
  }
  return chunk;
}

}  // namespace archi::agent
