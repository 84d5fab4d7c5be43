#pragma once
// Finds and loads libarchipelago-cuda.so (docs/architecture.md#gpus). This module links no
// CUDA library and includes no CUDA header: the model and train side may link it freely, and a
// build or a node without CUDA only learns at the first GPU request that there is none.
//
// Lookup order: $ARCHIPELAGO_CUDA_PLUGIN, beside the running executable, ../lib/archipelago/
// relative to it, then the build tree's path baked in at configure time.

#include <filesystem>
#include <string>
#include <vector>

#include "cuda/CudaPlugin.h"

namespace archi::cuda {

// The loaded plugin's API. Throws std::runtime_error when the plugin file is missing ("this
// build has no CUDA backend …"), fails to load (naming dlerror()) or speaks another API version.
const PluginApi& cudaPlugin();

// True when cudaPlugin() would succeed (the plugin loads); says nothing about GPUs being present.
bool cudaPluginAvailable();

// The candidate paths in lookup order (for messages and tests).
std::vector<std::filesystem::path> cudaPluginCandidates();

}  // namespace archi::cuda
