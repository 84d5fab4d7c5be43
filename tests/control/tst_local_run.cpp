// A real multi-datacenter run on this machine through `archi run --local`: two datacenters
// of two workers each, Gloo inside, TLS DiLoCo between. It must learn, leave every step of
// every worker in the store with no gaps, and stop cleanly on Ctrl+C.

#include <QtTest>

#include <signal.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "common/FinalCheckpoints.h"
#include "common/TestDataFolder.h"
#include "common/TestProject.h"
#include "plan/DeviceProfile.h"
#include "store/RunStore.h"

class LocalRunTest : public QObject {
  Q_OBJECT

 private slots:
  void twoDatacentersLearnAndRecordEveryStep_data();
  void twoDatacentersLearnAndRecordEveryStep();
  void ctrlCStopsCleanlyWithCheckpoints();

 private:
  static QString writeProject(const QTemporaryDir& dir, const QString& sync, std::int64_t tokens);
  static QStringList runArguments(const QTemporaryDir& dir, const QString& project, const QString& name);
};

QString LocalRunTest::writeProject(const QTemporaryDir& dir, const QString& sync, std::int64_t tokens) {
  return TestProject("tiny-two-dc")
      .datacenter("east", 7801, {"CPU", 2, false})
      .datacenter("west", 7802, {"CPU", 2, false})
      .link("east", "west", 1.0, 5.0)
      .tokens(tokens)
      .batchTokens(256)
      .innerSteps(5)
      .outerLoop(0.7, 0.5)
      .sync(sync == "ddp" ? archi::SyncMode::Ddp : archi::SyncMode::DiLoCo)
      .write(dir);
}

QStringList LocalRunTest::runArguments(const QTemporaryDir& dir, const QString& project, const QString& name) {
  return QStringList{"run", project, "--local"} + dataFolderArguments(dataLayoutIn(dir)) + QStringList{"--name", name};
}

void LocalRunTest::twoDatacentersLearnAndRecordEveryStep_data() {
  QTest::addColumn<QString>("sync");
  QTest::newRow("diloco") << "diloco";
  QTest::newRow("ddp") << "ddp";
}

