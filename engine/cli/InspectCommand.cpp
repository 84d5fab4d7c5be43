// archi inspect FILE: what a project holds — datacenters, devices by type and vendor, peak
// compute and memory, WAN links, and the model to train.

#include <fmt/core.h>

#include <map>

#include "cli/CliContext.h"
#include "core/ModelMemory.h"
#include "core/ProjectJson.h"

namespace archi::cli {
namespace {

std::string formatBandwidth(double gbit) {
  if (gbit < 1.0) return fmt::format("{:.0f} Mbit/s", gbit * 1000.0);
  return fmt::format("{:g} Gbit/s", gbit);
}

struct TypeTotals {
  const GpuSpec* spec = nullptr;
  int count = 0;
  int emulated = 0;
};

void printSummary(const Project& project, const GpuCatalog& catalog) {
  const Topology& topology = project.topology;
  int nodes = 0;
  for (const Datacenter& dc : topology.datacenters) nodes += static_cast<int>(dc.nodes.size());
  fmt::print("Project \"{}\" (format {})\n", project.name, project.format);
  fmt::print("{} datacenter(s), {} node(s), {} device(s)\n\n", topology.datacenters.size(), nodes,
             topology.deviceCount());

  fmt::print("{:<12} {:<14} {:>5} {:>7} {:>12} {:>11}  {}\n", "Datacenter", "Region", "Nodes", "Devices",
             "Peak TFLOPS", "Memory GiB", "Devices");
  std::map<std::string, TypeTotals> byType;
  std::map<std::string, int> byVendor;
  double totalTflops = 0.0;
  double totalMemoryGiB = 0.0;
  int totalEmulated = 0;
  for (const Datacenter& dc : topology.datacenters) {
    double tflops = 0.0;
    double memory = 0.0;
    std::string list;
    for (const Node& node : dc.nodes) {
      for (const DeviceGroup& group : node.devices) {
        const GpuSpec* spec = catalog.find(group.type);
        TypeTotals& totals = byType[group.type];
        totals.spec = spec;
        totals.count += group.count;
        if (group.emulate) {
          totals.emulated += group.count;
          totalEmulated += group.count;
        }
        if (spec != nullptr) {
          tflops += spec->bf16_tflops * group.count;
          memory += spec->memory_gib * group.count;
          byVendor[spec->vendor] += group.count;
        }
        list += fmt::format("{}{}×{}{}", list.empty() ? "" : ", ", group.count, group.type,
                            group.emulate ? " (emulated)" : "");
      }
    }
    totalTflops += tflops;
    totalMemoryGiB += memory;
    fmt::print("{:<12} {:<14} {:>5} {:>7} {:>12.1f} {:>11.0f}  {}\n", dc.name, dc.region, dc.nodes.size(),
               dc.deviceCount(), tflops, memory, list);
  }

  fmt::print("\n{:<12} {:<8} {:>5} {:>9} {:>11} {:>10}  {}\n", "Type", "Vendor", "Count", "Emulated",
             "TFLOPS each", "GiB each", "Figures");
  for (const auto& [type, totals] : byType) {
    if (totals.spec == nullptr) {
      fmt::print("{:<12} {:<8} {:>5} {:>9}  (not in the GPU catalog)\n", type, "?", totals.count, totals.emulated);
      continue;
    }
    fmt::print("{:<12} {:<8} {:>5} {:>9} {:>11.1f} {:>10.0f}  {}\n", type, totals.spec->vendor, totals.count,
               totals.emulated, totals.spec->bf16_tflops, totals.spec->memory_gib,
               totals.spec->official ? "official" : "unofficial");
  }
  std::string vendors;
  for (const auto& [vendor, count] : byVendor) vendors += fmt::format("{}{} {}", vendors.empty() ? "" : ", ", vendor, count);
  fmt::print("\nBy vendor: {}\n", vendors.empty() ? "none" : vendors);
  fmt::print("Total: {} device(s){}, {:.1f} peak dense bf16 TFLOPS, {:.0f} GiB device memory\n",
             topology.deviceCount(), totalEmulated > 0 ? fmt::format(" ({} emulated)", totalEmulated) : "",
             totalTflops, totalMemoryGiB);

  fmt::print("\nWAN links ({}):\n", topology.links.size());
  for (const WanLink& link : topology.links) {
    const Datacenter* a = topology.findDatacenter(link.a);
    const Datacenter* b = topology.findDatacenter(link.b);
    fmt::print("  {} <-> {}  {}  RTT {:g} ms  loss {:g}%\n", a != nullptr ? a->name : link.a,
               b != nullptr ? b->name : link.b, formatBandwidth(link.gbit), link.rtt_ms, link.loss_pct);
  }

  const ModelConfig& m = project.run.model;
  const TrainConfig& t = project.run.train;
  fmt::print("\nModel: GPT, {} layers, {} heads, dim {}, context {}, vocab {}: {:.2f} M parameters, "
             "{:.2f} GiB training state per device\n",
             m.layers, m.heads, m.dim, m.context, m.vocab, double(parameterCount(m)) / 1e6,
             double(trainingBytesPerDevice(m)) / double(1 << 30));
  fmt::print("Training: {} sync, {} on the wire, {} inner steps per round, {:.2f} M tokens, {} tokens per step, "
             "corpus {}\n",
             toString(t.sync), toString(t.compression), t.inner_steps, double(t.tokens) / 1e6, t.batch_tokens,
             project.run.data.corpus);
}

}  // namespace

void registerInspectCommand(CLI::App& app, CliContext& context) {
  auto* command = app.add_subcommand("inspect", "Summarise a project: datacenters, devices, compute, links");
  auto file = std::make_shared<std::string>();
  command->add_option("FILE", *file, "project file (*.archipelago.json)")->required();
  command->callback([&context, file] {
    const auto loaded = context.loadProject(*file, stderr);
    if (!loaded) return;
    const ProjectLoad& load = loaded->load;
    if (!load.project) {
      context.exitCode = 1;
      return;
    }
    printSummary(*load.project, loaded->catalog);
    if (load.diagnostics.hasErrors()) context.exitCode = 1;
  });
}

}  // namespace archi::cli
