#pragma once
// Who a worker started directly by the launcher runs as, and with which environment
// (docs/architecture.md#security). `archi run --netns` needs root to enter network
// namespaces, but training needs none of it: the workers drop to the user who invoked the
// command and see only an allow-listed environment, so that neither a root shell's secrets
// (tokens, SSH agent sockets) nor its loader variables (LD_PRELOAD) reach them.

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace archi {

struct WorkerUser {
  uid_t uid = 0;
  gid_t gid = 0;
  std::string home;  // from the password database; "/" when it has none
  std::string name;  // login name, or the uid as text
};

// The user to drop to when this process runs as root: SUDO_UID/SUDO_GID when sudo set them,
// else the owner of `dataDirectory`; nullopt when not root, or when that user is root too.
// Throws std::runtime_error for a SUDO_UID/SUDO_GID that is not a plain number.
std::optional<WorkerUser> invokingUser(const std::filesystem::path& dataDirectory);

// NAME=VALUE entries a worker gets instead of the launcher's environment: a fixed PATH, HOME,
// USER and LOGNAME of `user` (the launcher's when nullopt), and from `inherited` only locale
// and time zone (LANG, LC_*, TZ), TMPDIR, and the variables of the libraries a worker uses
// (ARCHIPELAGO_*, OMP_*, OPENBLAS_*, CUDA_*, NCCL_*, GLOO_*, and the sanitizers' ASAN_*, UBSAN_*).
std::vector<std::string> allowListedEnvironment(const std::vector<std::string>& inherited, const std::optional<WorkerUser>& user);

// This process's environment as NAME=VALUE entries.
std::vector<std::string> currentEnvironment();

// Hands `directory` and everything under it to `user` (lchown, never following links), so
// that a worker that dropped to it can read its spec, secret and key and write its journal.
void giveTreeTo(const std::filesystem::path& directory, const WorkerUser& user);

}  // namespace archi
