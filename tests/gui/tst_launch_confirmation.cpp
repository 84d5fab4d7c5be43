// The plan shown before Run on This Machine starts anything, offscreen: declining starts nothing
// (no run, no store), accepting starts the run; the summary carries the plan's throughput, round
// time, WAN share and each device's memory fit, and the dialog shows them in words.

#include <QtTest>

#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>

#include <filesystem>

#include "app/MainWindow.h"
#include "bridge/ProjectDocument.h"
#include "bridge/RunService.h"
#include "common/TestProject.h"
#include "control/RunLauncher.h"
#include "settings/LaunchConfirmation.h"

class LaunchConfirmationTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
  void decliningStartsNothing();
  void acceptingStarts();
  void dialogShowsFitAndFigures();
  void screenshot();
};

namespace {

QString writeProject(const QTemporaryDir& dir) {
  return TestProject("launch-confirm")
      .datacenter("east", 7861, {"CPU", 2, false})
      .datacenter("west", 7862, {"CPU", 1, false})
      .link("east", "west", 1.0, 5.0)
      .tokens(50'000'000)  // far more than the test waits for: it stops the run
      .batchTokens(256)
      .innerSteps(5)
      .write(dir);
}

}  // namespace

void LaunchConfirmationTest::decliningStartsNothing() {
  QTemporaryDir dir;
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  MainWindow window(document);
  QVERIFY(window.openProject(writeProject(dir)));
  window.runService()->setSettings({qEnvironmentVariable("ARCHI_BIN"), dir.filePath("data"), 0});
  int asked = 0;
  LaunchSummary shown;
  window.setLaunchConfirm([&](const LaunchSummary& summary) {
    ++asked;
    shown = summary;
    return false;
  });
  QVERIFY(!window.runHere());
  QCOMPARE(asked, 1);
  QVERIFY(!window.runService()->isActive());
  QVERIFY(!std::filesystem::exists(window.runService()->dataLayout().storePath()));

  // The plan it was asked on: three CPU devices in two datacenters, each holding its share.
  QCOMPARE(shown.projectName, QStringLiteral("launch-confirm"));
  QCOMPARE(shown.tokenBudget, qint64(50'000'000));
  QCOMPARE(shown.innerSteps, 5);
  QVERIFY(shown.predictedTokensPerS > 0.0);
  QVERIFY(shown.predictedTokensPerS <= shown.idealTokensPerS + 1e-9);
  QVERIFY(shown.roundMs > 0.0);
  QVERIFY(shown.wanShare > 0.0 && shown.wanShare < 1.0);
  QCOMPARE(shown.devices.size(), 3);
  QCOMPARE(shown.excludedDevices, 0);
  for (const LaunchDevice& d : shown.devices) {
    QVERIFY2(d.sequencesPerStep > 0 && d.sequencesPerStep <= d.maxSequences, qPrintable(d.id));
  }
  QCOMPARE(shown.devices.front().id, QStringLiteral("east/east-node/0"));
}

void LaunchConfirmationTest::acceptingStarts() {
  QTemporaryDir dir;
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  MainWindow window(document);
  window.setConfirm([](const QString&, const QString&) { return true; });  // the stop at the end
  window.setSaveChangesPrompt([] { return QMessageBox::Discard; });
  QVERIFY(window.openProject(writeProject(dir)));
  window.runService()->setSettings({qEnvironmentVariable("ARCHI_BIN"), dir.filePath("data"), 0});
  int asked = 0;
  window.setLaunchConfirm([&](const LaunchSummary&) {
    ++asked;
    return true;
  });
  QVERIFY(window.runHere());
  QCOMPARE(asked, 1);
  QVERIFY(window.runService()->isActive());
  QTRY_VERIFY_WITH_TIMEOUT(window.runService()->progress().tokens > 0 || !window.runService()->isActive(), 90000);
  QVERIFY2(window.runService()->isActive(), qPrintable(window.runService()->progress().message));
  window.stopRun();
  QTRY_VERIFY_WITH_TIMEOUT(!window.runService()->isActive(), 90000);
  QVERIFY(std::filesystem::exists(window.runService()->dataLayout().storePath()));
}

void LaunchConfirmationTest::dialogShowsFitAndFigures() {
  archi::Project project;
  project.name = "fit";
  project.run.train.tokens = 1'000'000;
  archi::Plan plan;
  plan.sync = archi::SyncMode::DiLoCo;
  plan.inner_steps = 25;
  plan.predicted_tokens_per_s = 20'000;
  plan.ideal_tokens_per_s = 25'000;
  plan.efficiency = 0.8;
  plan.round_ms = 4'000;
  plan.comm_share = 0.05;
  archi::DatacenterPlan dc;
  dc.id = "bj";
  dc.name = "Beijing";
  archi::DevicePlan fits;
  fits.device.id = "bj/n1/0";
  fits.device.type = "A100-80G";
  fits.device.emulated = true;
  fits.max_sequences = 24;
  fits.sequences_per_step = 6;
  archi::DevicePlan tooSmall;
  tooSmall.device.id = "bj/n1/1";
  tooSmall.device.type = "T4";
  tooSmall.excluded = true;
  dc.devices = {fits, tooSmall};
  plan.datacenters = {dc};

  const LaunchSummary summary = summarizeLaunch(project, plan);
  QCOMPARE(summary.excludedDevices, 1);
  QCOMPARE(summary.expectedDurationS, 50.0);  // 1M tokens at 20k tok/s
  LaunchConfirmation dialog(summary);
  auto* devices = dialog.findChild<QTreeWidget*>("launchDevices");
  QVERIFY(devices);
  QCOMPARE(devices->topLevelItemCount(), 2);
  QVERIFY(devices->topLevelItem(0)->text(3).contains("6 of at most 24"));
  QVERIFY(devices->topLevelItem(0)->text(1).contains("emulated"));
  QVERIFY(devices->topLevelItem(1)->text(3).contains("left out"));
  QVERIFY(dialog.findChild<QLabel*>("throughput")->text().contains("20k tok/s"));
  QVERIFY(dialog.findChild<QLabel*>("throughput")->text().contains("80"));
  QVERIFY(dialog.findChild<QLabel*>("wanShare")->text().contains("5"));
  QVERIFY(dialog.findChild<QLabel*>("launchWarnings")->text().contains("cannot take part"));
  // Launch accepts, Cancel declines.
  dialog.findChild<QPushButton*>("launchButton")->click();
  QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

// Only when refreshing docs/screenshots: the demo's plan as Run on This Machine shows it.
void LaunchConfirmationTest::screenshot() {
  const QString shots = qEnvironmentVariable("ARCHIPELAGO_SCREENSHOT_DIR");
  if (shots.isEmpty()) QSKIP("set ARCHIPELAGO_SCREENSHOT_DIR to write docs/screenshots/launch-confirmation.png");
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  QVERIFY(document.open(QStringLiteral(ARCHIPELAGO_SOURCE_DIR "/resources/examples/local-demo.archipelago.json")));
  const archi::Plan plan = archi::planLocalRun(*document.project(), document.catalog(), {});
  LaunchConfirmation dialog(summarizeLaunch(*document.project(), plan));
  dialog.show();
  QTest::qWait(100);
  QVERIFY(dialog.grab().save(QDir(shots).filePath("launch-confirmation.png")));
}

QTEST_MAIN(LaunchConfirmationTest)
#include "tst_launch_confirmation.moc"
