#include "cli/ConsoleBinary.h"

#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace archi::cli {
namespace {

std::filesystem::path selfDirectory() {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::filesystem::path() : self.parent_path();
}

bool isExecutable(const std::filesystem::path& path) { return !path.empty() && ::access(path.c_str(), X_OK) == 0; }

}  // namespace

std::filesystem::path findConsoleBinary(const std::string& given) {
  if (!given.empty()) return isExecutable(given) ? std::filesystem::path(given) : std::filesystem::path();
  const std::filesystem::path here = selfDirectory();
  for (const std::filesystem::path& candidate : {here / "archipelago", here / "../../gui/archipelago"}) {
    if (isExecutable(candidate)) return std::filesystem::weakly_canonical(candidate);
  }
  if (const char* path = std::getenv("PATH")) {
    const std::string folders = path;
    for (std::size_t start = 0; start <= folders.size();) {
      const std::size_t end = std::min(folders.find(':', start), folders.size());
      const std::filesystem::path candidate = std::filesystem::path(folders.substr(start, end - start)) / "archipelago";
      if (isExecutable(candidate)) return candidate;
      start = end + 1;
    }
  }
  return {};
}

int execConsole(const std::filesystem::path& console, const std::vector<std::string>& args, const std::string& what) {
  ::setenv("QT_QPA_PLATFORM", "offscreen", 0);
  std::vector<std::string> owned{console.string()};
  owned.insert(owned.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : owned) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::fflush(stdout);
  ::execv(console.c_str(), argv.data());
  fmt::print(stderr, "{}: cannot start {}: {}\n", what, console.string(), std::strerror(errno));
  return 1;
}

}  // namespace archi::cli
