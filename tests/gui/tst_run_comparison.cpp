// Comparing runs: the settings diff marks exactly the settings that differ (here H and one
// link's bandwidth), a pinned baseline shows the others' differences to it, curves aligned by
// tokens or by wall time carry the right x values, and thinning for drawing is said aloud.

#include <QtTest>

#include <QFile>
#include <QLineSeries>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <set>

#include "RunHistoryFixture.h"
#include "common/TestDataFolder.h"
#include "core/Diagnostic.h"
#include "core/ProjectJson.h"
#include "history/RunComparison.h"
#include "history/SettingsDiffModel.h"

class RunComparisonTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
  void settingsDiffMarksExactlyTheDifferingRows();
  void curvesAlignByTokensOrWallTime();
  void thinningIsNoted();
  void throughputFollowsATrailingWindow();

 private:
  static archi::Project demoProject();
  static void compare(RunComparison& comparison, const QString& storePath, const QList<qint64>& ids);
};

archi::Project RunComparisonTest::demoProject() {
  QFile file(QStringLiteral(ARCHIPELAGO_SOURCE_DIR "/resources/examples/local-demo.archipelago.json"));
  if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read the demo project");
  archi::Diagnostics diagnostics;
  return archi::parseProject(file.readAll().toStdString(), diagnostics).value();
}

void RunComparisonTest::compare(RunComparison& comparison, const QString& storePath, const QList<qint64>& ids) {
  QSignalSpy loaded(&comparison, &RunComparison::loaded);
  comparison.compare(storePath, ids);
  QVERIFY(loaded.wait(10000));
  QVERIFY2(comparison.data().error.isEmpty(), qPrintable(comparison.data().error));
  QCOMPARE(comparison.runIds(), ids);
}

void RunComparisonTest::settingsDiffMarksExactlyTheDifferingRows() {
  QTemporaryDir dir;
  const archi::DataLayout layout = dataLayoutIn(dir);
  archi::Project base = demoProject();
  archi::Project changed = base;
  changed.run.train.inner_steps = base.run.train.inner_steps * 2;
  QCOMPARE(changed.topology.links[0].a, std::string("beijing"));
  QCOMPARE(changed.topology.links[0].b, std::string("guiyang"));
  changed.topology.links[0].gbit = base.topology.links[0].gbit / 2;
  const std::vector<std::string> dcs = {"beijing", "guiyang", "ulanqab"};

  qint64 a = 0, b = 0;
  {
    archi::RunStore store(layout.storePath());
    TestRun run = testRun("base", "local-demo", archi::RunState::Completed, true, 4, 1000);
    run.datacenters = dcs;
    run.projectJson = archi::serializeProject(base);
    a = writeRun(store, run);
    run.name = "changed";
    run.projectJson = archi::serializeProject(changed);
    b = writeRun(store, run);
  }

  RunComparison comparison;
  compare(comparison, pathString(layout.storePath()), {a, b});
  const SettingsDiffModel& model = *comparison.settingsModel();
  std::set<QString> differing, settings;
  for (int row = 0; row < model.rowCount(); ++row) {
    const QModelIndex mark = model.index(row, SettingsDiffModel::Mark);
    const QString key = mark.data(SettingsDiffModel::KeyRole).toString();
    if (model.rows()[row].section == SettingsDiffRow::Section::Setting) settings.insert(key);
    if (mark.data(SettingsDiffModel::DiffersRole).toBool()) {
      differing.insert(key);
      QCOMPARE(mark.data().toString(), QStringLiteral("≠"));  // a symbol, not colour alone
      QVERIFY(mark.data(Qt::BackgroundRole).isValid());
    } else {
      QCOMPARE(mark.data().toString(), QString());
    }
  }
  QCOMPARE(differing, (std::set<QString>{"inner_steps", "link:beijing-guiyang:bandwidth"}));
  // Every setting of the issue is there: model, shares, H, compression, links.
  for (const char* key : {"model", "corpus", "tokens", "sync", "compression", "inner_steps", "outer_lr", "outer_momentum",
                          "share:beijing", "share:guiyang", "share:ulanqab", "link:beijing-guiyang:bandwidth", "link:beijing-guiyang:rtt",
                          "link:guiyang-ulanqab:bandwidth"}) {
    QVERIFY2(settings.count(QString::fromLatin1(key)), key);
  }

  // With the first run pinned, the second shows its difference to it.
  comparison.pinBaseline(a);
  QCOMPARE(comparison.baseline(), a);
  int innerSteps = -1;
  for (int row = 0; row < model.rowCount(); ++row) {
    if (model.rows()[row].key == "inner_steps") innerSteps = row;
  }
  QVERIFY(innerSteps >= 0);
  QVERIFY2(model.index(innerSteps, SettingsDiffModel::FirstRun + 1).data().toString().contains("+100"),
           qPrintable(model.index(innerSteps, SettingsDiffModel::FirstRun + 1).data().toString()));
  QVERIFY(model.headerData(SettingsDiffModel::FirstRun, Qt::Horizontal, Qt::DisplayRole).toString().contains("baseline"));
  // The baseline's curves are drawn thicker than the others'.
  QVERIFY(comparison.series(RunComparison::TrainingLoss, a)->pen().widthF() >
          comparison.series(RunComparison::TrainingLoss, b)->pen().widthF());
}

