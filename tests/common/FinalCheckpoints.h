#pragma once
// A run's final checkpoints (checkpoints/<datacenter>.ckpt), without the resumable sets its
// leaders write every round (checkpoints/<datacenter>/round-*.ckpt and .outer,
// docs/architecture.md#checkpoints), of which only the newest are kept on disk.

#include <filesystem>
#include <string>
#include <vector>

template <typename Record>
std::vector<Record> finalCheckpoints(const std::vector<Record>& records) {
  std::vector<Record> out;
  for (const Record& record : records) {
    if (std::filesystem::path(record.path).filename().string().rfind("round-", 0) != 0) out.push_back(record);
  }
  return out;
}
