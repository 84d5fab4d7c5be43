// A stopped multi-datacenter run resumed from its checkpoints (issue 15 item 1), end to end
// through RunLauncher with worker processes: two datacenters of emulated devices train, write a
// checkpoint set every round, are stopped, and `resume` continues them. Checked: each leader
// takes its datacenter's newest set (the round it stopped at), rounds and steps go on from there
// with every step stored once, both datacenters end on the same global state bit for bit, the
// token budget is met, and the run still learns. A completed or unknown run is refused by name.

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "FaultRun.h"
#include "common/TestDataFolder.h"
#include "common/TestProject.h"
#include "control/RunLauncher.h"
#include "core/Diagnostic.h"
#include "core/GpuCatalog.h"
#include "store/RunStore.h"
#include "train/CheckpointSet.h"

using namespace archi;

namespace {

// Two datacenters of one emulated RTX-4090 each, paced to 2000 tokens/s: a step of 8 × 32
// tokens takes ~128 ms whatever this machine's load, a round of 4 steps about half a second.
Project twoDatacenters() {
  return TestProject("resume-two-dc")
      .datacenter("a", 7841, {"RTX-4090", 1, true})
      .datacenter("b", 7842, {"RTX-4090", 1, true})
      .link("a", "b", 0.1, 20.0)
      .batchTokens(32 * 8 * 2)
      .innerSteps(4)
      .outerLoop(0.7, 0.5)
      .sync(SyncMode::DiLoCo)
      .project();
}

constexpr std::int64_t kTokens = 32 * 8 * 2 * 4 * 16;  // about 16 rounds
const std::map<std::string, double> kPaces{{"RTX-4090", 2000.0}};

GpuCatalog catalog() {
  Diagnostics problems;
  return GpuCatalog::fromFile(std::filesystem::path(ARCHIPELAGO_SOURCE_DIR) / "resources" / "gpu-catalog.json", problems);
}

LaunchOptions launchOptions(const QTemporaryDir& dir) {
  LaunchOptions launch;
  launch.archi_binary = qEnvironmentVariable("ARCHI_BIN").toStdString();
  const DataLayout data = dataLayoutIn(dir);
  launch.runs_directory = data.runsDirectory();
  launch.store_path = data.storePath();
  launch.pki_directory = data.pkiDirectory();
  launch.token_budget = kTokens;
  launch.run_name = "resumed";
  launch.emulation_paces = kPaces;
  return launch;
}

// The newest checkpoint round the store lists for each datacenter's folder.
std::map<std::string, std::int64_t> newestCheckpointRounds(RunStore& store, std::int64_t runId) {
  std::map<std::string, std::int64_t> rounds;
  for (const CheckpointRecord& c : store.checkpoints(runId)) {
    const std::filesystem::path path(c.path);
    if (const auto round = checkpointSetRound(path)) {
      std::int64_t& newest = rounds[path.parent_path().filename().string()];
      newest = std::max(newest, *round);
    }
  }
  return rounds;
}

RunSummary follow(RunLauncher& launcher, std::chrono::seconds limit) {
  QElapsedTimer timer;
  timer.start();
  while (launcher.poll() && timer.elapsed() < std::chrono::milliseconds(limit).count()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return launcher.finish(std::chrono::seconds(30));
}

}  // namespace

class ResumeTest : public QObject {
  Q_OBJECT

