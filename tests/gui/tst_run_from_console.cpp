// "Run on this machine" from the console object, offscreen: a tiny two-datacenter project
// starts through the engine's launcher and one loopback node agent per node (real agent and
// worker processes, as `archi run --local`), the status strip follows its
// steps and loss per datacenter, and Stop ends it cleanly with the run recorded as stopped.

#include <QtTest>

#include <QJsonDocument>
#include <QJsonObject>

#include <QLabel>
#include <QToolButton>

#include <filesystem>

#include "app/EventLog.h"
#include "app/MainWindow.h"
#include "app/ProblemsPanel.h"
#include "bridge/AttachableRuns.h"
#include "bridge/NodeStatusService.h"
#include "bridge/ProjectDocument.h"
#include "bridge/RunService.h"
#include "common/TestProject.h"
#include "pools/PoolTableModel.h"
#include "pools/PoolsView.h"
#include "store/RunStore.h"

class RunFromConsoleTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
  void startsFollowsAndStops();
  void refusesAProjectWithErrors();
  void closingDetachesAndReopeningOffersToAttach();
};

namespace {

QString writeTinyProject(const QTemporaryDir& dir) {
  return TestProject("tiny-console")
      .datacenter("east", 7851, {"CPU", 1, false})
      .datacenter("west", 7852, {"CPU", 1, false})
      .link("east", "west", 1.0, 5.0)
      .tokens(50'000'000)  // far more than the test waits for: it stops the run
      .batchTokens(256)
      .innerSteps(5)
      .outerLoop(0.7, 0.5)
      .write(dir);
}

// The data folder the tests give the console through its run settings (dir/data).
archi::DataLayout consoleData(const QTemporaryDir& dir) { return archi::DataLayout(dir.filePath("data").toStdString()); }

}  // namespace

void RunFromConsoleTest::startsFollowsAndStops() {
  QTemporaryDir dir;
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  MainWindow window(document);
  int confirmations = 0;
  window.setConfirm([&](const QString&, const QString&) {
    ++confirmations;
    return true;
  });
  window.setSaveChangesPrompt([] { return QMessageBox::Discard; });
  QVERIFY(window.openProject(writeTinyProject(dir)));
  QVERIFY(!document.problems().hasErrors());
  window.runService()->setSettings({qEnvironmentVariable("ARCHI_BIN"), dir.filePath("data"), 0});

  QVERIFY(window.action("actionRunHere")->isEnabled());
  QVERIFY(!window.action("actionStop")->isEnabled());
  QList<RunProgress::Event> runEvents;
  connect(window.runService(), &RunService::runEvent, this, [&](const RunProgress::Event& e) { runEvents.append(e); });
  QVERIFY(window.runHere());
  QVERIFY(window.runService()->isActive());
  QVERIFY(!window.action("actionRunHere")->isEnabled());
  QVERIFY(window.action("actionStop")->isEnabled());

  // Both datacenters take a few steps; the GUI thread keeps serving events meanwhile.
  auto stepsEverywhere = [&](qint64 atLeast) {
    const RunProgress& p = window.runService()->progress();
    if (p.datacenters.size() != 2) return false;
    for (const RunProgress::Datacenter& dc : p.datacenters) {
      if (dc.steps < atLeast) return false;
    }
    return true;
  };
  QTRY_VERIFY_WITH_TIMEOUT(stepsEverywhere(3), 90000);
  const RunProgress running = window.runService()->progress();
  QCOMPARE(running.phase, RunProgress::Phase::Running);
  QVERIFY(running.tokens > 0);
  QVERIFY(running.datacenters[0].loss > 0.0);
  auto* strip = window.findChild<QLabel*>("runStrip");
  QVERIFY2(strip->text().contains("running"), qPrintable(strip->text()));
  QVERIFY2(strip->text().contains("east loss"), qPrintable(strip->text()));
  // While the run goes, its nodes are asked at the loopback agents it goes through.
  NodeStatusService* nodes = window.nodeStatusService();
  QTRY_VERIFY_WITH_TIMEOUT(nodes->statusOf("east-node") && nodes->statusOf("east-node")->state == NodeStatus::State::Reachable, 20000);
  QVERIFY(nodes->statusOf("east-node")->viaRun);

  window.stopRun();
  QCOMPARE(confirmations, 1);  // stopping asks first
  QTRY_VERIFY_WITH_TIMEOUT(!window.runService()->isActive(), 90000);
  const RunProgress& ended = window.runService()->progress();
  QVERIFY2(ended.phase == RunProgress::Phase::Stopped, qPrintable(ended.message));
  QVERIFY(strip->text().contains("stopped"));
  QVERIFY(window.action("actionRunHere")->isEnabled());
  // Afterwards nothing listens at the project's addresses, as expected for loopback agents that
  // Run on This Machine starts: "local" on the cards, nothing in Problems.
  QTRY_VERIFY_WITH_TIMEOUT(nodes->statusOf("west-node") && nodes->statusOf("west-node")->localOnly, 20000);
  QCOMPARE(window.problemsPanel()->topLevelItemCount(), 0);
  // The run's own events (workers starting, the stop) reached the console, each once.
  QStringList kinds;
  QStringList described;  // "kind@source: text"
  for (const RunProgress::Event& e : runEvents) {
    kinds.append(e.kind);
    described.append(e.kind + "@" + e.source + ": " + e.text);
  }
  QVERIFY2(kinds.count("worker-starting") >= 2, qPrintable(described.join('\n')));
  // The fields come along, so the console renders the sentence in its own language (bridge/EventText).
  for (const RunProgress::Event& e : runEvents) {
    if (e.kind != QLatin1String("worker-starting")) continue;
    const QJsonObject fields = QJsonDocument::fromJson(e.fields.toUtf8()).object();
    QVERIFY2(!fields.value("worker").toString().isEmpty() && !fields.value("datacenter").toString().isEmpty(), qPrintable(e.fields));
  }
  // Through the node agents each agent records the stop too; the launcher's is there once.
  QVERIFY2(described.filter(QRegularExpression("^stop-requested@launcher:")).size() == 1, qPrintable(described.join('\n')));

  archi::RunStore store(consoleData(dir).storePath());
  const auto runs = store.listRuns();
  QCOMPARE(runs.size(), std::size_t{1});
  QCOMPARE(runs.front().state, archi::RunState::Stopped);
  QVERIFY(!store.stepMetrics(runs.front().id).empty());

  // The pools view now shows what each device measured in that run.
  PoolTableModel* pools = window.poolsView()->model();
  QTRY_VERIFY_WITH_TIMEOUT(pools->index(0, PoolTableModel::MeasuredTokensPerS).data(PoolTableModel::SortRole).toDouble() > 0.0, 10000);
  QVERIFY(pools->index(0, PoolTableModel::MeasuredTokensPerS).data().toString().endsWith("tok/s"));
  QVERIFY(pools->index(1, PoolTableModel::MeasuredTokensPerS).data(Qt::ToolTipRole).toString().contains(ended.runName));
}

