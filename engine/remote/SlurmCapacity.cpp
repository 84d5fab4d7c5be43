#include "remote/SlurmCapacity.h"

#include <algorithm>

#include <fmt/core.h>

namespace archi::remote {

SlurmDemand slurmDemandOf(const Datacenter& datacenter, const GpuCatalog& catalog) {
  SlurmDemand demand;
  for (const Node& node : datacenter.nodes) {
    for (const DeviceGroup& group : node.devices) {
      if (!group.enabled || group.count <= 0) continue;
      demand.tasks += group.count;
      const GpuSpec* spec = catalog.find(group.type);
      // Emulated devices compute on CPUs; so do devices no CUDA build can drive (Ascend, CPU):
      // only catalog types with a CUDA name get --gpus-per-task.
      if (!group.emulate && spec != nullptr && !spec->cuda_name.empty()) demand.gpus += group.count;
    }
  }
  demand.cpus = demand.tasks;
  return demand;
}

const SlurmPartition* findPartition(const std::vector<SlurmPartition>& partitions, const std::string& name) {
  const auto found = std::find_if(partitions.begin(), partitions.end(), [&](const SlurmPartition& p) { return p.name == name; });
  return found == partitions.end() ? nullptr : &*found;
}

std::vector<std::string> slurmShortfalls(const SlurmDemand& demand, const std::string& partition,
                                         const std::vector<SlurmPartition>& partitions) {
  const SlurmPartition* found = findPartition(partitions, partition);
  if (found == nullptr) {
    std::string names;
    for (const SlurmPartition& p : partitions) names += (names.empty() ? "" : ", ") + p.name;
    return {fmt::format("slurmrestd lists no partition '{}' (it has: {})", partition, names.empty() ? "none" : names)};
  }
  std::vector<std::string> out;
  if (found->state != "UP") out.push_back(fmt::format("partition {} is {}, not UP: the job would not start", partition, found->state));
  if (demand.cpus > found->free_cpus) {
    out.push_back(fmt::format("partition {} has {} CPU(s) free; this datacenter's job asks {} (one per device): it would wait",
                              partition, found->free_cpus, demand.cpus));
  }
  if (demand.gpus > found->free_gpus) {
    out.push_back(fmt::format("partition {} has {} GPU(s) free; this datacenter's job asks {} (one per CUDA device): it would wait",
                              partition, found->free_gpus, demand.gpus));
  }
  return out;
}

std::string describeFree(const SlurmPartition& partition) {
  return fmt::format("partition {} ({}): {} of {} node(s) idle, {} CPU(s) and {} GPU(s) free", partition.name,
                     partition.state.empty() ? "state unknown" : partition.state, partition.idle_nodes, partition.total_nodes,
                     partition.free_cpus, partition.free_gpus);
}

SlurmCapacity checkSlurmCapacity(const Datacenter& datacenter, const GpuCatalog& catalog, std::chrono::milliseconds requestLimit) {
  SlurmRestClient client(datacenter.launch, requestLimit);
  SlurmCapacity capacity;
  capacity.server = client.checkServer();
  capacity.partitions = client.partitions();
  capacity.partition_name = datacenter.launch.partition;
  capacity.demand = slurmDemandOf(datacenter, catalog);
  capacity.shortfalls = slurmShortfalls(capacity.demand, datacenter.launch.partition, capacity.partitions);
  return capacity;
}

}  // namespace archi::remote
