#pragma once
// Before a launch (issue 17 item 4): does a Slurm datacenter's partition have free, now, what
// the datacenter's job will ask for? The job asks one task per enabled device, a CPU per task,
// and a GPU per task for devices that compute on a CUDA GPU (SlurmSpawner's request); the
// partition's free nodes, CPUs and GPUs come from slurmrestd's /nodes and /partitions. A job
// that asks more than is free does not fail: it waits (PENDING, reason Resources) until the
// spawner's pending deadline. Saying so before the launch lets the operator change the plan.

#include <chrono>
#include <string>
#include <vector>

#include "core/GpuCatalog.h"
#include "core/Topology.h"
#include "remote/SlurmRest.h"

namespace archi::remote {

struct SlurmDemand {
  int tasks = 0;  // one per enabled device
  int cpus = 0;   // one per task (threads per worker are the plan's; one is the floor)
  int gpus = 0;   // one per task on a CUDA device (catalog cuda_name) that is not emulated
};

SlurmDemand slurmDemandOf(const Datacenter& datacenter, const GpuCatalog& catalog);

// The partition called `name` among `partitions`; nullptr when slurmrestd does not list it.
const SlurmPartition* findPartition(const std::vector<SlurmPartition>& partitions, const std::string& name);

// One sentence per thing the partition lacks now; empty when the job would start at once.
// `partitions` as slurmrestd lists them; the datacenter's own is found by name.
std::vector<std::string> slurmShortfalls(const SlurmDemand& demand, const std::string& partition,
                                         const std::vector<SlurmPartition>& partitions);

// "partition gpu (UP): 2 of 3 nodes idle, 40 CPUs and 6 GPUs free"
std::string describeFree(const SlurmPartition& partition);

struct SlurmCapacity {
  SlurmServerInfo server;
  std::vector<SlurmPartition> partitions;  // every partition slurmrestd lists
  std::string partition_name;              // the datacenter's
  SlurmDemand demand;
  std::vector<std::string> shortfalls;

  // The datacenter's partition; nullptr when slurmrestd does not list it.
  const SlurmPartition* partition() const { return findPartition(partitions, partition_name); }
};

// Asks the datacenter's slurmrestd (version check, nodes, partitions), each request within
// `requestLimit`. Throws SlurmError when the server cannot be used.
SlurmCapacity checkSlurmCapacity(const Datacenter& datacenter, const GpuCatalog& catalog,
                                 std::chrono::milliseconds requestLimit = std::chrono::seconds(5));

}  // namespace archi::remote
