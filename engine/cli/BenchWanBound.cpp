#include "cli/BenchWanBound.h"

#include "cli/BenchProject.h"

#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <thread>

#include "control/RunLauncher.h"
#include "core/DataLayout.h"
#include "core/ProjectJson.h"
#include "core/Resources.h"

namespace archi::cli {
namespace {

struct LossPoint {
  double real_s = 0.0;  // real-time equivalent since the run started
  double loss = 0.0;
};

struct WanBoundRun {
  RunSummary summary;
  std::vector<LossPoint> curve;
};

WanBoundRun runDilated(const Project& project, const GpuCatalog& catalog, const WanBoundOptions& options,
                       const std::map<std::string, double>& paces, bool shapeWan, std::int64_t tokens,
                       const std::filesystem::path& directory, const std::string& name) {
  LaunchOptions launch;
  launch.archi_binary = std::filesystem::read_symlink("/proc/self/exe");
  const DataLayout data(directory);
  launch.runs_directory = data.runsDirectory();
  launch.store_path = data.storePath();
  launch.pki_directory = data.pkiDirectory();
  launch.wan_emulation = shapeWan;
  launch.dilation = true;
  launch.dilation_stands_for_parameters = options.stands_for_parameters;
  launch.token_budget = tokens;
  launch.run_name = name;
  launch.emulation_paces = paces;
  RunLauncher launcher(project, catalog, launch, std::make_unique<LocalSpawner>(launch.archi_binary));
  launcher.start();
  while (launcher.poll()) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  WanBoundRun run{launcher.finish(), {}};
  if (run.summary.state != RunState::Completed) {
    throw std::runtime_error("run " + name + " ended " + toString(run.summary.state) +
                             (run.summary.failures.empty() ? std::string() : ": " + run.summary.failures.front()));
  }
  if (run.summary.dilation == 1.0) throw std::runtime_error("run " + name + " was not dilated: does the project emulate its devices?");
  RunStore store(launch.store_path, RunStore::Access::ReadOnly);
  const std::optional<RunRecord> record = store.findRun(run.summary.run_id);
  const double start_s = record ? record->started_at_s.value_or(record->created_at_s) : 0.0;
  for (const ValidationRecord& v : store.validation(run.summary.run_id)) {
    run.curve.push_back({(v.wall_time_s - start_s) / run.summary.dilation, v.loss});
  }
  std::sort(run.curve.begin(), run.curve.end(), [](const LossPoint& a, const LossPoint& b) { return a.real_s < b.real_s; });
  return run;
}

// Real-time-equivalent seconds at which the curve first reaches `loss` (linear between points); nullopt: never.
std::optional<double> timeToLoss(const std::vector<LossPoint>& curve, double loss) {
  for (std::size_t i = 0; i < curve.size(); ++i) {
    if (curve[i].loss > loss) continue;
    if (i == 0) return curve[0].real_s;
    const LossPoint& a = curve[i - 1];
    const LossPoint& b = curve[i];
    return a.real_s + (b.real_s - a.real_s) * (a.loss - loss) / std::max(1e-12, a.loss - b.loss);
  }
  return std::nullopt;
}

void printCurve(const char* mode, const WanBoundRun& run) {
  for (const LossPoint& p : run.curve) fmt::print("curve {} {:.2f} {:.4f}\n", mode, p.real_s, p.loss);
}

}  // namespace

void runWanBoundBench(const WanBoundOptions& options, CliContext& context) {
  const BenchProject bench = loadBenchProject(options.project, context);
  Project base = bench.project;
  for (WanLink& link : base.topology.links) {
    link.gbit = options.link_gbit;
    link.rtt_ms = options.link_rtt_ms;
  }
  std::filesystem::path directory = options.directory;
  if (directory.empty()) directory = std::filesystem::temp_directory_path() / ("archi-bench-wanbound-" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::map<std::string, double> paces = emulationPaces(base, bench.catalog, options.cpu_share);

  Project diloco = base;
  diloco.run.train.sync = SyncMode::DiLoCo;
  Project ddp = base;
  ddp.run.train.sync = SyncMode::Ddp;
  // ddp validates every inner_steps steps: every 5 gives its curve points (its steps do not depend on it).
  ddp.run.train.inner_steps = 5;

  const WanBoundRun dilocoWan = runDilated(diloco, bench.catalog, options, paces, true, options.diloco_tokens, directory, "wanbound-diloco");
  const RunSummary& first = dilocoWan.summary;
  fmt::print("{}\n", first.dilation_derivation);
  fmt::print("diloco under the WAN: {:.0f} tok/s wall, {:.0f} tok/s real-time equivalent, {:.1f} MB sent ({:.2f} GB real)\n",
             first.tokens_per_s, first.realTimeTokensPerSecond(), double(first.wan_bytes) / 1e6,
             double(first.wan_bytes) * first.dilation_bytes_factor / 1e9);
  const WanBoundRun ddpWan = runDilated(ddp, bench.catalog, options, paces, true, options.ddp_tokens, directory, "wanbound-ddp");
  fmt::print("ddp under the WAN: {:.0f} tok/s wall, {:.0f} tok/s real-time equivalent, {:.1f} MB sent ({:.2f} GB real)\n",
             ddpWan.summary.tokens_per_s, ddpWan.summary.realTimeTokensPerSecond(), double(ddpWan.summary.wan_bytes) / 1e6,
             double(ddpWan.summary.wan_bytes) * ddpWan.summary.dilation_bytes_factor / 1e9);
  // The same devices with the WAN unshaped (same paces, so the same d): what the WAN costs each mode.
  // Rates need no long runs: one DiLoCo round, a few ddp steps.
  const std::int64_t roundTokens = std::int64_t(diloco.run.train.batch_tokens) * diloco.run.train.inner_steps *
                                   std::int64_t(base.topology.datacenters.size());
  const WanBoundRun dilocoOpen = runDilated(diloco, bench.catalog, options, paces, false, std::max<std::int64_t>(roundTokens, 10'000), directory,
                                            "wanbound-diloco-nowan");
  const WanBoundRun ddpOpen = runDilated(ddp, bench.catalog, options, paces, false, std::max<std::int64_t>(options.ddp_tokens / 3, 10'000),
                                         directory, "wanbound-ddp-nowan");
  const double dilocoGoodput = first.tokens_per_s / std::max(1e-9, dilocoOpen.summary.tokens_per_s);
  const double ddpGoodput = ddpWan.summary.tokens_per_s / std::max(1e-9, ddpOpen.summary.tokens_per_s);

  printCurve("diloco", dilocoWan);
  printCurve("ddp", ddpWan);
  const double ddpFinal = ddpWan.summary.final_validation_loss.value_or(0.0);
  const std::optional<double> dilocoTime = timeToLoss(dilocoWan.curve, ddpFinal);
  const double ddpTime = ddpWan.curve.empty() ? 0.0 : ddpWan.curve.back().real_s;

  fmt::print("{}: links {:g} Gbit/s, {:g} ms RTT (real); dilated rehearsal ×{:.3g}, the {:.3g}-parameter model standing for "
             "{:.3g} parameters; devices emulated, paced to {:.0f}% of this CPU; figures in real-time equivalents\n",
             bench.file, options.link_gbit, options.link_rtt_ms, first.dilation, options.stands_for_parameters / first.dilation_bytes_factor,
             options.stands_for_parameters, 100.0 * options.cpu_share);
  fmt::print("RESULT wanbound_dilation {:.3g} x\n", first.dilation);
  fmt::print("RESULT wanbound_diloco_tokens_per_s {:.0f} tok/s\n", first.realTimeTokensPerSecond());
  fmt::print("RESULT wanbound_ddp_tokens_per_s {:.0f} tok/s\n", ddpWan.summary.realTimeTokensPerSecond());
  fmt::print("RESULT wanbound_diloco_goodput_ratio {:.3f}\n", dilocoGoodput);
  fmt::print("RESULT wanbound_ddp_goodput_ratio {:.3f}\n", ddpGoodput);
  if (dilocoTime && ddpTime > 0.0) {
    fmt::print("RESULT wanbound_time_to_ddp_loss_ratio {:.3f}\n", *dilocoTime / ddpTime);
  } else {
    fmt::print("RESULT wanbound_time_to_ddp_loss_ratio nan  (DiLoCo never reached ddp's final loss {:.4f})\n", ddpFinal);
  }
  fmt::print("RESULT wanbound_diloco_wan_bytes {:.0f} B (real equivalent {:.0f} B)\n", double(first.wan_bytes),
             double(first.wan_bytes) * first.dilation_bytes_factor);
  fmt::print("RESULT wanbound_ddp_wan_bytes {:.0f} B (real equivalent {:.0f} B)\n", double(ddpWan.summary.wan_bytes),
             double(ddpWan.summary.wan_bytes) * ddpWan.summary.dilation_bytes_factor);
  // The prediction check: the planner's real throughput per datacenter against the rehearsal's.
  double worst = 0.0;
  for (const DatacenterSummary& dc : first.datacenters) {
    const double measured = dc.tokens_per_s * first.dilation;
    const double error = dc.real_predicted_tokens_per_s > 0.0 ? 100.0 * (measured / dc.real_predicted_tokens_per_s - 1.0) : 0.0;
    fmt::print("prediction check {}: planner {:.0f} tok/s real, rehearsal {:.0f} tok/s real-time equivalent ({:+.1f}%)\n", dc.name,
               dc.real_predicted_tokens_per_s, measured, error);
    worst = std::max(worst, std::fabs(error));
  }
  fmt::print("RESULT planner_error_pct {:.1f}\n", worst);
  if (options.directory.empty()) std::filesystem::remove_all(directory);
}

}  // namespace archi::cli