 private slots:
  void stoppedRunResumesFromItsCheckpoints() {
    QTemporaryDir dir;
    const LaunchOptions launch = launchOptions(dir);
    std::int64_t runId = 0;
    {
      RunLauncher first(twoDatacenters(), catalog(), launch, std::make_unique<LocalSpawner>(launch.archi_binary));
      runId = first.start();
      // Stop once both datacenters have checkpointed a few rounds.
      RunStore watch(launch.store_path, RunStore::Access::ReadOnly);
      QElapsedTimer timer;
      timer.start();
      for (;;) {
        QVERIFY2(first.poll(), "the run ended before it was stopped");
        const auto rounds = newestCheckpointRounds(watch, runId);
        if (rounds.size() == 2 && rounds.begin()->second >= 4 && rounds.rbegin()->second >= 4) break;
        QVERIFY2(timer.elapsed() < 90'000, "no checkpoints of round 4 within 90 s");
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      first.requestStop();
      const RunSummary stopped = first.finish(std::chrono::seconds(30));
      QCOMPARE(stopped.state, RunState::Stopped);
    }
    RunStore store(launch.store_path, RunStore::Access::ReadOnly);
    const std::map<std::string, std::int64_t> stoppedAt = newestCheckpointRounds(store, runId);
    std::map<std::string, std::int64_t> lastRoundBefore;
    for (const OuterRound& r : store.outerRounds(runId)) lastRoundBefore[r.datacenter_id] = std::max(lastRoundBefore[r.datacenter_id], r.round);
    const std::size_t eventsBefore = store.events(runId).size();

    RunLauncher second(twoDatacenters(), catalog(), launch, std::make_unique<LocalSpawner>(launch.archi_binary));
    QCOMPARE(second.resume("resumed"), runId);
    const RunSummary done = follow(second, std::chrono::seconds(120));
    QCOMPARE(done.state, RunState::Completed);

    std::vector<RunEvent> events;
    const std::vector<EventRecord> records = store.events(runId);
    for (std::size_t i = eventsBefore; i < records.size(); ++i) events.push_back(records[i].event());
    QVERIFY(findEvent(events, EventKind::RunResumed));
    // Each leader continues from its newest set: the round the stopped run ended with.
    for (const std::string dc : {"a", "b"}) {
      const RunEvent* restored = findEvent(events, EventKind::CheckpointRestored, [&](const RunEvent& e) { return e.text("datacenter") == dc; });
      QVERIFY2(restored, dc.c_str());
      QCOMPARE(restored->integer("round"), stoppedAt.at(dc));
      QCOMPARE(restored->integer("round"), lastRoundBefore.at(dc));
    }
    QVERIFY2(!findEvent(events, EventKind::CheckpointSkipped), "a valid set was passed over");

    // Rounds go on from the checkpoint: every round number once per datacenter, no gap.
    std::map<std::string, std::set<std::int64_t>> rounds;
    for (const OuterRound& r : store.outerRounds(runId)) QVERIFY(rounds[r.datacenter_id].insert(r.round).second);
    for (const auto& [dc, numbers] : rounds) {
      QCOMPARE(*numbers.begin(), std::int64_t(1));
      QCOMPARE(*numbers.rbegin(), std::int64_t(numbers.size()));
      QVERIFY2(*numbers.rbegin() > stoppedAt.at(dc), "the resumed run took rounds of its own");
    }
    // Steps: every worker's step numbers 1..N once (steps retaken after the checkpoint replace
    // the ones the stop threw away).
    std::map<std::string, std::set<std::int64_t>> steps;
    for (const StepMetric& s : store.stepMetrics(runId)) QVERIFY(steps[s.worker_id].insert(s.step).second);
    QCOMPARE(int(steps.size()), 2);
    for (const auto& [worker, numbers] : steps) {
      QCOMPARE(*numbers.begin(), std::int64_t(1));
      QCOMPARE(*numbers.rbegin(), std::int64_t(numbers.size()));
    }

    // Both datacenters end on the same global state, bit for bit, having met the budget.
    // Run folders are named by the run id (its name and a random suffix).
    const std::filesystem::path checkpoints = launch.runs_directory / second.runName() / "checkpoints";
    std::vector<LoadedCheckpointSet> finals;
    for (const std::string dc : {"a", "b"}) {
      const Project project = twoDatacenters();
      ModelConfig model = project.run.model;
      const std::vector<std::int64_t> setRounds = checkpointSetRounds(datacenterCheckpointFolder(checkpoints, dc));
      QVERIFY(!setRounds.empty());
      const std::size_t parameters = loadCheckpoint(checkpointSetPaths(datacenterCheckpointFolder(checkpoints, dc), setRounds.front()).inner)
                                         .state->params.size();
      NewestCheckpointSet newest = loadNewestCheckpointSet(datacenterCheckpointFolder(checkpoints, dc), model, parameters, 2);
      QVERIFY2(newest.set, dc.c_str());
      finals.push_back(std::move(*newest.set));
    }
    QCOMPARE(finals[0].outer.version, finals[1].outer.version);
    QVERIFY2(finals[0].outer.global == finals[1].outer.global, "the datacenters end on different global parameters");
    QCOMPARE(finals[0].outer.globalTokens, finals[1].outer.globalTokens);
    QVERIFY2(finals[0].outer.globalTokens >= kTokens, qPrintable(QString::number(finals[0].outer.globalTokens)));

    const std::vector<ValidationRecord> validation = store.validation(runId);
    QVERIFY(validation.size() >= 2);
    qInfo("stopped with checkpoints of rounds a=%lld b=%lld; resumed to %lld rounds, global version %llu, %lld tokens; "
          "validation loss %.4f -> %.4f",
          static_cast<long long>(stoppedAt.at("a")), static_cast<long long>(stoppedAt.at("b")),
          static_cast<long long>(*rounds["a"].rbegin()), static_cast<unsigned long long>(finals[0].outer.version),
          static_cast<long long>(finals[0].outer.globalTokens), validation.front().loss, validation.back().loss);
    QVERIFY2(validation.back().loss < validation.front().loss - 0.5,
             qPrintable(QString("validation %1 -> %2").arg(validation.front().loss).arg(validation.back().loss)));

    // Now completed: nothing to resume.
    RunLauncher third(twoDatacenters(), catalog(), launch, std::make_unique<LocalSpawner>(launch.archi_binary));
    try {
      third.resume("resumed");
      QFAIL("a completed run was resumed");
    } catch (const std::runtime_error& e) {
      QVERIFY2(QString(e.what()).contains("completed its token budget"), e.what());
    }
  }

  void whatCannotBeResumedIsRefused_data() {
    QTest::addColumn<QString>("run");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown run") << "nothing-here" << "has no run named nothing-here";
  }
  void whatCannotBeResumedIsRefused() {
    QFETCH(QString, run);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const LaunchOptions launch = launchOptions(dir);
    RunLauncher launcher(twoDatacenters(), catalog(), launch, std::make_unique<LocalSpawner>(launch.archi_binary));
    try {
      launcher.resume(run.toStdString());
      QFAIL("resume went ahead");
    } catch (const std::runtime_error& e) {
      QVERIFY2(QString(e.what()).contains(expected), e.what());
    }
  }
};

QTEST_GUILESS_MAIN(ResumeTest)
#include "tst_resume.moc"
