#include "report/RunReport.h"

#include <archipelago/BuildInfo.h>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "core/ProjectJson.h"

namespace archi {
namespace {

std::optional<double> positive(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  const double value = it->get<double>();
  return value > 0.0 ? std::optional<double>(value) : std::nullopt;
}

void readTopology(RunStore& store, std::int64_t runId, RunReport& report) {
  const std::optional<std::string> text = store.topology(runId);
  if (!text) {
    report.topology_problem = "no topology was stored with this run";
    return;
  }
  Diagnostics diagnostics;
  report.project = parseProject(*text, diagnostics);
  if (!report.project) report.topology_problem = "the stored topology is not readable JSON";
}

void readSettings(const std::optional<std::string>& planText, RunReport& report) {
  ReportSettings& s = report.settings;
  if (report.project) {
    const RunSpec& run = report.project->run;
    s.model = fmt::format("{} layers, {} heads, dim {}, context {}, vocab {}", run.model.layers, run.model.heads, run.model.dim,
                          run.model.context, run.model.vocab);
    s.corpus = run.data.corpus;
    s.token_budget = run.train.tokens;
    s.batch_tokens = run.train.batch_tokens;
    s.sync = toString(run.train.sync);
    s.compression = toString(run.train.compression);
    s.inner_steps = run.train.inner_steps;
    s.outer_lr = run.train.outer_lr;
    s.outer_momentum = run.train.outer_momentum;
    s.inner_lr = run.train.lr;
    s.seed = run.seed;
  }
  if (!planText) return;
  const nlohmann::json plan = nlohmann::json::parse(*planText, nullptr, false);
  if (plan.is_discarded() || !plan.is_object()) return;
  report.plan_stored = true;
  if (plan.contains("parameters") && plan["parameters"].is_number_integer()) s.parameters = plan["parameters"].get<std::int64_t>();
  s.recommended_sync = plan.value("recommended_sync", std::string());
  if (plan.contains("recommended_inner_steps") && plan["recommended_inner_steps"].is_number_integer()) {
    s.recommended_inner_steps = plan["recommended_inner_steps"].get<int>();
  }
  s.round_ms = positive(plan, "round_ms");
  s.comm_share = positive(plan, "comm_share");
}

// Devices from the plan (what each was given), then any worker the plan does not name.
void readDevices(RunStore& store, std::int64_t runId, const std::optional<std::string>& planText, RunReport& report) {
  std::map<std::string, ReportDevice> byId;
  std::vector<std::string> order;
  if (planText) {
    const nlohmann::json plan = nlohmann::json::parse(*planText, nullptr, false);
    if (!plan.is_discarded() && plan.is_object() && plan.contains("datacenters") && plan["datacenters"].is_array()) {
      for (const nlohmann::json& dc : plan["datacenters"]) {
        if (!dc.is_object() || !dc.contains("devices") || !dc["devices"].is_array()) continue;
        const std::optional<double> dcPredicted = positive(dc, "tokens_per_s");
        const double dcSequences = dc.value("sequences_per_step", 0.0);
        for (const nlohmann::json& d : dc["devices"]) {
          if (!d.is_object() || !d.contains("id") || !d["id"].is_string()) continue;
          ReportDevice device;
          device.id = d["id"].get<std::string>();
          device.datacenter_id = dc.value("id", std::string());
          device.type = d.value("type", std::string());
          device.emulated = d.value("emulated", false);
          device.excluded = d.value("excluded", false);
          device.planned_sequences = d.value("sequences_per_step", 0);
          device.standalone_tokens_per_s = positive(d, "tokens_per_s");
          // Inside a datacenter every device finishes a step together, so each carries the
          // datacenter's predicted rate in proportion to the sequences it was given.
          if (dcPredicted && dcSequences > 0.0 && device.planned_sequences > 0) {
            device.planned_tokens_per_s = *dcPredicted * device.planned_sequences / dcSequences;
          }
          order.push_back(device.id);
          byId.emplace(device.id, std::move(device));
        }
      }
    }
  }
  for (const WorkerRecord& w : store.workers(runId)) {
    auto [it, added] = byId.try_emplace(w.worker_id);
    ReportDevice& device = it->second;
    if (added) {
      device.id = w.worker_id;
      device.datacenter_id = w.datacenter_id;
      device.type = w.device_type;
      order.push_back(w.worker_id);
    }
    device.node_id = w.node_id;
    device.emulated = device.emulated || w.emulated;
  }
  // The run's span exactly as summarizeRun took it, so the devices' rates add up to its figures.
  std::optional<double> span_s;
  if (report.summary.tokens_per_s && *report.summary.tokens_per_s > 0.0) {
    span_s = static_cast<double>(report.summary.tokens) / *report.summary.tokens_per_s;
  }
  for (const WorkerTotals& t : store.workerTotals(runId)) {
    auto it = byId.find(t.worker_id);
    if (it == byId.end()) continue;
    it->second.tokens = t.tokens;
    it->second.steps = t.steps;
    if (span_s && t.tokens > 0) it->second.measured_tokens_per_s = static_cast<double>(t.tokens) / *span_s;
  }
  for (const std::string& id : order) {
    ReportDevice& device = byId.at(id);
    if (device.node_id.empty()) {
      const std::size_t first = id.find('/');
      const std::size_t second = id.find('/', first == std::string::npos ? first : first + 1);
      if (first != std::string::npos && second != std::string::npos) device.node_id = id.substr(first + 1, second - first - 1);
    }
    if (device.measured_tokens_per_s && device.planned_tokens_per_s) {
      device.error = *device.measured_tokens_per_s / *device.planned_tokens_per_s - 1.0;
    }
    if (device.emulated) ++report.emulated_devices;
    report.devices.push_back(std::move(device));
  }
}

void readSteps(RunStore& store, std::int64_t runId, double start_s, RunReport& report) {
  std::map<std::string, std::string> datacenterOf;
  for (const WorkerRecord& w : store.workers(runId)) datacenterOf[w.worker_id] = w.datacenter_id;
  struct StepSums {
    double wall_s = 0.0;
    double loss = 0.0;
    int workers = 0;
  };
  std::map<std::string, std::map<std::int64_t, StepSums>> byDatacenter;
  std::map<std::string, StepBreakdown> breakdown;
  for (const StepMetric& m : store.stepMetrics(runId)) {
    ++report.step_rows;
    const auto dc = datacenterOf.find(m.worker_id);
    const std::string dcId = dc == datacenterOf.end() ? std::string("(unknown)") : dc->second;
    StepSums& sums = byDatacenter[dcId][m.step];
    sums.wall_s += m.wall_time_s;
    sums.loss += m.loss;
    ++sums.workers;
    StepBreakdown& b = breakdown[dcId];
    b.datacenter_id = dcId;
    ++b.rows;
    b.compute_ms += m.compute_ms;
    b.intra_ms += m.intra_ms;
    b.wan_ms += m.inter_ms;
    b.idle_ms += m.idle_ms;
  }
  for (const std::string& dcId : report.datacenter_order) {
    if (const auto it = byDatacenter.find(dcId); it != byDatacenter.end()) {
      ReportSeries series{dcId, {}};
      for (const auto& [step, sums] : it->second) {
        series.points.push_back({sums.wall_s / sums.workers - start_s, sums.loss / sums.workers});
      }
      std::stable_sort(series.points.begin(), series.points.end(), [](const SeriesPoint& a, const SeriesPoint& b) { return a.x < b.x; });
      report.training_loss.push_back(std::move(series));
    }
    if (const auto it = breakdown.find(dcId); it != breakdown.end()) {
      StepBreakdown b = it->second;
      const double rows = static_cast<double>(b.rows);
      b.compute_ms /= rows, b.intra_ms /= rows, b.wan_ms /= rows, b.idle_ms /= rows;
      report.breakdown.push_back(b);
    }
  }
}

void readValidation(RunStore& store, std::int64_t runId, double start_s, RunReport& report) {
  std::map<std::string, std::vector<SeriesPoint>> byDatacenter;
  for (const ValidationRecord& v : store.validation(runId)) byDatacenter[v.datacenter_id].push_back({v.wall_time_s - start_s, v.loss});
  for (const std::string& dcId : report.datacenter_order) {
    auto it = byDatacenter.find(dcId);
    if (it == byDatacenter.end()) continue;
    std::stable_sort(it->second.begin(), it->second.end(), [](const SeriesPoint& a, const SeriesPoint& b) { return a.x < b.x; });
    report.validation_loss.push_back({dcId, std::move(it->second)});
  }
}

void readRounds(RunStore& store, std::int64_t runId, RunReport& report) {
  struct Sums {
    std::int64_t rounds = 0;
    std::int64_t bytes = 0;
    double compression = 0.0;
    double duration_ms = 0.0;
  };
  std::map<std::string, Sums> byDatacenter;
  double compressionSum = 0.0;
  std::int64_t rounds = 0;
  for (const OuterRound& r : store.outerRounds(runId)) {
    Sums& s = byDatacenter[r.datacenter_id];
    ++s.rounds;
    s.bytes += r.bytes_on_wire;
    s.compression += r.compression_ratio;
    s.duration_ms += r.duration_ms;
    compressionSum += r.compression_ratio;
    ++rounds;
  }
  if (rounds > 0) report.compression_ratio = compressionSum / static_cast<double>(rounds);
  for (const std::string& dcId : report.datacenter_order) {
    const auto it = byDatacenter.find(dcId);
    if (it == byDatacenter.end()) continue;
    const Sums& s = it->second;
    const double n = static_cast<double>(s.rounds);
    report.wan.push_back({dcId, s.rounds, s.bytes, s.compression / n, s.duration_ms / n});
  }
}

void readLinks(RunStore& store, std::int64_t runId, double start_s, RunReport& report) {
  if (report.project) {
    for (const WanLink& link : report.project->topology.links) report.links.push_back({link, report.links_emulated, 0, 0, {}, {}});
  }
  const auto linkFor = [&](const std::string& a, const std::string& b) -> std::size_t {
    for (std::size_t i = 0; i < report.links.size(); ++i) {
      const WanLink& drawn = report.links[i].drawn;
      if ((drawn.a == a && drawn.b == b) || (drawn.a == b && drawn.b == a)) return i;
    }
    WanLink unknown;
    unknown.a = a;
    unknown.b = b;
    report.links.push_back({unknown, report.links_emulated, 0, 0, {}, {}});
    return report.links.size() - 1;
  };
  std::map<std::size_t, std::pair<double, std::int64_t>> rttSums;  // link -> (sum, measured samples)
  std::map<std::string, std::size_t> seriesOf;
  for (const LinkSample& sample : store.linkSamples(runId)) {
    ++report.link_samples;
    const std::size_t i = linkFor(sample.link_a, sample.link_b);
    ReportLink& link = report.links[i];
    link.mean_mbit_per_s = (link.mean_mbit_per_s.value_or(0.0) * static_cast<double>(link.samples) + sample.mbit_per_s) /
                           static_cast<double>(link.samples + 1);
    ++link.samples;
    link.bytes += sample.bytes;
    if (sample.rtt_ms > 0.0) {
      auto& [sum, count] = rttSums[i];
      sum += sample.rtt_ms;
      ++count;
      link.mean_rtt_ms = sum / static_cast<double>(count);
    }
    // One series per measuring direction: each leader measures what it sent.
    const std::string name = report.datacenterName(sample.link_a) + " \xE2\x86\x92 " + report.datacenterName(sample.link_b);
    auto [it, added] = seriesOf.try_emplace(name, report.link_throughput.size());
    if (added) report.link_throughput.push_back({sample.link_a, name, {}});
    report.link_throughput[it->second].points.push_back({sample.wall_time_s - start_s, sample.mbit_per_s});
  }
  for (ReportLinkSeries& series : report.link_throughput) {
    std::stable_sort(series.points.begin(), series.points.end(), [](const SeriesPoint& a, const SeriesPoint& b) { return a.x < b.x; });
  }
}

void readEvents(RunStore& store, std::int64_t runId, double start_s, RunReport& report) {
  for (const EventRecord& record : store.events(runId)) {
    ++report.events;
    const RunEvent event = record.event();
    if (event.kind == EventKind::WanEmulation) report.links_emulated = true;
    if (!isFaultKind(event.kind)) continue;
    // A group formed with everyone from the start is routine; one that leaves a datacenter
    // out, or takes one back after time outside, is part of a fault.
    if (event.kind == EventKind::WanGroupFormed && event.names("left_out").empty() && event.number("outside_s") <= 0.0) continue;
    ReportFault fault;
    fault.at_s = record.wall_time_s - start_s;
    fault.kind = record.kind;
    fault.level = record.level;
    fault.source = record.source;
    fault.text = record.text;
    if (event.has("cost_s")) {
      fault.cost_s = event.number("cost_s");
      report.fault_cost_s += *fault.cost_s;
    }
    report.faults.push_back(std::move(fault));
  }
}

}  // namespace

bool isFaultKind(EventKind kind) {
  switch (kind) {
    case EventKind::WorkerFailed:
    case EventKind::DatacenterGroupFailed:
    case EventKind::RegroupSyncFailed:
    case EventKind::DatacenterLeaderRejoined:
    case EventKind::WorkerLost:
    case EventKind::WorkerRejoined:
    case EventKind::DatacenterRegrouped:
    case EventKind::EmulatedThrottle:
    case EventKind::WanGroupFormed:
    case EventKind::WanGroupLeftOut:
    case EventKind::OuterRoundFailed:
    case EventKind::OuterRoundRecovered:
    case EventKind::LeftOutOfRound:
    case EventKind::WanExchangeFailed:
    case EventKind::DdpAllReduceFailed:
    case EventKind::StateShareFailed:
    case EventKind::WorkerGaveUp:
    case EventKind::WorkerRestarting:
    case EventKind::WorkerRestarted:
    case EventKind::FaultInjected:
    case EventKind::FaultSkipped:
    case EventKind::LinkRestored:
      return true;
    default:
      return false;
  }
}

int RunReport::colourIndex(const std::string& datacenterId) const {
  const auto it = std::find(datacenter_order.begin(), datacenter_order.end(), datacenterId);
  return it == datacenter_order.end() ? static_cast<int>(datacenter_order.size()) : static_cast<int>(it - datacenter_order.begin());
}

std::string RunReport::datacenterName(const std::string& datacenterId) const {
  if (project) {
    if (const Datacenter* dc = project->topology.findDatacenter(datacenterId); dc != nullptr && !dc->name.empty()) return dc->name;
  }
  for (const DatacenterSummary& dc : summary.datacenters) {
    if (dc.id == datacenterId && !dc.name.empty()) return dc.name;
  }
  return datacenterId;
}

RunReport buildRunReport(RunStore& store, std::int64_t runId) {
  RunReport report;
  report.summary = summarizeRun(store, runId);
  report.software_version = build::kVersion;
  readTopology(store, runId, report);
  const std::optional<std::string> plan = store.plan(runId);
  readSettings(plan, report);

  // Colours follow the project's order (the console's); datacenters only the store knows come after.
  std::set<std::string> known;
  const auto addDatacenter = [&](const std::string& id) {
    if (known.insert(id).second) report.datacenter_order.push_back(id);
  };
  if (report.project) {
    for (const Datacenter& dc : report.project->topology.datacenters) addDatacenter(dc.id);
  }
  for (const DatacenterSummary& dc : report.summary.datacenters) addDatacenter(dc.id);

  const double start_s = report.summary.run.started_at_s.value_or(report.summary.run.created_at_s);
  readEvents(store, runId, start_s, report);
  readDevices(store, runId, plan, report);
  readSteps(store, runId, start_s, report);
  readValidation(store, runId, start_s, report);
  readRounds(store, runId, report);
  readLinks(store, runId, start_s, report);
  report.samples = store.samples(runId);
  return report;
}

}  // namespace archi
