#pragma once
// The datacenter group of GPU workers (docs/architecture.md#gpus): NCCL through the CUDA
// plugin, its unique id exchanged through the datacenter's rendezvous store — rank 0 makes it
// and publishes it, the others read it (waiting up to the deadline while rank 0 starts).

#include <chrono>
#include <memory>
#include <string>

#include "comm/collective/Collective.h"
#include "comm/gloo/RendezvousSecret.h"
#include "control/WorkerSpec.h"
#include "cuda/CudaPlugin.h"

namespace archi {

// The store key of a datacenter's NCCL unique id (one per run and datacenter).
std::string ncclUniqueIdKey(const WorkerSpec& spec);

// Forms the NCCL group of `spec`'s datacenter on CUDA device `device`. Throws
// comm::CollectiveError (Rendezvous, Timeout, PeerFailure) or RendezvousError.
std::unique_ptr<comm::Collective> makeGpuCollective(const WorkerSpec& spec, const comm::RendezvousSecret& secret,
                                                    const cuda::PluginApi& plugin, int device,
                                                    std::chrono::milliseconds rendezvousTimeout,
                                                    std::chrono::milliseconds operationTimeout);

}  // namespace archi
