#pragma once
// Runs written into a test's store the way `archi run` writes them (run record, workers, plan,
// project, step metrics, validations, state changes), with figures a test can predict: two
// workers in two datacenters, each step `tokensPerStep` tokens, one second apart.

#include <optional>
#include <string>
#include <vector>

#include "store/RunStore.h"

struct TestRun {
  std::string name = "run";
  std::string project = "demo";
  archi::RunState state = archi::RunState::Completed;
  bool emulated = true;
  double start_s = 1'700'000'000.0;
  int steps = 5;  // per worker
  std::int64_t tokensPerStep = 1000;
  std::optional<std::string> projectJson;
  std::optional<std::string> planJson;  // default: a plan for datacenters dc-a and dc-b
  std::vector<std::string> datacenters = {"dc-a", "dc-b"};
};

inline TestRun testRun(const std::string& name, const std::string& project, archi::RunState state, bool emulated, int steps,
                       std::int64_t tokensPerStep) {
  TestRun run;
  run.name = name;
  run.project = project;
  run.state = state;
  run.emulated = emulated;
  run.steps = steps;
  run.tokensPerStep = tokensPerStep;
  return run;
}

inline std::string defaultPlanJson(const std::vector<std::string>& datacenters) {
  std::string dcs;
  for (const std::string& id : datacenters) {
    if (!dcs.empty()) dcs += ",";
    dcs += R"({"id":")" + id + R"(","name":")" + id + R"(","tokens_per_s":700,"standalone_tokens_per_s":1000,)"
           R"("devices":[{"id":")" + id + R"(/n/0","sequences_per_step":4,"excluded":false}]})";
  }
  return R"({"parameters":400000,"predicted_tokens_per_s":1400,"ideal_tokens_per_s":)" + std::to_string(1000 * datacenters.size()) +
         R"(,"efficiency":0.7,"datacenters":[)" + dcs + "]}";
}

// Worker i of the run is "<dc>/n/0" in datacenters[i]; its step k (1-based) ends at
// start + k + 0.25 i seconds with loss 3 - 0.1 k - 0.05 i; every datacenter validates after
// each step (round k) with loss 3.2 - 0.1 k.
inline std::int64_t writeRun(archi::RunStore& store, const TestRun& run) {
  archi::RunRecord record;
  record.name = run.name;
  record.project_name = run.project;
  record.state = archi::RunState::Running;
  record.sync_mode = "diloco";
  record.emulated = run.emulated;
  record.created_at_s = run.start_s - 2.0;
  record.started_at_s = run.start_s;
  const std::int64_t id = store.createRun(record);
  if (run.projectJson) store.saveTopology(id, *run.projectJson);
  store.savePlan(id, run.planJson.value_or(defaultPlanJson(run.datacenters)));
  std::vector<archi::WorkerRecord> workers;
  for (std::size_t i = 0; i < run.datacenters.size(); ++i) {
    workers.push_back({id, run.datacenters[i] + "/n/0", run.datacenters[i], run.datacenters[i] + "-node", 0, "H20", run.emulated});
  }
  store.addWorkers(workers);
  std::vector<archi::StepMetric> steps;
  for (int k = 1; k <= run.steps; ++k) {
    for (std::size_t i = 0; i < workers.size(); ++i) {
      archi::StepMetric m;
      m.run_id = id;
      m.worker_id = workers[i].worker_id;
      m.step = k;
      m.wall_time_s = run.start_s + k + 0.25 * double(i);
      m.tokens = run.tokensPerStep;
      m.loss = 3.0 - 0.1 * k - 0.05 * double(i);
      m.compute_ms = 800;
      steps.push_back(m);
    }
  }
  store.insertStepMetrics(steps);
  for (int k = 1; k <= std::min(run.steps, 3); ++k) {
    for (const std::string& dc : run.datacenters) {
      store.addValidation({id, dc, k, k, run.start_s + k + 0.5, std::int64_t(k) * run.tokensPerStep * std::int64_t(workers.size()),
                           3.2 - 0.1 * k});
    }
  }
  if (run.state != archi::RunState::Running) store.setRunState(id, run.state, run.start_s + run.steps + 1.0);
  return id;
}
