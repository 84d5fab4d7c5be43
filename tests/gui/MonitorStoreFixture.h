#pragma once
// A run store that a monitor test writes while the monitor follows it: the demo project's
// three datacenters (beijing, guiyang, ulanqab) with two workers each, a stored plan, and
// helpers that store step rows, rounds and link samples the way the runtime does.

#include <QFile>
#include <QTemporaryDir>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "store/RunStore.h"

class MonitorStoreFixture {
 public:
  static inline const std::vector<std::string> kDatacenters{"beijing", "guiyang", "ulanqab"};
  static constexpr double kStart_s = 1'800'000'000.0;

  MonitorStoreFixture() : store_(std::make_unique<archi::RunStore>(path().toStdString())) {
    runId_ = store_->createRun({0, "monitor-test", "local-demo", archi::RunState::Running, "diloco", true, kStart_s, {}, {}});
    store_->setRunState(runId_, archi::RunState::Running, kStart_s);
    QFile project(QStringLiteral(ARCHIPELAGO_SOURCE_DIR "/resources/examples/local-demo.archipelago.json"));
    if (project.open(QIODevice::ReadOnly)) store_->saveTopology(runId_, project.readAll().toStdString());
    store_->savePlan(runId_, R"({"predicted_tokens_per_s": 5000, "ideal_tokens_per_s": 6000, "efficiency": 0.83,
      "datacenters": [{"id": "beijing", "name": "Beijing", "tokens_per_s": 2000},
                      {"id": "guiyang", "name": "Guiyang", "tokens_per_s": 1500},
                      {"id": "ulanqab", "name": "Ulanqab", "tokens_per_s": 1500}]})");
    std::vector<archi::WorkerRecord> workers;
    for (const std::string& dc : kDatacenters) {
      for (int i = 0; i < 2; ++i) workers.push_back({runId_, worker(dc, i), dc, dc + "-node", i, "H100", true});
    }
    store_->addWorkers(workers);
  }

  QString path() const { return dir_.filePath("runs.db"); }
  std::int64_t runId() const { return runId_; }
  archi::RunStore& store() { return *store_; }
  static std::string worker(const std::string& dc, int index) { return dc + "/" + dc + "-node/" + std::to_string(index); }

  // One step row per worker of every datacenter, at 1 s per step.
  void writeSteps(std::int64_t from, std::int64_t to, double loss = 3.0) {
    std::vector<archi::StepMetric> rows;
    for (std::int64_t step = from; step < to; ++step) {
      for (const std::string& dc : kDatacenters) {
        for (int i = 0; i < 2; ++i) {
          rows.push_back({runId_, worker(dc, i), step, kStart_s + 1.0 + step, 1000, loss, 600.0, 100.0, 100.0, 200.0});
        }
      }
    }
    store_->insertStepMetrics(rows);
  }
  void writeRound(std::int64_t round, double wall_s, const std::vector<std::string>& members) {
    std::vector<archi::OuterRound> rows;
    for (const std::string& dc : members) {
      rows.push_back({runId_, round, dc, kStart_s + wall_s, 10, 10'000, 1'000'000, 0.25, 500.0, static_cast<int>(members.size())});
    }
    store_->insertOuterRounds(rows);
  }
  void finish(double wall_s) { store_->setRunState(runId_, archi::RunState::Completed, kStart_s + wall_s); }

 private:
  QTemporaryDir dir_;
  std::unique_ptr<archi::RunStore> store_;
  std::int64_t runId_ = 0;
};
