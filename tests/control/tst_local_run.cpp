// A real multi-datacenter run on this machine through `archi run --local`: two datacenters
// of two workers each, Gloo inside, TLS DiLoCo between. It must learn, leave every step of
// every worker in the store with no gaps, and stop cleanly on Ctrl+C.

#include <QtTest>

#include <signal.h>

#include <map>

#include "core/ProjectJson.h"
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
  archi::Project project;
  project.name = "tiny-two-dc";
  for (const char* id : {"east", "west"}) {
    archi::Datacenter dc;
    dc.id = id;
    dc.name = id;
    dc.nodes.push_back({std::string(id) + "-node", "127.0.0.1", id[0] == 'e' ? 7801 : 7802, {{"CPU", 2, false}}});
    project.topology.datacenters.push_back(dc);
  }
  project.topology.links.push_back({"east", "west", 1.0, 5.0, 0.0});
  project.run.model = {1, 2, 32, 32, 256};
  project.run.data.corpus = "/usr/share/games/fortunes";
  project.run.train.tokens = tokens;
  project.run.train.batch_tokens = 256;
  project.run.train.inner_steps = 5;
  project.run.train.lr = 3e-3;
  project.run.train.outer_lr = 0.7;
  project.run.train.outer_momentum = 0.5;
  project.run.train.sync = sync == "ddp" ? archi::SyncMode::Ddp : archi::SyncMode::DiLoCo;
  const QString path = dir.filePath("tiny.archipelago.json");
  archi::saveProjectFile(project, path.toStdString());
  return path;
}

QStringList LocalRunTest::runArguments(const QTemporaryDir& dir, const QString& project, const QString& name) {
  return {"run", project, "--local", "--runs-dir", dir.filePath("runs"), "--store", dir.filePath("runs.db"),
          "--pki", dir.filePath("pki"), "--name", name};
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

  archi::RunStore store(dir.filePath("runs.db").toStdString());
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
  QCOMPARE(store.checkpoints(id).size(), std::size_t{2});
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
    if (!QFile::exists(dir.filePath("runs.db"))) continue;
    try {
      archi::RunStore store(dir.filePath("runs.db").toStdString(), archi::RunStore::Access::ReadOnly);
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
  archi::RunStore store(dir.filePath("runs.db").toStdString());
  const auto runs = store.listRuns();
  QCOMPARE(runs.front().state, archi::RunState::Stopped);
  QCOMPARE(store.checkpoints(runs.front().id).size(), std::size_t{2});
  for (const archi::CheckpointRecord& c : store.checkpoints(runs.front().id)) QVERIFY(QFile::exists(QString::fromStdString(c.path)));
}

QTEST_GUILESS_MAIN(LocalRunTest)
#include "tst_local_run.moc"
