#include "comm/gloo/RendezvousSecret.h"

#include <openssl/rand.h>
#include <sys/stat.h>

#include <fmt/core.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "comm/pki/OpenSslError.h"
#include "core/AtomicFile.h"

namespace archi::comm {
namespace {

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

constexpr std::size_t kMaxFileBytes = 256;

}  // namespace

RendezvousSecret RendezvousSecret::generate() {
  RendezvousSecret secret;
  pki::opensslCheck(RAND_bytes(secret.bytes_.data(), static_cast<int>(secret.bytes_.size())),
                    "RAND_bytes for the rendezvous secret");
  secret.set_ = true;
  return secret;
}

std::optional<RendezvousSecret> RendezvousSecret::fromHex(std::string_view text, std::string& error) {
  if (text.ends_with('\n')) text.remove_suffix(1);
  if (text.size() != 2 * kBytes) {
    error = fmt::format("a rendezvous secret is {} hex digits, this is {} characters", 2 * kBytes, text.size());
    return std::nullopt;
  }
  RendezvousSecret secret;
  for (std::size_t i = 0; i < kBytes; ++i) {
    const int high = hexDigit(text[2 * i]);
    const int low = hexDigit(text[2 * i + 1]);
    if (high < 0 || low < 0) {
      error = fmt::format("character {} of the rendezvous secret is not a hex digit", high < 0 ? 2 * i : 2 * i + 1);
      return std::nullopt;
    }
    secret.bytes_[i] = static_cast<std::uint8_t>(high * 16 + low);
  }
  secret.set_ = true;
  return secret;
}

RendezvousSecret RendezvousSecret::readFile(const std::filesystem::path& path) {
  const auto fail = [&](const std::string& why) -> std::runtime_error {
    return std::runtime_error(fmt::format("rendezvous secret file {}: {}", path.string(), why));
  };
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) throw fail(std::strerror(errno));
  if (!S_ISREG(info.st_mode)) throw fail("not a regular file");
  if ((info.st_mode & 077) != 0) {
    throw fail(fmt::format("mode {:04o} lets group or others read it; it must be 0600 (chmod 600)",
                           info.st_mode & 07777));
  }
  std::ifstream file(path, std::ios::binary);
  std::string text(kMaxFileBytes, '\0');
  file.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (file.bad()) throw fail("cannot read it");
  text.resize(static_cast<std::size_t>(file.gcount()));
  std::string error;
  auto secret = fromHex(text, error);
  if (!secret) throw fail(error);
  return *secret;
}

void RendezvousSecret::writeFile(const std::filesystem::path& path) const {
  writePrivateFileAtomically(path, toHex() + "\n");
}

std::string RendezvousSecret::toHex() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text;
  for (const std::uint8_t byte : bytes_) {
    text += kDigits[byte >> 4];
    text += kDigits[byte & 0xf];
  }
  return text;
}

}  // namespace archi::comm