void RunFromConsoleTest::refusesAProjectWithErrors() {
  QTemporaryDir dir;
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  MainWindow window(document);
  window.setConfirm([](const QString&, const QString&) { return true; });
  QVERIFY(window.openProject(writeTinyProject(dir)));
  archi::Project broken = *document.project();
  broken.topology.links[0].gbit = 0.0;
  document.applyEdit("break", broken);
  window.runService()->setSettings({qEnvironmentVariable("ARCHI_BIN"), dir.filePath("data"), 0});
  QVERIFY(!window.runHere());
  QVERIFY(!window.runService()->isActive());
  QVERIFY(!std::filesystem::exists(consoleData(dir).storePath()));
}

// Closing the console during a run leaves it going on its loopback agents; a console that opens
// the project again offers to attach, and attaching follows the run live until it is stopped.
void RunFromConsoleTest::closingDetachesAndReopeningOffersToAttach() {
  QTemporaryDir dir;
  const QString file = writeTinyProject(dir);
  const RunService::Settings settings{qEnvironmentVariable("ARCHI_BIN"), dir.filePath("data"), 0};
  auto confirmYes = [](const QString&, const QString&) { return true; };
  QString runName;
  {
    ProjectDocument document;
    QVERIFY(document.loadCatalog());
    MainWindow window(document);
    window.setConfirm(confirmYes);
    window.setSaveChangesPrompt([] { return QMessageBox::Discard; });
    window.runService()->setSettings(settings);
    QVERIFY(window.openProject(file));
    QVERIFY(window.runHere());
    QTRY_VERIFY_WITH_TIMEOUT(window.runService()->progress().tokens > 0 || !window.runService()->isActive(), 90000);
    QVERIFY2(window.runService()->isActive(), qPrintable(window.runService()->progress().message));
    runName = window.runService()->progress().runName;
    QVERIFY(window.close());
    QTRY_COMPARE(window.runService()->progress().phase, RunProgress::Phase::Detached);
  }
  // The store still has the run as Running, with the agents it went through.
  const QList<AttachableRun> runs = findAttachableRuns(consoleData(dir).storePath());
  QCOMPARE(runs.size(), 1);
  QCOMPARE(runs.front().name, runName);
  QVERIFY(runs.front().localAgents);
  QCOMPARE(int(runs.front().agents.size()), 2);

  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  MainWindow window(document);
  window.setConfirm(confirmYes);
  window.runService()->setSettings(settings);
  QVERIFY(window.openProject(file));
  QTRY_VERIFY_WITH_TIMEOUT(!window.attachOffer()->isHidden(), 10000);
  QVERIFY(window.attachOffer()->text().contains(runName));
  window.attachOffer()->click();
  QTRY_COMPARE_WITH_TIMEOUT(window.runService()->progress().phase, RunProgress::Phase::Running, 60000);
  const qint64 tokensAtAttach = window.runService()->progress().tokens;
  QTRY_VERIFY_WITH_TIMEOUT(window.runService()->progress().tokens > tokensAtAttach, 60000);
  QCOMPARE(window.runService()->progress().runName, runName);
  window.stopRun();
  QTRY_VERIFY_WITH_TIMEOUT(!window.runService()->isActive(), 90000);
  QVERIFY2(window.runService()->progress().phase == RunProgress::Phase::Stopped, qPrintable(window.runService()->progress().message));
  archi::RunStore store(consoleData(dir).storePath());
  QCOMPARE(store.findRunByName(runName.toStdString())->state, archi::RunState::Stopped);
}

QTEST_MAIN(RunFromConsoleTest)
#include "tst_run_from_console.moc"
