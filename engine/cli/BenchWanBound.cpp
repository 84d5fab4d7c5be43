#include "cli/BenchWanBound.h"

#include "cli/BenchProject.h"

#include <fmt/core.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <thread>

#include "cli/BenchStats.h"
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

// Where a DiLoCo round's time goes, from the first datacenter's outer-round records, in
// real-time equivalents: the span between consecutive rounds' ends, and the outer all-reduce's
// time, fastest leader (the transfer itself) and slowest (the transfer plus waiting for the
// last datacenter to finish its inner steps).
struct RoundBreakdown {
  int rounds = 0;
  double round_s = 0.0;           // mean span of a round after the first
  double allreduce_min_s = 0.0;   // mean over rounds of the shortest leader's all-reduce
  double allreduce_max_s = 0.0;   // ... and the longest's
};

struct WanBoundRun {
  RunSummary summary;
  std::vector<LossPoint> curve;
  RoundBreakdown rounds;
};

RoundBreakdown roundBreakdown(const std::vector<OuterRound>& records, double dilation) {
  std::map<std::int64_t, std::vector<const OuterRound*>> byRound;
  for (const OuterRound& r : records) byRound[r.round].push_back(&r);
  RoundBreakdown out;
  double previousEnd_s = 0.0;
  int spans = 0;
  for (const auto& [round, leaders] : byRound) {
    double end_s = 0.0;
    double shortest_ms = leaders.front()->duration_ms;
    double longest_ms = 0.0;
    for (const OuterRound* r : leaders) {
      end_s = std::max(end_s, r->wall_time_s);
      shortest_ms = std::min(shortest_ms, r->duration_ms);
      longest_ms = std::max(longest_ms, r->duration_ms);
    }
    if (out.rounds > 0) {
      out.round_s += end_s - previousEnd_s;
      ++spans;
    }
    previousEnd_s = end_s;
    out.allreduce_min_s += shortest_ms / 1e3;
    out.allreduce_max_s += longest_ms / 1e3;
    ++out.rounds;
  }
  if (spans > 0) out.round_s /= spans * dilation;
  if (out.rounds > 0) {
    out.allreduce_min_s /= out.rounds * dilation;
    out.allreduce_max_s /= out.rounds * dilation;
  }
  return out;
}

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
  WanBoundRun run{launcher.finish(), {}, {}};
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
  run.rounds = roundBreakdown(store.outerRounds(run.summary.run_id), run.summary.dilation);
  return run;
}

// Real-time-equivalent seconds of the first validation at or below `loss`; nullopt: never. No
// interpolation between points: DiLoCo's global model changes only when a round ends, so between
// two validations it is the earlier one's model (a line drawn between them would credit DiLoCo
// with a model it did not have yet).
std::optional<double> timeToLoss(const std::vector<LossPoint>& curve, double loss) {
  for (const LossPoint& point : curve) {
    if (point.loss <= loss) return point.real_s;
  }
  return std::nullopt;
}

void printCurve(const char* mode, const WanBoundRun& run) {
  for (const LossPoint& p : run.curve) fmt::print("curve {} {:.2f} {:.4f}\n", mode, p.real_s, p.loss);
}

// One repetition: DiLoCo and ddp under the WAN, then each with the WAN unshaped (same paces, same d).
struct Repetition {
  WanBoundRun diloco;
  WanBoundRun ddp;
  double diloco_open_tokens_per_s = 0.0;  // wall clock, WAN unshaped
  double ddp_open_tokens_per_s = 0.0;
  double diloco_goodput = 0.0;            // shaped ÷ unshaped tokens/s
  double ddp_goodput = 0.0;
  std::optional<double> time_ratio;       // DiLoCo's time to ddp's final loss ÷ ddp's time
  double ddp_final_loss = 0.0;
  double planner_error_pct = 0.0;         // worst datacenter
};

