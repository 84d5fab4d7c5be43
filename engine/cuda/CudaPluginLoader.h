#pragma once
// Finds and loads the CUDA plugin (libarchipelago-cuda.so) on first use, so that nothing but
// that plugin links CUDA (docs/architecture.md#gpus). No CUDA header is needed to use this.
// Lookup order: $ARCHIPELAGO_CUDA_PLUGIN, beside the running executable,
// ../lib/archipelago/ from it, then the build tree's copy (baked in at configure time).

#include "cuda/CudaPlugin.h"

namespace archi::cuda {

// The loaded plugin's API. Throws std::runtime_error when this build has no plugin or it fails
// to load (naming dlerror()), or when its API version differs from this program's.
const PluginApi& cudaPlugin();
bool cudaPluginAvailable();

}  // namespace archi::cuda
