#include "report/RunSummary.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace archi {
namespace {

std::optional<double> positiveNumber(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  const double value = it->get<double>();
  return value > 0.0 ? std::optional<double>(value) : std::nullopt;
}

std::optional<double> ratio(std::optional<double> numerator, std::optional<double> denominator) {
  if (!numerator || !denominator || *denominator <= 0.0) return std::nullopt;
  return *numerator / *denominator;
}

// The plan stored beside the run: run-wide predictions, and each datacenter's name and
// predictions in the order the planner gave them.
void readPlan(const std::string& planJson, RunSummary& summary) {
  const nlohmann::json plan = nlohmann::json::parse(planJson, nullptr, false);
  if (plan.is_discarded() || !plan.is_object()) return;
  summary.predicted_tokens_per_s = positiveNumber(plan, "predicted_tokens_per_s");
  summary.ideal_tokens_per_s = positiveNumber(plan, "ideal_tokens_per_s");
  summary.planned_efficiency = positiveNumber(plan, "efficiency");
  if (const auto dilation = plan.find("dilation"); dilation != plan.end() && dilation->is_object()) {
    summary.dilation = positiveNumber(*dilation, "factor").value_or(1.0);
    summary.dilation_derivation = dilation->value("derivation", std::string());
  }
  const auto dcs = plan.find("datacenters");
  if (dcs == plan.end() || !dcs->is_array()) return;
  for (const nlohmann::json& dc : *dcs) {
    if (!dc.is_object() || !dc.contains("id") || !dc["id"].is_string()) continue;
    DatacenterSummary out;
    out.id = dc["id"].get<std::string>();
    out.name = dc.value("name", out.id);
    out.predicted_tokens_per_s = positiveNumber(dc, "tokens_per_s");
    out.standalone_tokens_per_s = positiveNumber(dc, "standalone_tokens_per_s");
    summary.datacenters.push_back(std::move(out));
  }
}

DatacenterSummary& datacenter(RunSummary& summary, const std::string& id) {
  for (DatacenterSummary& dc : summary.datacenters) {
    if (dc.id == id) return dc;
  }
  DatacenterSummary added;
  added.id = id;
  added.name = id;
  summary.datacenters.push_back(std::move(added));
  return summary.datacenters.back();
}

}  // namespace

RunSummary summarizeRun(RunStore& store, std::int64_t runId) {
  RunSummary summary;
  const std::optional<RunRecord> run = store.findRun(runId);
  if (!run) {
    throw StoreError(StoreError::Kind::Generic,
                     store.path().string() + ": summarising a run: there is no run with id " + std::to_string(runId));
  }
  summary.run = *run;
  if (const std::optional<std::string> plan = store.plan(runId)) readPlan(*plan, summary);

  std::map<std::string, std::string> datacenterOf;
  for (const WorkerRecord& w : store.workers(runId)) {
    datacenterOf[w.worker_id] = w.datacenter_id;
    ++datacenter(summary, w.datacenter_id).workers;
  }

  double lastStep_s = 0.0;
  std::map<std::string, std::pair<double, int>> lossSums;  // datacenter -> (sum, workers)
  for (const WorkerTotals& w : store.workerTotals(runId)) {
    summary.tokens += w.tokens;
    summary.steps = std::max(summary.steps, w.steps);
    lastStep_s = std::max(lastStep_s, w.last_wall_time_s);
    const auto dcId = datacenterOf.find(w.worker_id);
    if (dcId == datacenterOf.end()) continue;
    datacenter(summary, dcId->second).tokens += w.tokens;
    auto& [sum, count] = lossSums[dcId->second];
    sum += w.last_loss;
    ++count;
  }

  const double start_s = run->started_at_s.value_or(run->created_at_s);
  const double span_s = lastStep_s - start_s;
  if (run->ended_at_s) {
    summary.duration_s = *run->ended_at_s - start_s;
  } else if (lastStep_s > 0.0) {
    summary.duration_s = span_s;
  }
  if (summary.tokens > 0 && span_s > 0.0) summary.tokens_per_s = static_cast<double>(summary.tokens) / span_s;
  summary.efficiency = ratio(summary.tokens_per_s, summary.ideal_tokens_per_s);
  if (const std::optional<double> measuredOverPredicted = ratio(summary.tokens_per_s, summary.predicted_tokens_per_s)) {
    summary.planner_error = *measuredOverPredicted - 1.0;
  }

  for (const OuterRound& r : store.outerRounds(runId)) {
    summary.rounds = std::max(summary.rounds, r.round);  // rounds are numbered from 1
    summary.wan_bytes += r.bytes_on_wire;
  }

  std::map<std::string, ValidationRecord> lastValidation;  // per datacenter, highest step
  for (const ValidationRecord& v : store.validation(runId)) {
    auto [it, inserted] = lastValidation.try_emplace(v.datacenter_id, v);
    if (!inserted && v.step >= it->second.step) it->second = v;
  }

  double trainingSum = 0.0;
  int trainingCount = 0;
  for (DatacenterSummary& dc : summary.datacenters) {
    if (dc.tokens > 0 && span_s > 0.0) dc.tokens_per_s = static_cast<double>(dc.tokens) / span_s;
    if (const auto loss = lossSums.find(dc.id); loss != lossSums.end() && loss->second.second > 0) {
      dc.last_training_loss = loss->second.first / loss->second.second;
      trainingSum += *dc.last_training_loss;
      ++trainingCount;
    }
    if (const auto v = lastValidation.find(dc.id); v != lastValidation.end()) dc.last_validation_loss = v->second.loss;
  }

  // The final loss: the validation loss of the latest validated step (mean over the datacenters
  // that measured it), else the mean of the datacenters' last training losses.
  if (!lastValidation.empty()) {
    std::int64_t latest = 0;
    for (const auto& [id, v] : lastValidation) latest = std::max(latest, v.step);
    double sum = 0.0;
    int count = 0;
    for (const auto& [id, v] : lastValidation) {
      if (v.step != latest) continue;
      sum += v.loss;
      ++count;
    }
    summary.final_loss = sum / count;
    summary.final_loss_is_validation = true;
  } else if (trainingCount > 0) {
    summary.final_loss = trainingSum / trainingCount;
  }
  return summary;
}

}  // namespace archi
