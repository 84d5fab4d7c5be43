#pragma once
// The per-run secret of a datacenter's rendezvous store
// (docs/architecture.md#what-is-authenticated-inside-a-datacenter): 32 random bytes, kept as
// 64 hex digits in a file of mode 0600 that the launcher (or the node agent) writes and the
// datacenter's workers read. It never travels on a command line.

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace archi::comm {

class RendezvousSecret {
 public:
  static constexpr std::size_t kBytes = 32;

  RendezvousSecret() = default;  // unset: servers and clients refuse it
  // From OpenSSL's RAND_bytes; throws pki::OpenSslError when the generator fails.
  static RendezvousSecret generate();
  // Exactly 64 hex digits, one trailing newline allowed.
  static std::optional<RendezvousSecret> fromHex(std::string_view text, std::string& error);
  // Throws std::runtime_error naming the path: missing, not a regular file, readable by group
  // or others, or not 64 hex digits.
  static RendezvousSecret readFile(const std::filesystem::path& path);
  // Atomically, mode 0600; the folder is the caller's (0700).
  void writeFile(const std::filesystem::path& path) const;

  std::string toHex() const;
  bool isSet() const { return set_; }
  std::span<const std::uint8_t> bytes() const { return bytes_; }

 private:
  std::array<std::uint8_t, kBytes> bytes_{};
  bool set_ = false;
};

}  // namespace archi::comm