void RunComparisonTest::curvesAlignByTokensOrWallTime() {
  QTemporaryDir dir;
  const archi::DataLayout layout = dataLayoutIn(dir);
  qint64 a = 0, b = 0;
  {
    archi::RunStore store(layout.storePath());
    a = writeRun(store, testRun("small", "demo", archi::RunState::Completed, true, 3, 1000));
    b = writeRun(store, testRun("large", "demo", archi::RunState::Completed, true, 3, 4000));
  }
  RunComparison comparison;
  compare(comparison, pathString(layout.storePath()), {a, b});
  QCOMPARE(comparison.axis(), RunComparison::Axis::Tokens);

  // Two workers, one step each per second (the second a quarter second later): the run's tokens
  // grow by one step's tokens at every stored step.
  auto xs = [&](RunComparison::Curve curve, qint64 run) {
    QList<double> x;
    for (const QPointF& p : comparison.series(curve, run)->points()) x << p.x();
    return x;
  };
  QCOMPARE(xs(RunComparison::TrainingLoss, a), (QList<double>{1000, 2000, 3000, 4000, 5000, 6000}));
  QCOMPARE(xs(RunComparison::TrainingLoss, b), (QList<double>{4000, 8000, 12000, 16000, 20000, 24000}));
  // Validation after rounds 1..3, at the tokens the run had then.
  QCOMPARE(xs(RunComparison::ValidationLoss, b), (QList<double>{8000, 16000, 24000}));
  // The loss after a step is the mean of each worker's latest loss: after worker 1's first step,
  // (2.9 + 2.85) / 2.
  QCOMPARE(comparison.series(RunComparison::TrainingLoss, a)->at(1).y(), (2.9 + 2.85) / 2);

  comparison.setAxis(RunComparison::Axis::WallTime);
  QCOMPARE(xs(RunComparison::TrainingLoss, a), (QList<double>{1.0, 1.25, 2.0, 2.25, 3.0, 3.25}));
  QCOMPARE(xs(RunComparison::TrainingLoss, b), xs(RunComparison::TrainingLoss, a));
  QCOMPARE(xs(RunComparison::ValidationLoss, a), (QList<double>{1.5, 2.5, 3.5}));
  // Throughput over a trailing window (10 s at least, so here from the start), sampled every
  // 2.5 s up to the last step: the tokens so far over the time so far.
  QList<double> rates;
  for (const QPointF& p : comparison.series(RunComparison::Throughput, a)->points()) rates << p.y();
  QCOMPARE(rates, (QList<double>{4000 / 2.5, 6000 / 3.25}));
  QCOMPARE(xs(RunComparison::Throughput, a), (QList<double>{2.5, 3.25}));
  comparison.setAxis(RunComparison::Axis::Tokens);
  QCOMPARE(xs(RunComparison::Throughput, a), (QList<double>{4000, 6000}));
  QVERIFY(comparison.thinningNote(RunComparison::TrainingLoss).isEmpty());
}

void RunComparisonTest::thinningIsNoted() {
  QTemporaryDir dir;
  const archi::DataLayout layout = dataLayoutIn(dir);
  qint64 a = 0, b = 0;
  {
    archi::RunStore store(layout.storePath());
    a = writeRun(store, testRun("long", "demo", archi::RunState::Completed, true, 3000, 100));
    b = writeRun(store, testRun("short", "demo", archi::RunState::Completed, true, 10, 100));
  }
  RunComparison comparison;
  compare(comparison, pathString(layout.storePath()), {a, b});
  const int drawn = int(comparison.series(RunComparison::TrainingLoss, a)->count());
  QVERIFY2(drawn <= 2000 && drawn > 100, qPrintable(QString::number(drawn)));
  QCOMPARE(comparison.series(RunComparison::TrainingLoss, b)->count(), 20);  // short series drawn whole
  const QString note = comparison.thinningNote(RunComparison::TrainingLoss);
  QVERIFY2(note.contains(QLocale().toString(6020)), qPrintable(note));  // 3000 × 2 + 10 × 2 stored points
  QVERIFY(note.contains(QLocale().toString(drawn + 20)));
  // The first and last points survive thinning.
  QCOMPARE(comparison.series(RunComparison::TrainingLoss, a)->at(0).x(), 100.0);
  QCOMPARE(comparison.series(RunComparison::TrainingLoss, a)->at(drawn - 1).x(), 600000.0);
}

void RunComparisonTest::throughputFollowsATrailingWindow() {
  // One worker: a step a second, 1,000 tokens for 40 s, then 3,000 tokens for 40 s.
  std::vector<archi::StepMetric> steps;
  for (int k = 1; k <= 80; ++k) {
    archi::StepMetric m;
    m.worker_id = "w";
    m.step = k;
    m.wall_time_s = 100.0 + k;
    m.tokens = k <= 40 ? 1000 : 3000;
    steps.push_back(m);
  }
  const run_curves::Curves curves = run_curves::curvesFrom(steps, {}, 100.0);
  QCOMPARE(run_curves::throughputWindow_s(80.0), 10.0);
  QCOMPARE(curves.throughput.size(), std::size_t(32));  // every 2.5 s up to 80 s
  // At 40 s the window holds only the slow steps, at 80 s only the fast ones (the run's mean,
  // 2,000 tok/s, would hide the change).
  QCOMPARE(curves.throughput[15].seconds, 40.0);
  QCOMPARE(curves.throughput[15].value, 1000.0);
  QCOMPARE(curves.throughput.back().seconds, 80.0);
  QCOMPARE(curves.throughput.back().value, 3000.0);
  QCOMPARE(curves.throughput.back().tokens, 160000.0);
}

QTEST_MAIN(RunComparisonTest)
#include "tst_run_comparison.moc"
