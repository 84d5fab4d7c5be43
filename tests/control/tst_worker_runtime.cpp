// The worker runtime used directly, in this process: one datacenter of one worker trains a
// few steps and journals every report; a stop and a failure end it without an exception.

#include <QtTest>

#include <spdlog/sinks/null_sink.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <type_traits>
#include <variant>

#include "common/FinalCheckpoints.h"
#include "control/JournalRecords.h"
#include "control/MetricsJournal.h"
#include "control/WorkerRuntime.h"

namespace {

constexpr std::int64_t kStepTokens = 256;  // 8 sequences of 32 tokens
constexpr std::int64_t kSteps = 6;
constexpr int kInnerSteps = 3;

struct Journal {
  std::vector<archi::StepMetric> steps;
  std::vector<archi::OuterRound> rounds;
  std::vector<archi::ValidationRecord> validations;
  std::vector<archi::EventRecord> events;
  std::vector<archi::SampleRecord> samples;
  std::vector<archi::CheckpointRecord> checkpoints;
  std::size_t problems = 0;  // lines that are not valid records
};

}  // namespace

class WorkerRuntimeTest : public QObject {
  Q_OBJECT

 private slots:
  void oneWorkerTrainsAndJournalsEveryReport();
  void stopBeforeTheFirstStepEndsCleanly();
  void failureIsJournalledNotThrown();
  void gpuWorkerWithoutItsGpuFailsInsteadOfUsingTheCpu();

 private:
  static archi::WorkerSpec soloSpec(const QTemporaryDir& dir);
  // Runs the worker of `spec` in this thread, logging nowhere; `stopAtOnce`: stop requested before it starts.
  static archi::WorkerOutcome runQuietly(const archi::WorkerSpec& spec, bool stopAtOnce);
  static Journal readJournal(const std::string& path);
};

archi::WorkerSpec WorkerRuntimeTest::soloSpec(const QTemporaryDir& dir) {
  const std::string corpus = dir.filePath("corpus.txt").toStdString();
  {
    std::ofstream out(corpus);
    for (int i = 0; i < 2000; ++i) out << "the cat sat on the mat number " << i % 37 << ".\n";
  }
  archi::WorkerSpec s;
  s.run_id = "runtime-test";
  s.worker_id = "solo/solo-node/0";
  s.datacenter_id = "solo";
  s.device_type = "CPU";
  s.dc_shares = {static_cast<int>(kStepTokens / 32)};
  s.dc_worker_ids = {s.worker_id};
  s.threads = 1;
  s.run.model = {1, 2, 32, 32, 256};
  s.run.data.corpus = corpus;
  s.run.train.tokens = kSteps * kStepTokens;
  s.run.train.batch_tokens = kStepTokens;
  s.run.train.inner_steps = kInnerSteps;
  s.journal = dir.filePath("journals/solo.jsonl").toStdString();
  s.checkpoint_dir = dir.filePath("checkpoints").toStdString();
  return s;
}

archi::WorkerOutcome WorkerRuntimeTest::runQuietly(const archi::WorkerSpec& spec, bool stopAtOnce) {
  archi::WorkerRuntime runtime(spec, std::make_shared<spdlog::logger>("worker", std::make_shared<spdlog::sinks::null_sink_mt>()));
  const std::atomic<bool> stop{stopAtOnce};
  return runtime.run(stop);
}

Journal WorkerRuntimeTest::readJournal(const std::string& path) {
  archi::JournalTailer tailer(path);
  archi::Diagnostics problems;
  Journal journal;
  for (const nlohmann::json& line : tailer.readNew(problems)) {
    const auto record = archi::journal::parseRecord(line, 1, path, problems);
    if (!record) continue;
    std::visit(
        [&journal](const auto& r) {
          using T = std::decay_t<decltype(r)>;
          if constexpr (std::is_same_v<T, archi::StepMetric>) journal.steps.push_back(r);
          if constexpr (std::is_same_v<T, archi::OuterRound>) journal.rounds.push_back(r);
          if constexpr (std::is_same_v<T, archi::ValidationRecord>) journal.validations.push_back(r);
          if constexpr (std::is_same_v<T, archi::EventRecord>) journal.events.push_back(r);
          if constexpr (std::is_same_v<T, archi::SampleRecord>) journal.samples.push_back(r);
          if constexpr (std::is_same_v<T, archi::CheckpointRecord>) journal.checkpoints.push_back(r);
        },
        *record);
  }
  journal.problems = problems.all().size();
  return journal;
}

