// A whole multi-datacenter run in this process: RunLauncher with ThreadSpawner runs the tiny
// two-datacenter project (two CPU workers each, Gloo inside, TLS DiLoCo between) as threads.
// It must complete, record every step of every worker without gaps, and learn.

#include <QtTest>

#include <map>

#include "common/FinalCheckpoints.h"
#include "FaultRun.h"
#include "control/ThreadSpawner.h"
#include "store/RunStore.h"

class ThreadSpawnerTest : public QObject {
  Q_OBJECT

 private slots:
  void twoDatacentersRunAsThreads();
  void stopEndsEveryWorkerThread();
  void validatesEveryNthRoundAndAtTheEnd();

 private:
  static archi::Project tinyTwoDatacenters();
};

archi::Project ThreadSpawnerTest::tinyTwoDatacenters() {
  archi::Project project;
  project.name = "tiny-two-dc-threads";
  for (const char* id : {"east", "west"}) {
    archi::Datacenter dc;
    dc.id = id;
    dc.name = id;
    dc.nodes.push_back({std::string(id) + "-node", "127.0.0.1", id[0] == 'e' ? 7831 : 7832, {{"CPU", 2, false}}});
    project.topology.datacenters.push_back(dc);
  }
  project.topology.links.push_back({"east", "west", 1.0, 5.0, 0.0});
  project.run.model = {1, 2, 32, 32, 256};
  project.run.data.corpus = "/usr/share/games/fortunes";
  project.run.train.batch_tokens = 256;
  project.run.train.inner_steps = 5;
  project.run.train.lr = 3e-3;
  project.run.train.outer_lr = 0.7;
  project.run.train.outer_momentum = 0.5;
  project.run.train.sync = archi::SyncMode::DiLoCo;
  return project;
}

void ThreadSpawnerTest::twoDatacentersRunAsThreads() {
  if (!QFile::exists("/usr/share/games/fortunes")) QSKIP("fortunes corpus not installed (installer/setup-deps.sh)");
  QTemporaryDir dir;
  const archi::RunSummary summary =
      runLocallyWithFaults(dir, tinyTwoDatacenters(), 30000, {}, {}, std::chrono::seconds(120), std::chrono::seconds(20),
                           std::make_unique<archi::ThreadSpawner>());
  QVERIFY2(summary.failures.empty(), summary.failures.empty() ? "" : summary.failures.front().c_str());
  QCOMPARE(summary.state, archi::RunState::Completed);

  archi::RunStore store(dir.filePath("runs.db").toStdString(), archi::RunStore::Access::ReadOnly);
  std::map<std::string, std::vector<std::int64_t>> steps;
  std::int64_t tokens = 0;
  for (const archi::StepMetric& m : store.stepMetrics(summary.run_id)) {
    steps[m.worker_id].push_back(m.step);
    tokens += m.tokens;
  }
  QCOMPARE(steps.size(), std::size_t{4});
  for (const auto& [worker, list] : steps) {
    for (std::size_t i = 0; i < list.size(); ++i) QCOMPARE(list[i], std::int64_t(i + 1));
  }
  QCOMPARE(steps["east/east-node/0"].size(), steps["east/east-node/1"].size());
  QCOMPARE(steps["west/west-node/0"].size(), steps["west/west-node/1"].size());
  QVERIFY(tokens >= 30000);
  const auto rounds = store.outerRounds(summary.run_id);
  QVERIFY(rounds.size() >= 2);
  for (const archi::OuterRound& r : rounds) {
    QCOMPARE(r.participants, 2);
    QVERIFY(r.bytes_on_wire > 0);
  }
  const auto validation = store.validation(summary.run_id);
  QVERIFY(validation.size() >= 2);
  qInfo("%lld tokens, %zu rounds in %.1f s; validation loss %.3f -> %.3f", static_cast<long long>(tokens), rounds.size(),
        summary.elapsed_s, validation.front().loss, validation.back().loss);
  QVERIFY2(validation.back().loss < validation.front().loss,
           qPrintable(QString("validation %1 -> %2").arg(validation.front().loss).arg(validation.back().loss)));
  QCOMPARE(finalCheckpoints(store.checkpoints(summary.run_id)).size(), std::size_t{2});
}

