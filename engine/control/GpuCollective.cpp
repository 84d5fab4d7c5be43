#include "control/GpuCollective.h"

#include <fmt/core.h>

#include "comm/collective/CollectiveError.h"
#include "comm/gloo/RendezvousClient.h"

namespace archi {

std::string ncclUniqueIdKey(const WorkerSpec& spec) { return spec.run_id + "-" + spec.datacenter_id + "/nccl-unique-id"; }

std::unique_ptr<comm::Collective> makeGpuCollective(const WorkerSpec& spec, const comm::RendezvousSecret& secret,
                                                    const cuda::PluginApi& plugin, int device,
                                                    std::chrono::milliseconds rendezvousTimeout,
                                                    std::chrono::milliseconds operationTimeout) {
  cuda::NcclOptions options;
  options.device = device;
  options.rank = spec.rank;
  options.worldSize = spec.world_size;
  options.operationTimeout = operationTimeout;
  if (spec.world_size == 1) {
    options.uniqueId = plugin.makeNcclUniqueId();  // a datacenter of one has no store
    return plugin.makeNcclCollective(options);
  }
  comm::RendezvousClient store({spec.rendezvous.host, static_cast<std::uint16_t>(spec.rendezvous.port)}, secret,
                               rendezvousTimeout, rendezvousTimeout);
  const std::string key = ncclUniqueIdKey(spec);
  if (spec.isLeader()) {
    options.uniqueId = plugin.makeNcclUniqueId();
    store.set(key, std::vector<char>(options.uniqueId.begin(), options.uniqueId.end()));
  } else {
    const std::vector<char> id = store.get(key);  // waits for the leader to publish it
    options.uniqueId.assign(id.begin(), id.end());
  }
  return plugin.makeNcclCollective(options);
}

}  // namespace archi
