#include "cuda/CudaPluginLoader.h"

#include <dlfcn.h>

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <system_error>

namespace archi::cuda {

namespace {

constexpr const char* kPluginFile = "libarchipelago-cuda.so";

std::filesystem::path executableDir() {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::filesystem::path() : self.parent_path();
}

// The outcome of the one load attempt of this process: the API, or why there is none.
struct LoadResult {
  const PluginApi* api = nullptr;
  std::string error;
};

LoadResult loadPlugin() {
  std::filesystem::path found;
  std::string looked;
  for (const std::filesystem::path& candidate : cudaPluginCandidates()) {
    looked += (looked.empty() ? "" : ", ") + candidate.string();
    if (std::filesystem::exists(candidate)) {
      found = candidate;
      break;
    }
  }
  if (found.empty())
    return {nullptr,
            "this build has no CUDA backend (configure with -DARCHIPELAGO_CUDA=ON on a machine with the CUDA toolkit); "
            "looked for " + std::string(kPluginFile) + " in: " + looked};
  // RTLD_LOCAL keeps the CUDA libraries' symbols out of the global namespace; RTLD_NOW reports
  // a missing libcudart or libnccl here rather than at the first call.
  void* handle = dlopen(found.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    return {nullptr, "cannot load the CUDA plugin " + found.string() + ": " + (why != nullptr ? why : "unknown error")};
  }
  using Entry = const PluginApi* (*)();
  auto entry = reinterpret_cast<Entry>(dlsym(handle, "archipelago_cuda_plugin"));
  if (entry == nullptr)
    return {nullptr, "the CUDA plugin " + found.string() + " has no entry point archipelago_cuda_plugin"};
  const PluginApi* api = entry();
  if (api == nullptr || api->apiVersion != kPluginApiVersion)
    return {nullptr, "the CUDA plugin " + found.string() + " speaks API version " +
                         std::to_string(api != nullptr ? api->apiVersion : 0) + ", this program " +
                         std::to_string(kPluginApiVersion) + " (rebuild them together)"};
  return {api, {}};
}

}  // namespace

std::vector<std::filesystem::path> cudaPluginCandidates() {
  std::vector<std::filesystem::path> paths;
  if (const char* fromEnv = std::getenv("ARCHIPELAGO_CUDA_PLUGIN"); fromEnv != nullptr && *fromEnv != '\0')
    paths.emplace_back(fromEnv);
  if (const std::filesystem::path dir = executableDir(); !dir.empty()) {
    paths.push_back(dir / kPluginFile);
    paths.push_back(dir / ".." / "lib" / "archipelago" / kPluginFile);
  }
#ifdef ARCHIPELAGO_CUDA_PLUGIN_BUILD_PATH
  paths.emplace_back(ARCHIPELAGO_CUDA_PLUGIN_BUILD_PATH);
#endif
  return paths;
}

namespace {
// The one load attempt, made on first use. This is the only process-wide state: a loaded
// shared library cannot be meaningfully "owned" by a caller, because backends and collectives
// it created may outlive any owner, so the handle is kept and never dlclose()d.
const LoadResult& loaded() {
  static const LoadResult result = loadPlugin();
  return result;
}
}  // namespace

const PluginApi& cudaPlugin() {
  const LoadResult& result = loaded();
  if (result.api == nullptr) throw std::runtime_error(result.error);
  return *result.api;
}

bool cudaPluginAvailable() { return loaded().api != nullptr; }

}  // namespace archi::cuda
