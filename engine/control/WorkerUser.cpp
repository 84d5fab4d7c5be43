#include "control/WorkerUser.h"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace archi {
namespace {

std::optional<unsigned long> environmentId(const char* name) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return std::nullopt;
  unsigned long value = 0;
  const char* end = text + std::strlen(text);
  const auto [last, error] = std::from_chars(text, end, value);
  if (error != std::errc() || last != end) throw std::runtime_error(std::string(name) + "='" + text + "' is not a user or group number");
  return value;
}

WorkerUser describeUser(uid_t uid, gid_t gid) {
  WorkerUser user{uid, gid, "/", std::to_string(uid)};
  std::array<char, 4096> buffer{};
  passwd entry{};
  passwd* found = nullptr;
  if (::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) == 0 && found != nullptr) {
    user.name = found->pw_name;
    if (found->pw_dir != nullptr && *found->pw_dir != '\0') user.home = found->pw_dir;
  }
  return user;
}

bool startsWith(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

}  // namespace

std::optional<WorkerUser> invokingUser(const std::filesystem::path& dataDirectory) {
  if (::geteuid() != 0) return std::nullopt;
  const std::optional<unsigned long> sudoUid = environmentId("SUDO_UID");
  const std::optional<unsigned long> sudoGid = environmentId("SUDO_GID");
  if (sudoUid && sudoGid) {
    if (*sudoUid == 0) return std::nullopt;
    return describeUser(static_cast<uid_t>(*sudoUid), static_cast<gid_t>(*sudoGid));
  }
  struct stat info {};
  if (::stat(dataDirectory.c_str(), &info) != 0 || info.st_uid == 0) return std::nullopt;
  return describeUser(info.st_uid, info.st_gid);
}

std::vector<std::string> allowListedEnvironment(const std::vector<std::string>& inherited, const std::optional<WorkerUser>& user) {
  const WorkerUser self = user.value_or(describeUser(::getuid(), ::getgid()));
  std::vector<std::string> out{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=" + self.home,
                               "USER=" + self.name, "LOGNAME=" + self.name};
  for (const std::string& entry : inherited) {
    const std::string name = entry.substr(0, entry.find('='));
    const bool allowed = name == "LANG" || name == "TZ" || name == "TMPDIR" || startsWith(name, "LC_") ||
                         startsWith(name, "ARCHIPELAGO_") || startsWith(name, "ASAN_") || startsWith(name, "UBSAN_") ||
                         startsWith(name, "OMP_") || startsWith(name, "OPENBLAS_") || startsWith(name, "CUDA_") ||
                         startsWith(name, "NCCL_") || startsWith(name, "GLOO_");
    if (allowed && entry.find('=') != std::string::npos) out.push_back(entry);
  }
  return out;
}

std::vector<std::string> currentEnvironment() {
  std::vector<std::string> out;
  for (char** e = environ; *e != nullptr; ++e) out.emplace_back(*e);
  return out;
}

void giveTreeTo(const std::filesystem::path& directory, const WorkerUser& user) {
  const auto give = [&](const std::filesystem::path& path) {
    if (::lchown(path.c_str(), user.uid, user.gid) != 0) {
      throw std::runtime_error("cannot hand " + path.string() + " to user " + user.name + ": " + std::strerror(errno));
    }
  };
  give(directory);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(directory)) give(entry.path());
}

}  // namespace archi
