// The console following a run with a datacenter launched through a real single-host Slurm
// (tests/slurm/start-slurm.sh, as root): "Run on this machine" sends "east" to a loopback node
// agent and "west" to slurmrestd as a Slurm job, and the run strip shows west's job id and
// state from the spawner. A screenshot of the window is saved (ARCHI_SCREENSHOT_DIR, else the
// test's folder). Skipped (QSKIP with the reason) where Slurm cannot start here.

#include <QtTest>

#include <QLabel>
#include <QProcess>

#include "app/MainWindow.h"
#include "bridge/NodeStatusService.h"
#include "bridge/ProjectDocument.h"
#include "bridge/RunService.h"
#include "common/TestProject.h"
#include "core/ProjectJson.h"

class SlurmConsoleTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void cleanupTestCase();
  void stripShowsTheSlurmJob();

 private:
  QTemporaryDir dir_;
  QString state_;
  QMap<QString, QString> env_;  // what start-slurm.sh wrote to STATE/env
};

void SlurmConsoleTest::initTestCase() {
  QStandardPaths::setTestModeEnabled(true);
  QVERIFY(dir_.isValid());
  QFile::setPermissions(dir_.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup |
                                         QFile::ReadOther | QFile::ExeOther);
  state_ = dir_.filePath("slurm");
  QProcess start;
  start.setProcessChannelMode(QProcess::MergedChannels);
  const int port = 22000 + int(QCoreApplication::applicationPid() % 20000);
  start.start(QStringLiteral(ARCHIPELAGO_SOURCE_DIR "/tests/slurm/start-slurm.sh"), {state_, QString::number(port)});
  QVERIFY(start.waitForFinished(60000));
  const QString output = QString::fromUtf8(start.readAll()).trimmed();
  if (start.exitCode() == 77) QSKIP(qPrintable(output));
  QVERIFY2(start.exitCode() == 0, qPrintable(output));
  QFile envFile(state_ + "/env");
  QVERIFY(envFile.open(QIODevice::ReadOnly));
  for (const QString& line : QString::fromUtf8(envFile.readAll()).split('\n', Qt::SkipEmptyParts)) {
    env_[line.section('=', 0, 0)] = line.section('=', 1);
  }
}

void SlurmConsoleTest::cleanupTestCase() {
  if (!state_.isEmpty()) QProcess::execute(QStringLiteral(ARCHIPELAGO_SOURCE_DIR "/tests/slurm/stop-slurm.sh"), {state_});
}

void SlurmConsoleTest::stripShowsTheSlurmJob() {
  TestProject tiny("slurm-console");
  tiny.datacenter("east", 7861, {"CPU", 1, false})
      .datacenter("west", 7862, {"CPU", 1, false})
      .link("east", "west", 1.0, 5.0)
      .tokens(50'000'000)  // far more than the test waits for: it stops the run
      .batchTokens(256)
      .innerSteps(5)
      .outerLoop(0.7, 0.5);
  archi::Project project = tiny.project();
  archi::DatacenterLaunch& launch = project.topology.datacenters[1].launch;
  launch.via = archi::LaunchVia::Slurm;
  launch.url = env_.value("ARCHI_SLURM_URL").toStdString();
  launch.partition = env_.value("ARCHI_SLURM_PARTITION").toStdString();
  launch.user = env_.value("ARCHI_SLURM_USER").toStdString();
  launch.token_file = env_.value("ARCHI_SLURM_TOKEN_FILE").toStdString();
  const QString path = dir_.filePath("slurm-console.archipelago.json");
  archi::saveProjectFile(project, path.toStdString());

  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  MainWindow window(document);
  window.setConfirm([](const QString&, const QString&) { return true; });
  window.setSaveChangesPrompt([] { return QMessageBox::Discard; });
  QSignalSpy checked(window.nodeStatusService(), &NodeStatusService::checkFinished);
  QVERIFY(window.openProject(path));
  QVERIFY(!document.problems().hasErrors());
  // Before the launch, west's node card carries its partition as the real slurmrestd reports it.
  QVERIFY(checked.count() > 0 || checked.wait(20000));
  const NodeStatus* west = window.nodeStatusService()->statusOf("west-node");
  QVERIFY(west != nullptr && west->viaSlurm);
  QVERIFY2(west->state == NodeStatus::State::Reachable, qPrintable(west->problem()));
  QVERIFY2(west->slurmFree.startsWith("partition " + env_.value("ARCHI_SLURM_PARTITION") + " (UP): "), qPrintable(west->slurmFree));
  qInfo("west before the launch: Slurm %s, %s", qPrintable(west->version), qPrintable(west->slurmFree));
  window.resize(1400, 900);
  window.show();
  window.runService()->setSettings({qEnvironmentVariable("ARCHI_BIN"), dir_.filePath("data"), 0});
  QVERIFY(window.runHere());
  auto* strip = window.findChild<QLabel*>("runStrip");
  QVERIFY(strip != nullptr);
  // West's job runs and both datacenters step: the strip names the job and its state.
  auto stepping = [&] {
    const RunProgress& p = window.runService()->progress();
    if (p.datacenters.size() != 2) return false;
    for (const RunProgress::Datacenter& dc : p.datacenters) {
      if (dc.steps < 3) return false;
    }
    return true;
  };
  QTRY_VERIFY_WITH_TIMEOUT(stepping(), 90000);
  QTRY_VERIFY_WITH_TIMEOUT(strip->text().contains(QRegularExpression("west: Slurm job \\d+ running")), 20000);
  const RunProgress running = window.runService()->progress();
  QCOMPARE(running.slurmJobs.size(), 1);
  QCOMPARE(running.slurmJobs[0].datacenter, QString("west"));
  QCOMPARE(running.slurmJobs[0].state, QString("RUNNING"));
  const QString shots = qEnvironmentVariable("ARCHI_SCREENSHOT_DIR", dir_.path());
  const QString shot = shots + "/console-slurm-job.png";
  QVERIFY(window.grab().toImage().save(shot));
  qInfo("strip: %s", qPrintable(strip->text()));
  qInfo("screenshot: %s", qPrintable(shot));

  window.stopRun();
  QTRY_VERIFY_WITH_TIMEOUT(!window.runService()->isActive(), 90000);
  const RunProgress& ended = window.runService()->progress();
  QVERIFY2(ended.phase == RunProgress::Phase::Stopped, qPrintable(ended.message));
}

QTEST_MAIN(SlurmConsoleTest)
#include "tst_slurm_console.moc"