Repetition runRepetition(int index, const Project& diloco, const Project& ddp, const BenchProject& bench, const WanBoundOptions& options,
                         const std::map<std::string, double>& paces, std::int64_t dilocoTokens, std::int64_t ddpTokens,
                         const std::filesystem::path& directory) {
  Repetition rep;
  const std::string suffix = fmt::format("-{}", index + 1);
  rep.diloco = runDilated(diloco, bench.catalog, options, paces, true, dilocoTokens, directory, "wanbound-diloco" + suffix);
  const RunSummary& d = rep.diloco.summary;
  if (index == 0) fmt::print("{}\n", d.dilation_derivation);
  fmt::print("run {} diloco under the WAN: {:.0f} tok/s wall, {:.0f} tok/s real-time equivalent, {:.1f} MB sent ({:.2f} GB real)\n",
             index + 1, d.tokens_per_s, d.realTimeTokensPerSecond(), double(d.wan_bytes) / 1e6,
             double(d.wan_bytes) * d.dilation_bytes_factor / 1e9);
  const RoundBreakdown& b = rep.diloco.rounds;
  if (b.rounds > 1) {
    fmt::print("run {} diloco rounds (real-time equivalent): {} rounds of {:.2f} s; outer all-reduce {:.3f} s at the first leader to "
               "finish its inner steps ({:.1f}% of a round), {:.3f} s at the last\n",
               index + 1, b.rounds, b.round_s, b.allreduce_max_s, 100.0 * b.allreduce_max_s / std::max(1e-9, b.round_s), b.allreduce_min_s);
  }
  rep.ddp = runDilated(ddp, bench.catalog, options, paces, true, ddpTokens, directory, "wanbound-ddp" + suffix);
  const RunSummary& p = rep.ddp.summary;
  fmt::print("run {} ddp under the WAN: {:.0f} tok/s wall, {:.0f} tok/s real-time equivalent, {:.1f} MB sent ({:.2f} GB real)\n", index + 1,
             p.tokens_per_s, p.realTimeTokensPerSecond(), double(p.wan_bytes) / 1e6, double(p.wan_bytes) * p.dilation_bytes_factor / 1e9);
  // The same devices with the WAN unshaped: what the WAN costs each mode. DiLoCo's run is the
  // same length (the same rounds, so the same share of start-up and validation in its span);
  // ddp's steps are all alike, a third of its budget gives its rate (its start-up weighs more
  // there, which can only flatter ddp's goodput).
  rep.diloco_open_tokens_per_s =
      runDilated(diloco, bench.catalog, options, paces, false, dilocoTokens, directory, "wanbound-diloco-nowan" + suffix).summary.tokens_per_s;
  rep.ddp_open_tokens_per_s = runDilated(ddp, bench.catalog, options, paces, false, std::max<std::int64_t>(ddpTokens / 3, 10'000), directory,
                                         "wanbound-ddp-nowan" + suffix)
                                  .summary.tokens_per_s;
  rep.diloco_goodput = d.tokens_per_s / std::max(1e-9, rep.diloco_open_tokens_per_s);
  rep.ddp_goodput = p.tokens_per_s / std::max(1e-9, rep.ddp_open_tokens_per_s);
  rep.ddp_final_loss = p.final_validation_loss.value_or(0.0);
  const std::optional<double> dilocoTime = timeToLoss(rep.diloco.curve, rep.ddp_final_loss);
  const double ddpTime = rep.ddp.curve.empty() ? 0.0 : rep.ddp.curve.back().real_s;
  if (dilocoTime && ddpTime > 0.0) rep.time_ratio = *dilocoTime / ddpTime;
  // The prediction check: the planner's real throughput per datacenter against the rehearsal's.
  for (const DatacenterSummary& dc : d.datacenters) {
    const double measured = dc.tokens_per_s * d.dilation;
    const double error = dc.real_predicted_tokens_per_s > 0.0 ? 100.0 * (measured / dc.real_predicted_tokens_per_s - 1.0) : 0.0;
    fmt::print("run {} prediction check {}: planner {:.0f} tok/s real, rehearsal {:.0f} tok/s real-time equivalent ({:+.1f}%)\n", index + 1,
               dc.name, dc.real_predicted_tokens_per_s, measured, error);
    rep.planner_error_pct = std::max(rep.planner_error_pct, std::fabs(error));
  }
  fmt::print("run {}: diloco goodput {:.3f} ({:.0f} ÷ {:.0f} tok/s wall), ddp goodput {:.3f} ({:.0f} ÷ {:.0f}), time to ddp's loss {:.4f}: "
             "{}\n",
             index + 1, rep.diloco_goodput, d.tokens_per_s, rep.diloco_open_tokens_per_s, rep.ddp_goodput, p.tokens_per_s,
             rep.ddp_open_tokens_per_s, rep.ddp_final_loss, rep.time_ratio ? fmt::format("{:.3f}", *rep.time_ratio) : std::string("never"));
  return rep;
}

// One headline figure as `RESULT <name> <median> <unit>`, parseable as such, with each
// repetition's value on a line of its own below it.
void printResult(const char* name, const char* unit, const std::vector<Repetition>& reps,
                 const std::function<double(const Repetition&)>& field, const char* format) {
  std::vector<double> values;
  std::string each;
  for (const Repetition& rep : reps) {
    values.push_back(field(rep));
    each += " " + fmt::format(fmt::runtime(format), values.back());
  }
  const std::string value = fmt::format(fmt::runtime(format), median(values));
  fmt::print("RESULT {} {}{}{}\n", name, value, *unit != '\0' ? " " : "", unit);
  if (reps.size() > 1) fmt::print("  {} of each run:{}\n", name, each);
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
  // H: the planner's recommendation for these links (the smallest H that keeps the WAN under
  // PlanOptions::max_comm_share of a round), unless given. The plan is the one the runs make.
  const Plan planned = planDilatedRun(diloco, bench.catalog, ProfileBook{}, paces, options.stands_for_parameters);
  diloco.run.train.inner_steps = options.inner_steps > 0 ? options.inner_steps : planned.recommended_inner_steps;
  if (options.inner_steps > 0) {
    fmt::print("DiLoCo H = {} (given; the planner recommends {} for these links)\n", diloco.run.train.inner_steps,
               planned.recommended_inner_steps);
  } else {
    fmt::print("DiLoCo H = {}: the planner's recommendation for these links, the smallest H whose outer exchange ({:.3f} s real: "
               "all-reduce of {:.3g} B per leader, exchange, broadcast) stays under {:.0f}% of a round\n",
               diloco.run.train.inner_steps,
               (planned.wan.allreduce_ms + planned.wan.exchange_ms + planned.wan.broadcast_ms) / 1e3 / planned.dilation,
               planned.wan.bytes_per_round * planned.dilation_bytes_factor, 100.0 * PlanOptions{}.max_comm_share);
  }
  // A round's tokens at H steps of every datacenter (time-boxed rounds give the slower ones fewer
  // steps, so twice this takes about three rounds: two outer exchanges inside the measured span).
  const std::int64_t roundTokens =
      std::int64_t(diloco.run.train.batch_tokens) * diloco.run.train.inner_steps * std::int64_t(base.topology.datacenters.size());
  const std::int64_t dilocoTokens = options.diloco_tokens > 0 ? options.diloco_tokens : 2 * roundTokens;
  // ddp's budget: one DiLoCo round's tokens, H steps of the three datacenters' batch. Its final
  // loss is the bar DiLoCo must reach, so ddp gets as many steps as DiLoCo's first round has.
  const std::int64_t ddpTokens = options.ddp_tokens > 0 ? options.ddp_tokens : roundTokens;
  Project ddp = base;
  ddp.run.train.sync = SyncMode::Ddp;
  // ddp validates every inner_steps steps: every 5 gives its curve points (its steps do not depend on it).
  ddp.run.train.inner_steps = 5;

  const auto began = std::chrono::steady_clock::now();
  std::vector<Repetition> reps;
  for (int i = 0; i < options.runs; ++i) reps.push_back(runRepetition(i, diloco, ddp, bench, options, paces, dilocoTokens, ddpTokens, directory));
  const double minutes = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count() / 60.0;

  // The representative run for the curves: the one whose DiLoCo goodput is the median.
  std::vector<std::size_t> order(reps.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return reps[a].diloco_goodput < reps[b].diloco_goodput; });
  const Repetition& typical = reps[order[(order.size() - 1) / 2]];
  printCurve("diloco", typical.diloco);
  printCurve("ddp", typical.ddp);

  const RunSummary& first = reps.front().diloco.summary;
  fmt::print("{}: links {:g} Gbit/s, {:g} ms RTT (real); dilated rehearsal ×{:.3g}, the {:.3g}-parameter model standing for "
             "{:.3g} parameters; DiLoCo H = {}, {} tokens, ddp {} tokens; devices emulated, paced to {:.0f}% of this CPU; figures in "
             "real-time equivalents; median of {} runs ({:.1f} min), curves from run {}\n",
             bench.file, options.link_gbit, options.link_rtt_ms, first.dilation, options.stands_for_parameters / first.dilation_bytes_factor,
             options.stands_for_parameters, diloco.run.train.inner_steps, dilocoTokens, ddpTokens, 100.0 * options.cpu_share,
             reps.size(), minutes, order[(order.size() - 1) / 2] + 1);
  printResult("wanbound_dilation", "x", reps, [](const Repetition& r) { return r.diloco.summary.dilation; }, "{:.3g}");
  printResult("wanbound_diloco_tokens_per_s", "tok/s", reps,
              [](const Repetition& r) { return r.diloco.summary.realTimeTokensPerSecond(); }, "{:.0f}");
  printResult("wanbound_ddp_tokens_per_s", "tok/s", reps, [](const Repetition& r) { return r.ddp.summary.realTimeTokensPerSecond(); },
              "{:.0f}");
  printResult("wanbound_diloco_goodput_ratio", "", reps, [](const Repetition& r) { return r.diloco_goodput; }, "{:.3f}");
  printResult("wanbound_ddp_goodput_ratio", "", reps, [](const Repetition& r) { return r.ddp_goodput; }, "{:.3f}");
  // A run where DiLoCo never reached ddp's loss counts as infinitely slow (it sorts last).
  printResult("wanbound_time_to_ddp_loss_ratio", "", reps,
              [](const Repetition& r) { return r.time_ratio.value_or(std::numeric_limits<double>::infinity()); }, "{:.3f}");
  printResult("wanbound_diloco_wan_bytes", "B", reps, [](const Repetition& r) { return double(r.diloco.summary.wan_bytes); }, "{:.0f}");
  fmt::print("  standing for {:.0f} B of the represented model\n",
             double(typical.diloco.summary.wan_bytes) * typical.diloco.summary.dilation_bytes_factor);
  printResult("wanbound_ddp_wan_bytes", "B", reps, [](const Repetition& r) { return double(r.ddp.summary.wan_bytes); }, "{:.0f}");
  fmt::print("  standing for {:.0f} B of the represented model\n",
             double(typical.ddp.summary.wan_bytes) * typical.ddp.summary.dilation_bytes_factor);
  printResult("planner_error_pct", "", reps, [](const Repetition& r) { return r.planner_error_pct; }, "{:.1f}");
  if (options.directory.empty()) std::filesystem::remove_all(directory);
}

}  // namespace archi::cli
