// archi slurm status PROJECT: for each datacenter the project launches through Slurm, what its
// slurmrestd says — API version and Slurm release, partitions with their free nodes, CPUs and
// GPUs (what a plan can really use now), and the jobs of `--run RUN` if given. Exit 1 when a
// server cannot be used (the SlurmError says why).

#include <fmt/core.h>

#include "cli/CliContext.h"
#include "core/ProjectJson.h"
#include "remote/SlurmCapacity.h"
#include "remote/SlurmRest.h"
#include "remote/SlurmSpawner.h"

namespace archi::cli {
namespace {

bool showDatacenter(const Datacenter& dc, const GpuCatalog& catalog) {
  try {
    remote::SlurmRestClient client(dc.launch);
    const remote::SlurmServerInfo info = client.checkServer();
    fmt::print("{} ({}): {} — Slurm {}, REST API {}, partition {}{}\n", dc.name, dc.id, dc.launch.url,
               info.slurm_release.empty() ? "?" : info.slurm_release, info.api_version, dc.launch.partition,
               dc.launch.account.empty() ? "" : ", account " + dc.launch.account);
    fmt::print("  {:<14} {:<6} {:>6} {:>6} {:>10} {:>10}\n", "Partition", "State", "Nodes", "Idle", "Free CPUs", "Free GPUs");
    bool found = false;
    const std::vector<remote::SlurmPartition> partitions = client.partitions();
    for (const remote::SlurmPartition& p : partitions) {
      found = found || p.name == dc.launch.partition;
      fmt::print("  {:<14} {:<6} {:>6} {:>6} {:>10} {:>10}{}\n", p.name, p.state, p.total_nodes, p.idle_nodes, p.free_cpus, p.free_gpus,
                 p.name == dc.launch.partition ? "  <- this datacenter's" : "");
    }
    if (!found) {
      fmt::print(stderr, "archi slurm status: {}: slurmrestd lists no partition '{}'\n", dc.id, dc.launch.partition);
      return false;
    }
    // What this datacenter's job will ask against what is free now (a job asking more waits).
    const remote::SlurmDemand demand = remote::slurmDemandOf(dc, catalog);
    const std::vector<std::string> shortfalls = remote::slurmShortfalls(demand, dc.launch.partition, partitions);
    fmt::print("  this datacenter's job asks {} task(s), {} CPU(s), {} GPU(s): {}\n", demand.tasks, demand.cpus, demand.gpus,
               shortfalls.empty() ? "free now" : "more than is free now");
    for (const std::string& shortfall : shortfalls) fmt::print("  ! {}\n", shortfall);
    return true;
  } catch (const remote::SlurmError& e) {
    fmt::print(stderr, "archi slurm status: {}: {}\n", dc.id, e.what());
    return false;
  }
}

}  // namespace

void registerSlurmCommand(CLI::App& app, CliContext& context) {
  auto* slurm = app.add_subcommand("slurm", "Datacenters that run Slurm (slurmrestd v0.0.38)");
  slurm->require_subcommand(1);
  auto* status = slurm->add_subcommand("status", "What each Slurm datacenter's slurmrestd reports: version, partitions, free GPUs");
  auto file = std::make_shared<std::string>();
  status->add_option("PROJECT", *file, "project file (*.archipelago.json)")->required();
  status->callback([&context, file] {
    const auto loaded = context.loadProject(*file, stderr);
    if (!loaded || !loaded->load.ok()) {
      context.exitCode = loaded ? 1 : 2;
      return;
    }
    const std::vector<Datacenter> datacenters = remote::slurmDatacenters(*loaded->load.project);
    if (datacenters.empty()) {
      fmt::print("{}: no datacenter is launched through Slurm\n", *file);
      return;
    }
    for (const Datacenter& dc : datacenters) {
      if (!showDatacenter(dc, loaded->catalog)) context.exitCode = 1;
    }
  });
}

}  // namespace archi::cli
