#pragma once
// The framing of Archipelago's binary state files (docs/architecture.md#checkpoints): an
// 8-byte magic, a format number, the payload's size and its SHA-256, then the payload. It is
// written to a private temporary file in the same folder, fsynced and renamed over the target
// (then the folder is fsynced), so a crash leaves the old file or the new one, never half of
// one; reading checks the size against the file before allocating and the digest before
// anyone parses the payload.

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace archi {

using FileMagic = std::array<char, 8>;

// Throws std::runtime_error naming the path and the OS reason on I/O failure.
void writeChecksummedFile(const std::filesystem::path& path, const FileMagic& magic, std::uint32_t format,
                          std::span<const std::span<const std::uint8_t>> payloadPieces);

struct ChecksummedRead {
  std::optional<std::vector<std::uint8_t>> payload;
  std::string error;  // "<path>: truncated: …", "<path>: corrupted: …", "<path>: not a …", …
};

// `what` names the kind of file in errors ("outer-state checkpoint"); payloads larger than
// `maxPayloadBytes` are refused before any allocation.
ChecksummedRead readChecksummedFile(const std::filesystem::path& path, const FileMagic& magic, std::uint32_t format,
                                    const std::string& what, std::uint64_t maxPayloadBytes);

}  // namespace archi