// train.validate_every_rounds = 2: the validation loss is measured before the first round, after
// every second round, and once more for the final parameters.
void ThreadSpawnerTest::validatesEveryNthRoundAndAtTheEnd() {
  if (!QFile::exists("/usr/share/games/fortunes")) QSKIP("fortunes corpus not installed (installer/setup-deps.sh)");
  QTemporaryDir dir;
  archi::Project project = tinyTwoDatacenters();
  project.run.train.validate_every_rounds = 2;
  const archi::RunSummary summary = runLocallyWithFaults(dir, project, 30000, {}, {}, std::chrono::seconds(120),
                                                         std::chrono::seconds(20), std::make_unique<archi::ThreadSpawner>());
  QVERIFY2(summary.failures.empty(), summary.failures.empty() ? "" : summary.failures.front().c_str());
  archi::RunStore store(dir.filePath("runs.db").toStdString(), archi::RunStore::Access::ReadOnly);
  std::int64_t lastRound = 0;
  for (const archi::OuterRound& r : store.outerRounds(summary.run_id)) lastRound = std::max(lastRound, r.round);
  QVERIFY(lastRound >= 3);
  const auto validation = store.validation(summary.run_id);
  QStringList rounds;
  for (const archi::ValidationRecord& v : validation) rounds.append(QString::number(v.round));
  QVERIFY2(!validation.empty() && validation.front().round == 0, qPrintable(rounds.join(' ')));
  QVERIFY2(validation.back().round == lastRound, qPrintable(rounds.join(' ')));
  for (const archi::ValidationRecord& v : validation) {
    QVERIFY2(v.round % 2 == 0 || v.round == lastRound, qPrintable(rounds.join(' ')));
  }
  QCOMPARE(std::int64_t(validation.size()), 1 + lastRound / 2 + (lastRound % 2));
}

void ThreadSpawnerTest::stopEndsEveryWorkerThread() {
  if (!QFile::exists("/usr/share/games/fortunes")) QSKIP("fortunes corpus not installed (installer/setup-deps.sh)");
  QTemporaryDir dir;
  archi::Diagnostics problems;
  const archi::GpuCatalog catalog = archi::GpuCatalog::fromFile(
      std::filesystem::path(ARCHIPELAGO_SOURCE_DIR) / "resources" / "gpu-catalog.json", problems);
  archi::LaunchOptions launch;
  launch.runs_directory = dir.filePath("runs").toStdString();
  launch.store_path = dir.filePath("runs.db").toStdString();
  launch.pki_directory = dir.filePath("pki").toStdString();
  launch.token_budget = 50'000'000;
  archi::RunLauncher launcher(tinyTwoDatacenters(), catalog, launch, std::make_unique<archi::ThreadSpawner>());
  launcher.start();
  QElapsedTimer timer;
  timer.start();
  // Until training is under way: some twenty steps' tokens recorded.
  while (launcher.poll() && launcher.collector().totalTokens() < 20 * 256 && timer.elapsed() < 60000) QTest::qWait(100);
  launcher.requestStop();
  const archi::RunSummary summary = launcher.finish(std::chrono::seconds(30));
  QVERIFY2(summary.failures.empty(), summary.failures.empty() ? "" : summary.failures.front().c_str());
  QCOMPARE(summary.state, archi::RunState::Stopped);
  archi::RunStore store(dir.filePath("runs.db").toStdString(), archi::RunStore::Access::ReadOnly);
  QCOMPARE(finalCheckpoints(store.checkpoints(summary.run_id)).size(), std::size_t{2});
}

QTEST_GUILESS_MAIN(ThreadSpawnerTest)
#include "tst_thread_spawner.moc"
