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
    // The same check the console's node cards make, with the CLI's longer request limit.
    const remote::SlurmCapacity capacity = remote::checkSlurmCapacity(dc, catalog, std::chrono::seconds(10));
    const remote::SlurmServerInfo& info = capacity.server;
    fmt::print("{} ({}): {} — Slurm {}, REST API {}, partition {}{}\n", dc.name, dc.id, dc.launch.url,
               info.slurm_release.empty() ? "?" : info.slurm_release, info.api_version, dc.launch.partition,
               dc.launch.account.empty() ? "" : ", account " + dc.launch.account);
    fmt::print("  {:<14} {:<6} {:>6} {:>6} {:>10} {:>10}\n", "Partition", "State", "Nodes", "Idle", "Free CPUs", "Free GPUs");
    for (const remote::SlurmPartition& p : capacity.partitions) {
      fmt::print("  {:<14} {:<6} {:>6} {:>6} {:>10} {:>10}{}\n", p.name, p.state, p.total_nodes, p.idle_nodes, p.free_cpus, p.free_gpus,
                 p.name == dc.launch.partition ? "  <- this datacenter's" : "");
    }
    if (capacity.partition() == nullptr) {
      fmt::print(stderr, "archi slurm status: {}: slurmrestd lists no partition '{}'\n", dc.id, dc.launch.partition);
      return false;
    }
    // What this datacenter's job will ask against what is free now (a job asking more waits).
    const remote::SlurmDemand& demand = capacity.demand;
    fmt::print("  this datacenter's job asks {} task(s), {} CPU(s), {} GPU(s): {}\n", demand.tasks, demand.cpus, demand.gpus,
               capacity.shortfalls.empty() ? "free now" : "more than is free now");
    for (const std::string& shortfall : capacity.shortfalls) fmt::print("  ! {}\n", shortfall);
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