void WorkerRuntimeTest::oneWorkerTrainsAndJournalsEveryReport() {
  QTemporaryDir dir;
  const archi::WorkerSpec spec = soloSpec(dir);
  const archi::WorkerOutcome outcome = runQuietly(spec, false);
  QVERIFY2(outcome.end == archi::WorkerOutcome::End::Finished, outcome.error.c_str());
  QCOMPARE(outcome.training.steps, kSteps);
  QCOMPARE(outcome.training.rounds, kSteps / kInnerSteps);
  QCOMPARE(outcome.training.global_tokens, kSteps * kStepTokens);
  QVERIFY(!outcome.training.stopped_early);

  const Journal journal = readJournal(spec.journal);
  QCOMPARE(journal.problems, std::size_t(0));
  QCOMPARE(journal.steps.size(), std::size_t(kSteps));
  for (std::size_t i = 0; i < journal.steps.size(); ++i) {
    QCOMPARE(journal.steps[i].worker_id, spec.worker_id);
    QCOMPARE(journal.steps[i].step, std::int64_t(i + 1));
    QCOMPARE(journal.steps[i].tokens, kStepTokens);
    QVERIFY(std::isfinite(journal.steps[i].loss));
  }
  QCOMPARE(journal.rounds.size(), std::size_t(kSteps / kInnerSteps));
  for (const archi::OuterRound& round : journal.rounds) {
    QCOMPARE(round.datacenter_id, spec.datacenter_id);
    QCOMPARE(round.inner_steps, std::int64_t(kInnerSteps));
    QCOMPARE(round.tokens, kInnerSteps * kStepTokens);
  }
  // Before the first step and after every round.
  QCOMPARE(journal.validations.size(), std::size_t(1 + kSteps / kInnerSteps));
  QCOMPARE(journal.samples.size(), std::size_t(1));
  // The final checkpoint, beside the resumable sets of every round.
  const auto finals = finalCheckpoints(journal.checkpoints);
  QCOMPARE(finals.size(), std::size_t(1));
  QCOMPARE(finals.front().step, kSteps);
  QVERIFY(std::filesystem::exists(finals.front().path));
  QVERIFY(journal.checkpoints.size() > finals.size());
  QVERIFY(journal.events.size() >= 2);  // starting, done
  for (const archi::EventRecord& event : journal.events) {
    QCOMPARE(event.source, spec.worker_id);
    QCOMPARE(event.level, std::string("info"));
  }
}

void WorkerRuntimeTest::stopBeforeTheFirstStepEndsCleanly() {
  QTemporaryDir dir;
  const archi::WorkerSpec spec = soloSpec(dir);
  const archi::WorkerOutcome outcome = runQuietly(spec, true);
  QVERIFY2(outcome.end == archi::WorkerOutcome::End::Finished, outcome.error.c_str());
  QCOMPARE(outcome.training.steps, std::int64_t(0));
  QVERIFY(outcome.training.stopped_early);
  QVERIFY(readJournal(spec.journal).steps.empty());
}

void WorkerRuntimeTest::failureIsJournalledNotThrown() {
  QTemporaryDir dir;
  archi::WorkerSpec spec = soloSpec(dir);
  spec.run.data.corpus = dir.filePath("no-such-corpus.txt").toStdString();
  const archi::WorkerOutcome outcome = runQuietly(spec, false);
  QVERIFY(outcome.end == archi::WorkerOutcome::End::Failed);
  QVERIFY(!outcome.error.empty());
  const Journal journal = readJournal(spec.journal);
  QVERIFY(journal.steps.empty());
  QVERIFY(!journal.events.empty());
  QCOMPARE(journal.events.back().level, std::string("error"));
  QCOMPARE(journal.events.back().source, spec.worker_id);
}

void WorkerRuntimeTest::gpuWorkerWithoutItsGpuFailsInsteadOfUsingTheCpu() {
  // A GPU worker whose GPU is not there (no CUDA build, no driver, or no device with this UUID,
  // whichever this machine lacks) must fail saying so: computing on the CPU instead is how a
  // CPU speed once became a GPU type's measured profile.
  QTemporaryDir dir;
  archi::WorkerSpec spec = soloSpec(dir);
  spec.device_type = "H200";
  spec.backend = "cuda";
  spec.gpu = "GPU-00000000-dead-beef-0000-000000000000";
  const archi::WorkerOutcome outcome = runQuietly(spec, false);
  QVERIFY(outcome.end == archi::WorkerOutcome::End::Failed);
  QVERIFY2(outcome.error.find("CUDA") != std::string::npos || outcome.error.find("GPU") != std::string::npos,
           outcome.error.c_str());
  const Journal journal = readJournal(spec.journal);
  QVERIFY(journal.steps.empty());
  QCOMPARE(journal.events.back().level, std::string("error"));
}

QTEST_GUILESS_MAIN(WorkerRuntimeTest)
#include "tst_worker_runtime.moc"
