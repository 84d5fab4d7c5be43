#include "core/Resources.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "archipelago/BuildInfo.h"

namespace archi {

std::filesystem::path resourceDirectory() {
  if (const char* fromEnvironment = std::getenv("ARCHIPELAGO_RESOURCES");
      fromEnvironment != nullptr && *fromEnvironment != '\0') {
    return fromEnvironment;
  }
  std::error_code ignored;
  // Installed: PREFIX/bin/archi reads PREFIX/share/archipelago, wherever the prefix was moved
  // (a package unpacked elsewhere); then the prefix the build was configured with.
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ignored);
  if (!self.empty()) {
    const std::filesystem::path besideBinary = self.parent_path().parent_path() / "share" / "archipelago";
    if (std::filesystem::exists(besideBinary / "gpu-catalog.json", ignored)) return besideBinary;
  }
  const std::filesystem::path installed = build::kInstalledResourceDir;
  if (std::filesystem::exists(installed / "gpu-catalog.json", ignored)) return installed;
  return build::kSourceResourceDir;
}

std::string readTextFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot open " + path.string() + ": " + std::strerror(errno));
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) throw std::runtime_error("cannot read " + path.string() + ": " + std::strerror(errno));
  return contents.str();
}

std::string readTextFile(const std::filesystem::path& path, std::size_t maxBytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path.string() + ": " + std::strerror(errno));
  std::string text;
  char buffer[64 * 1024];
  while (text.size() <= maxBytes && in.read(buffer, sizeof buffer).gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw std::runtime_error("cannot read " + path.string() + ": " + std::strerror(errno));
  if (text.size() > maxBytes) {
    throw std::runtime_error(path.string() + " is larger than " + std::to_string(maxBytes) +
                             " bytes, the limit for this kind of file");
  }
  return text;
}

}  // namespace archi
