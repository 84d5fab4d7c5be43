// archi plan FILE: the heterogeneity-aware plan as a table — shares per device, steps per
// round per datacenter, WAN bytes and time, predicted tokens/s against the ideal.

#include <fmt/core.h>

#include "cli/CliContext.h"
#include "core/DataLayout.h"
#include "core/ProjectJson.h"
#include "plan/PlanJson.h"
#include "plan/Planner.h"
#include "control/RunLauncher.h"

namespace archi::cli {
namespace {

std::string humanBytes(double bytes) {
  if (bytes >= 1e9) return fmt::format("{:.2f} GB", bytes / 1e9);
  if (bytes >= 1e6) return fmt::format("{:.2f} MB", bytes / 1e6);
  return fmt::format("{:.1f} kB", bytes / 1e3);
}

void printPlan(const Project& project, const Plan& plan) {
  fmt::print("Plan for \"{}\" — model {} ({:.2f} M parameters)\n", project.name, plan.model_key, double(plan.parameters) / 1e6);
  fmt::print("Sync: {} (links call for {}), {} on the wire, H = {} inner steps (recommended {}), outer lr {} / momentum {}\n\n",
             toString(plan.sync), toString(plan.recommended_sync), toString(plan.compression), plan.inner_steps,
             plan.recommended_inner_steps, plan.outer_lr, plan.outer_momentum);
  fmt::print("{:<28} {:<12} {:>9} {:>10} {:>9} {:>8} {:>11}\n", "Device", "Type", "Speed", "Source", "Seq/step", "Max seq",
             "Compute ms");
  for (const DatacenterPlan& dc : plan.datacenters) {
    for (const DevicePlan& d : dc.devices) {
      fmt::print("{:<28} {:<12} {:>9.0f} {:>10} {:>9} {:>8} {:>11.1f}{}\n", d.device.id, d.device.type, d.tokens_per_s,
                 d.source == ProfileSource::Measured ? "measured" : "catalog", d.sequences_per_step, d.max_sequences,
                 d.compute_ms, d.device.emulated ? "  emulated" : (d.excluded ? "  left out" : ""));
    }
  }
  fmt::print("\n{:<12} {:>8} {:>10} {:>9} {:>9} {:>12} {:>12} {:>10}\n", "Datacenter", "Seq/step", "Compute ms", "Intra ms",
             "Step ms", "Steps/round", "Standalone", "Predicted");
  for (const DatacenterPlan& dc : plan.datacenters) {
    fmt::print("{:<12} {:>8} {:>10.1f} {:>9.2f} {:>9.1f} {:>12} {:>12.0f} {:>10.0f}\n", dc.name, dc.sequences_per_step,
               dc.compute_ms, dc.intra_allreduce_ms, dc.step_ms, dc.inner_steps_per_round, dc.standalone_tokens_per_s,
               dc.tokens_per_s);
  }
  fmt::print("\nWAN: {} leaders, bottleneck {:g} Gbit/s, RTT up to {:g} ms, {} stream(s) per link\n", plan.wan.leaders,
             plan.wan.bottleneck_gbit, plan.wan.max_rtt_ms, plan.wan.streams_per_link);
  fmt::print("     {} per leader per {}, all-reduce {:.0f} ms, broadcast {:.1f} ms; round {:.0f} ms, WAN share {:.1f}%\n",
             humanBytes(plan.wan.bytes_per_round), plan.sync == SyncMode::Ddp ? "step" : "round", plan.wan.allreduce_ms,
             plan.wan.broadcast_ms, plan.round_ms, plan.comm_share * 100.0);
  fmt::print("Predicted: {:.0f} tok/s of an ideal {:.0f} tok/s (sum of standalone speeds): efficiency {:.1f}%\n",
             plan.predicted_tokens_per_s, plan.ideal_tokens_per_s, plan.efficiency * 100.0);
  for (const Diagnostic& w : plan.warnings.all()) fmt::print("warning: {}: {}\n", w.pointer, w.message);
}

}  // namespace

void registerPlanCommand(CLI::App& app, CliContext& context) {
  auto* command = app.add_subcommand("plan", "Plan a project's run: device shares, rounds, WAN cost, predicted speed");
  auto file = std::make_shared<std::string>();
  auto asJson = std::make_shared<bool>(false);
  command->add_option("FILE", *file, "project file (*.archipelago.json)")->required();
  command->add_flag("--json", *asJson, "print the plan as JSON");
  command->callback([&context, file, asJson] {
    const auto loaded = context.loadProject(*file, stderr);
    if (!loaded) return;
    const ProjectLoad& load = loaded->load;
    if (!load.ok()) {
      context.exitCode = 1;
      return;
    }
    // What `archi run --local` will follow: emulated paces of this machine, measured profiles.
    const Plan plan = planLocalRun(*load.project, loaded->catalog, DataLayout::fromEnvironment().storePath());
    if (*asJson) {
      fmt::print("{}\n", planToJson(plan).dump(2));
    } else {
      printPlan(*load.project, plan);
    }
  });
}

}  // namespace archi::cli
