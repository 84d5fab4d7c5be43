#pragma once
// What the CUDA plugin's entry point (engine/cuda/CudaPlugin.h) offers of NCCL: a unique id
// for rank 0 to publish through the datacenter's rendezvous store, and the collective built
// from it. Only code inside libarchipelago-cuda.so calls these; everyone else goes through the
// plugin's PluginApi.

#include <memory>
#include <string>

#include "comm/collective/Collective.h"
#include "cuda/CudaPlugin.h"

namespace archi::cuda::nccl {

// An NcclCollective (also for a world of one: its buffers are on the device, which
// SoloCollective's host arithmetic cannot touch). Throws comm::CollectiveError.
std::unique_ptr<comm::Collective> makeCollective(const NcclOptions& options);

// ncclGetUniqueId's bytes (sizeof(ncclUniqueId)), to hand to every rank. Throws CollectiveError.
std::string makeUniqueId();

}  // namespace archi::cuda::nccl
