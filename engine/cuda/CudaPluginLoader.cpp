#include "cuda/CudaPluginLoader.h"

#include <dlfcn.h>
#include <fmt/core.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace archi::cuda {
namespace {

constexpr const char* kPluginFile = "libarchipelago-cuda.so";

std::vector<std::filesystem::path> candidates() {
  std::vector<std::filesystem::path> paths;
  if (const char* chosen = std::getenv("ARCHIPELAGO_CUDA_PLUGIN"); chosen != nullptr && *chosen != '\0') {
    paths.emplace_back(chosen);
    return paths;  // an explicit choice is never silently replaced by another copy
  }
  std::error_code error;
  const std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    paths.push_back(executable.parent_path() / kPluginFile);
    paths.push_back(executable.parent_path() / ".." / "lib" / "archipelago" / kPluginFile);
  }
#ifdef ARCHIPELAGO_CUDA_PLUGIN_BUILD_PATH
  paths.emplace_back(ARCHIPELAGO_CUDA_PLUGIN_BUILD_PATH);
#endif
  return paths;
}

struct Loaded {
  const PluginApi* api = nullptr;
  std::string error;
};

Loaded load() {
  std::string tried;
  for (const std::filesystem::path& path : candidates()) {
    std::error_code error;
    if (!std::filesystem::exists(path, error)) {
      tried += (tried.empty() ? "" : ", ") + path.string();
      continue;
    }
    // Never closed: the plugin's code backs objects (backends, collectives) that may live
    // until the process exits.
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) return {nullptr, fmt::format("the CUDA plugin {} failed to load: {}", path.string(), ::dlerror())};
    using Entry = const PluginApi* (*)();
    auto entry = reinterpret_cast<Entry>(::dlsym(handle, "archipelago_cuda_plugin"));
    if (entry == nullptr) return {nullptr, fmt::format("the CUDA plugin {} has no entry point: {}", path.string(), ::dlerror())};
    const PluginApi* api = entry();
    if (api == nullptr || api->apiVersion != kPluginApiVersion) {
      return {nullptr, fmt::format("the CUDA plugin {} speaks API version {}, this program {} (mixed installations?)",
                                   path.string(), api == nullptr ? -1 : api->apiVersion, kPluginApiVersion)};
    }
    return {api, {}};
  }
  return {nullptr, fmt::format("this build has no CUDA backend (configure with -DARCHIPELAGO_CUDA=ON on a machine with the "
                               "CUDA toolkit); looked for {}",
                               tried)};
}

const Loaded& loaded() {
  // Loaded once per process and never unloaded (see load()); immutable after initialisation.
  static const Loaded plugin = load();
  return plugin;
}

}  // namespace

const PluginApi& cudaPlugin() {
  const Loaded& plugin = loaded();
  if (plugin.api == nullptr) throw std::runtime_error(plugin.error);
  return *plugin.api;
}

bool cudaPluginAvailable() { return loaded().api != nullptr; }

}  // namespace archi::cuda
