#include "comm/pki/PrivateDirectory.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "comm/pki/PkiError.h"

namespace archi::pki {

bool makePrivateDirectory(const std::filesystem::path& directory) {
  std::error_code error;
  const bool created = std::filesystem::create_directories(directory, error);
  if (error) throw PkiError(directory.string() + ": cannot create folder: " + error.message());
  if (created && ::chmod(directory.c_str(), 0700) != 0) {
    throw PkiError(directory.string() +
                   ": cannot restrict the folder to its owner: " + std::strerror(errno));
  }
  return created;
}

}  // namespace archi::pki