void LocalRunTest::twoDatacentersLearnAndRecordEveryStep() {
  QFETCH(QString, sync);
  QTemporaryDir dir;
  const QString project = writeProject(dir, sync, 60000);
  QProcess run;
  run.setProcessChannelMode(QProcess::MergedChannels);
  run.start(qEnvironmentVariable("ARCHI_BIN"), runArguments(dir, project, "tiny-" + sync));
  QVERIFY(run.waitForFinished(150000));
  const QString output = QString::fromUtf8(run.readAll());
  QVERIFY2(run.exitStatus() == QProcess::NormalExit && run.exitCode() == 0, qPrintable(output));
  QVERIFY2(output.contains("completed"), qPrintable(output));

  archi::RunStore store(dataLayoutIn(dir).storePath());
  const auto runs = store.listRuns();
  QCOMPARE(runs.size(), std::size_t{1});
  const std::int64_t id = runs.front().id;
  QCOMPARE(runs.front().state, archi::RunState::Completed);
  QCOMPARE(store.workers(id).size(), std::size_t{4});

  // Every worker's steps are 1..N with no gap, and both workers of a datacenter took the same steps.
  std::map<std::string, std::vector<std::int64_t>> steps;
  for (const archi::StepMetric& m : store.stepMetrics(id)) steps[m.worker_id].push_back(m.step);
  QCOMPARE(steps.size(), std::size_t{4});
  for (const auto& [worker, list] : steps) {
    for (std::size_t i = 0; i < list.size(); ++i) QCOMPARE(list[i], std::int64_t(i + 1));
  }
  QCOMPARE(steps["east/east-node/0"].size(), steps["east/east-node/1"].size());
  QCOMPARE(steps["west/west-node/0"].size(), steps["west/west-node/1"].size());

  // Each datacenter's rendezvous store had a secret of its own: 0600 files in a 0700 folder.
  namespace fs = std::filesystem;
  const fs::path secrets = dataLayoutIn(dir).runDirectory(runs.front().name) / "secrets";  // the run id: name and suffix
  QVERIFY2(runs.front().name.starts_with(("tiny-" + sync).toStdString() + "-"), runs.front().name.c_str());
  QVERIFY((fs::status(secrets).permissions() & fs::perms::all) == fs::perms::owner_all);
  std::set<std::string> secretTexts;
  for (const char* datacenter : {"east", "west"}) {
    const fs::path file = secrets / (std::string(datacenter) + ".secret");
    QVERIFY2((fs::status(file).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write),
             file.c_str());
    std::ifstream in(file);
    std::string text;
    in >> text;
    QCOMPARE(text.size(), std::size_t{64});
    secretTexts.insert(text);
  }
  QCOMPARE(secretTexts.size(), std::size_t{2});
  std::int64_t tokens = 0;
  for (const archi::StepMetric& m : store.stepMetrics(id)) tokens += m.tokens;
  QVERIFY(tokens >= 60000);

  const auto validation = store.validation(id);
  QVERIFY(validation.size() >= 2);
  QVERIFY2(validation.back().loss < validation.front().loss - 0.5,
           qPrintable(QString("validation %1 -> %2").arg(validation.front().loss).arg(validation.back().loss)));
  if (sync == "diloco") {
    const auto rounds = store.outerRounds(id);
    QVERIFY(rounds.size() >= 4);
    for (const archi::OuterRound& r : rounds) {
      QCOMPARE(r.participants, 2);
      QVERIFY(r.bytes_on_wire > 0);
      QVERIFY(r.compression_ratio < 0.3);  // int8 with per-block scales
    }
  }
  QVERIFY(!store.samples(id).empty());
  QCOMPARE(finalCheckpoints(store.checkpoints(id)).size(), std::size_t{2});
  // The run's measured speed is kept as the planner's prior for this model shape.
  const auto profiles = store.deviceProfiles(archi::modelKey({1, 2, 32, 32, 256}));
  QCOMPARE(profiles.size(), std::size_t{1});
  QCOMPARE(profiles.front().device_type, std::string("CPU"));
  QVERIFY(profiles.front().tokens_per_s > 0.0);
}

void LocalRunTest::ctrlCStopsCleanlyWithCheckpoints() {
  QTemporaryDir dir;
  const QString project = writeProject(dir, "diloco", 50'000'000);
  QProcess run;
  run.setProcessChannelMode(QProcess::MergedChannels);
  run.start(qEnvironmentVariable("ARCHI_BIN"), runArguments(dir, project, "interrupted"));
  QVERIFY(run.waitForStarted());
  // Wait until training is under way: a few steps in the store.
  QElapsedTimer timer;
  timer.start();
  std::int64_t steps = 0;
  while (steps < 20 && timer.elapsed() < 60000) {
    QTest::qWait(500);
    if (!std::filesystem::exists(dataLayoutIn(dir).storePath())) continue;
    try {
      archi::RunStore store(dataLayoutIn(dir).storePath(), archi::RunStore::Access::ReadOnly);
      const auto runs = store.listRuns();
      if (!runs.empty()) steps = store.countStepMetrics(runs.front().id);
    } catch (const archi::StoreError&) {
      // being created right now
    }
  }
  QVERIFY(steps >= 20);
  ::kill(static_cast<pid_t>(run.processId()), SIGINT);
  QVERIFY(run.waitForFinished(60000));
  const QString output = QString::fromUtf8(run.readAll());
  QVERIFY2(run.exitCode() == 0, qPrintable(output));
  archi::RunStore store(dataLayoutIn(dir).storePath());
  const auto runs = store.listRuns();
  QCOMPARE(runs.front().state, archi::RunState::Stopped);
  QCOMPARE(finalCheckpoints(store.checkpoints(runs.front().id)).size(), std::size_t{2});
  for (const archi::CheckpointRecord& c : finalCheckpoints(store.checkpoints(runs.front().id))) {
    QVERIFY(QFile::exists(QString::fromStdString(c.path)));
  }
}

QTEST_GUILESS_MAIN(LocalRunTest)
#include "tst_local_run.moc"
