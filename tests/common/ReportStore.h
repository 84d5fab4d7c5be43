#pragma once
// A run store written by hand with known rows, for the report's tests (engine, PDF, console):
// two datacenters ("dc-a" Beijing with two workers, "dc-b" Guiyang with one), a stored
// topology and plan, steps with a known step-time split, outer rounds with compression, a WAN
// fault that costs 2.5 s and a lost worker that costs 1.5 s, link samples, and a sample and
// names with markup in them (the report must escape it).
//
//   RunStore store(path);
//   const ReportStoreRun run = writeReportStore(store);

#include <cstdint>
#include <string>
#include <vector>

#include "core/Project.h"
#include "core/ProjectJson.h"
#include "core/RunEvents.h"
#include "store/RunStore.h"

struct ReportStoreRun {
  std::int64_t id = 0;       // the run with every kind of row
  std::int64_t emptyId = 0;  // a run with a topology and nothing else (no step yet)
};

inline constexpr const char* kHostileText = "<script>alert('x')</script> & \"quotes\"";

inline ReportStoreRun writeReportStore(archi::RunStore& store) {
  using namespace archi;
  ReportStoreRun ids;
  ids.id = store.createRun({0, "report-run", "report <b>project</b>", RunState::Planned, "diloco", true, 1000.0, std::nullopt, std::nullopt});
  store.setRunState(ids.id, RunState::Running, 1000.0);

  Project project;
  project.name = "report <b>project</b>";
  Datacenter a;
  a.id = "dc-a";
  a.name = "Beijing";
  a.region = "cn-north";
  a.nodes.push_back({"bj-node", "127.0.0.1", 7801, {{"A100-80G", 2, true, true}}});
  Datacenter b;
  b.id = "dc-b";
  b.name = "Guiyang";
  b.region = "cn-southwest";
  b.nodes.push_back({"gy-node", "127.0.0.1", 7802, {{"910B", 1, true, true}}});
  project.topology.datacenters = {a, b};
  project.topology.links.push_back({"dc-a", "dc-b", 0.1, 50.0, 0.0});
  project.run.train.inner_steps = 20;
  project.run.train.outer_lr = 0.7;
  project.run.train.outer_momentum = 0.9;
  store.saveTopology(ids.id, serializeProject(project));

  // dc-a predicted 300 tok/s over 3 sequences (a-0 two of them, a-1 one), dc-b 200 tok/s.
  store.savePlan(ids.id, R"({"predicted_tokens_per_s": 500, "ideal_tokens_per_s": 1000, "efficiency": 0.5,
    "sync": "diloco", "recommended_sync": "diloco", "inner_steps": 20, "recommended_inner_steps": 25, "parameters": 123456,
    "round_ms": 4000, "comm_share": 0.04,
    "datacenters": [
      {"id": "dc-a", "name": "Beijing", "sequences_per_step": 3, "tokens_per_s": 300, "standalone_tokens_per_s": 600,
       "devices": [{"id": "dc-a/bj-node/0", "type": "A100-80G", "emulated": true, "tokens_per_s": 400, "sequences_per_step": 2, "excluded": false},
                   {"id": "dc-a/bj-node/1", "type": "A100-80G", "emulated": true, "tokens_per_s": 200, "sequences_per_step": 1, "excluded": false}]},
      {"id": "dc-b", "name": "Guiyang", "sequences_per_step": 2, "tokens_per_s": 200, "standalone_tokens_per_s": 400,
       "devices": [{"id": "dc-b/gy-node/0", "type": "910B", "emulated": true, "tokens_per_s": 400, "sequences_per_step": 2, "excluded": false}]}]})");
  const std::vector<WorkerRecord> workers = {{ids.id, "dc-a/bj-node/0", "dc-a", "bj-node", 0, "A100-80G", true},
                                             {ids.id, "dc-a/bj-node/1", "dc-a", "bj-node", 1, "A100-80G", true},
                                             {ids.id, "dc-b/gy-node/0", "dc-b", "gy-node", 0, "910B", true}};
  store.addWorkers(workers);
  // Over 10 s from the start: a-0 3 steps of 600 tokens, a-1 3 of 300, b-0 2 of 500 (last at 1010).
  std::vector<StepMetric> steps;
  for (int s = 1; s <= 3; ++s) {
    steps.push_back({ids.id, "dc-a/bj-node/0", s, 1000.0 + 3.0 * s, 600, 5.0 - s, 100, 10, 0, 0});
    steps.push_back({ids.id, "dc-a/bj-node/1", s, 1000.0 + 3.0 * s, 300, 5.0 - s + 0.5, 60, 10, 0, 40});
  }
  for (int s = 1; s <= 2; ++s) steps.push_back({ids.id, "dc-b/gy-node/0", s, 1000.0 + 5.0 * s, 500, 6.0 - s, 200, 0, 50, 10});
  store.insertStepMetrics(steps);
  const std::vector<OuterRound> rounds = {{ids.id, 0, "dc-a", 1005.0, 3, 2700, 700, 0.25, 400, 2},
                                          {ids.id, 1, "dc-a", 1009.0, 3, 2700, 300, 0.5, 600, 2},
                                          {ids.id, 0, "dc-b", 1005.0, 2, 1000, 1000, 0.25, 500, 2}};
  store.insertOuterRounds(rounds);
  store.addValidation({ids.id, "dc-a", 3, 0, 1009.0, 3700, 2.5});
  store.addValidation({ids.id, "dc-b", 2, 0, 1010.0, 3700, 2.7});
  store.addEvent(EventRecord::of(ids.id, 1001.0, "dc-a/bj-node/0", events::wanEmulation("dc-b 100 Mbit/s 50 ms")));
  store.addEvent(EventRecord::of(ids.id, 1002.0, "launcher", events::note(EventLevel::Info, kHostileText)));
  store.addEvent(EventRecord::of(ids.id, 1006.0, "dc-a/bj-node/0", events::outerRoundFailed(1, 2.5, kHostileText)));
  store.addEvent(EventRecord::of(ids.id, 1007.0, "dc-b/gy-node/0", events::workerLost("dc-b/gy-node/1", 2, 1, 2, 1.5)));
  const std::vector<LinkSample> links = {{ids.id, "dc-a", "dc-b", 1005.0, 700, 80.0, 51.0},
                                         {ids.id, "dc-a", "dc-b", 1009.0, 300, 60.0, 0.0},
                                         {ids.id, "dc-b", "dc-a", 1005.0, 1000, 90.0, 49.0}};
  store.insertLinkSamples(links);
  store.addSample({ids.id, 3, "Once upon", kHostileText});
  store.setRunState(ids.id, RunState::Completed, 1012.0);

  ids.emptyId = store.createRun({0, "empty-run", "p", RunState::Planned, "diloco", false, 2000.0, std::nullopt, std::nullopt});
  store.saveTopology(ids.emptyId, serializeProject(project));
  return ids;
}
