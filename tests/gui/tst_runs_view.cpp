// The History tab's Runs view: every stored run with the figures of summarizeRun (and nothing
// computed another way), a run written by another process while the view is open appearing
// with the selection and sort kept, filters and search, delete after confirmation (rows and
// folder) or nothing when declined, and a running run never deleted.

#include <QtTest>

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QLineSeries>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>

#include <memory>

#include "RunHistoryFixture.h"
#include "app/MainWindow.h"
#include "bridge/ProjectDocument.h"
#include "bridge/RunHistory.h"
#include "bridge/RunService.h"
#include "plan/PlanView.h"
#include "common/TestDataFolder.h"
#include "history/RunComparison.h"
#include "history/RunsFilterProxy.h"
#include "history/RunsTableModel.h"
#include "history/RunsView.h"
#include "report/RunSummary.h"

class RunsViewTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
  void init();
  void cleanup();
  void modelShowsSummarizeRunFigures();
  void runWrittenWhileOpenAppearsKeepingSelectionAndSort();
  void filters_data();
  void filters();
  void deleteAsksThenRemovesRowsAndFolder();
  void runningRunIsNeverDeleted();
  void onlyAStoppedOrFailedRunCanBeResumed_data();
  void onlyAStoppedOrFailedRunCanBeResumed();
  void comparisonFollowsARunStillGoing();
  void mainWindowHistoryTabReadsTheSharedStore();
  void screenshotOfDemoRuns();

 private:
  QStringList shownNames() const;
  void showView();

  std::unique_ptr<QTemporaryDir> dir_;
  std::unique_ptr<archi::DataLayout> layout_;
  std::unique_ptr<RunsView> view_;
  qint64 alpha_ = 0, beta_ = 0, gamma_ = 0;
};

void RunsViewTest::init() {
  dir_ = std::make_unique<QTemporaryDir>();
  QVERIFY(dir_->isValid());
  layout_ = std::make_unique<archi::DataLayout>(dataLayoutIn(*dir_));
  archi::RunStore store(layout_->storePath());
  alpha_ = writeRun(store, testRun("alpha", "demo", archi::RunState::Completed, true, 5, 1000));
  beta_ = writeRun(store, testRun("beta", "bench", archi::RunState::Failed, false, 8, 500));
  gamma_ = writeRun(store, testRun("gamma", "demo", archi::RunState::Running, true, 3, 2000));
  view_ = std::make_unique<RunsView>();
  view_->setDataLayout(*layout_);
}

void RunsViewTest::cleanup() {
  view_.reset();
  layout_.reset();
  dir_.reset();
}

void RunsViewTest::showView() {
  view_->resize(1200, 700);
  view_->show();
  QTRY_COMPARE(view_->model()->rowCount(), 3);
}

QStringList RunsViewTest::shownNames() const {
  QStringList names;
  for (int row = 0; row < view_->proxy()->rowCount(); ++row) names << view_->proxy()->index(row, RunsTableModel::Name).data().toString();
  names.sort();
  return names;
}

void RunsViewTest::modelShowsSummarizeRunFigures() {
  QAbstractItemModelTester sourceTester(view_->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
  QAbstractItemModelTester proxyTester(view_->proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
  showView();
  archi::RunStore store(layout_->storePath(), archi::RunStore::Access::ReadOnly);
  const RunsTableModel& model = *view_->model();
  for (const qint64 id : {alpha_, beta_, gamma_}) {
    const archi::RunSummary expected = archi::summarizeRun(store, id);
    const int row = model.rowOf(id);
    QVERIFY(row >= 0);
    auto sortValue = [&](int column) { return model.index(row, column).data(RunsTableModel::SortRole); };
    QCOMPARE(sortValue(RunsTableModel::Tokens).toLongLong(), expected.tokens);
    QVERIFY(expected.duration_s && expected.tokens_per_s && expected.efficiency && expected.final_loss);
    QCOMPARE(sortValue(RunsTableModel::Duration).toDouble(), *expected.duration_s);
    QCOMPARE(sortValue(RunsTableModel::Throughput).toDouble(), *expected.tokens_per_s);
    QCOMPARE(sortValue(RunsTableModel::Efficiency).toDouble(), *expected.efficiency);
    QCOMPARE(sortValue(RunsTableModel::FinalLoss).toDouble(), *expected.final_loss);
    // The text shows the same figure with its unit, right-aligned.
    QCOMPARE(model.index(row, RunsTableModel::Efficiency).data().toString(),
             QStringLiteral("%1 %").arg(QLocale().toString(*expected.efficiency * 100.0, 'f', 1)));
    QVERIFY(model.index(row, RunsTableModel::Tokens).data().toString().startsWith(QLocale().toString(qint64(expected.tokens))));
    QVERIFY(model.index(row, RunsTableModel::Tokens).data(Qt::TextAlignmentRole).value<Qt::Alignment>().testFlag(Qt::AlignRight));
    QCOMPARE(model.index(row, RunsTableModel::State).data().toString(), RunsTableModel::stateText(expected.run.state));
    QCOMPARE(model.index(row, RunsTableModel::Emulated).data().toString(), expected.run.emulated ? QStringLiteral("emulated") : QStringLiteral("real"));
  }
  // beta: 8 steps × 2 workers × 500 tokens; the fixture's validation makes the final loss a validation loss.
  QCOMPARE(model.index(model.rowOf(beta_), RunsTableModel::Tokens).data(RunsTableModel::SortRole).toLongLong(), 8000);
  QVERIFY(model.index(model.rowOf(beta_), RunsTableModel::FinalLoss).data().toString().contains("val"));
  // A running run's state reads as a word, and its colour is the busy one.
  QVERIFY(model.index(model.rowOf(gamma_), RunsTableModel::State).data().toString().contains("running"));
  QVERIFY(model.index(model.rowOf(gamma_), RunsTableModel::State).data(Qt::ForegroundRole).isValid());
}

void RunsViewTest::runWrittenWhileOpenAppearsKeepingSelectionAndSort() {
  view_->setRefreshInterval(150);
  showView();
  view_->table()->sortByColumn(RunsTableModel::Tokens, Qt::AscendingOrder);
  view_->selectRuns({alpha_});
  QCOMPARE(view_->selectedRunIds(), QList<qint64>{alpha_});

  // Another process (`archi run`) writes into the same store while the view is open.
  qint64 delta = 0;
  {
    archi::RunStore cli(layout_->storePath());
    delta = writeRun(cli, testRun("delta", "cli", archi::RunState::Completed, true, 2, 100));
  }
  QTRY_COMPARE(view_->model()->rowCount(), 4);
  QVERIFY(view_->model()->rowOf(delta) >= 0);
  QCOMPARE(view_->selectedRunIds(), QList<qint64>{alpha_});
  QCOMPARE(view_->table()->horizontalHeader()->sortIndicatorSection(), int(RunsTableModel::Tokens));
  // Sorted by tokens as numbers (as text, "400" would come after "12,000").
  QStringList order;
  for (int row = 0; row < view_->proxy()->rowCount(); ++row) order << view_->proxy()->index(row, RunsTableModel::Name).data().toString();
  QCOMPARE(order, (QStringList{"delta", "beta", "alpha", "gamma"}));
  // The running run moving on changes its row in place.
  {
    archi::RunStore cli(layout_->storePath());
    cli.setRunState(gamma_, archi::RunState::Completed, 1'700'000'010.0);
  }
  QTRY_VERIFY(view_->model()->index(view_->model()->rowOf(gamma_), RunsTableModel::State).data().toString().contains("completed"));
  QCOMPARE(view_->selectedRunIds(), QList<qint64>{alpha_});
}

void RunsViewTest::filters_data() {
  QTest::addColumn<int>("stateIndex");  // 0 every state, 1 running, 2 completed, 3 stopped, 4 failed
  QTest::addColumn<QString>("project");
  QTest::addColumn<int>("emulatedIndex");  // 0 either, 1 emulated only, 2 real only
  QTest::addColumn<QString>("search");
  QTest::addColumn<QStringList>("shown");
  QTest::newRow("everything") << 0 << QString() << 0 << QString() << QStringList{"alpha", "beta", "gamma"};
  QTest::newRow("running") << 1 << QString() << 0 << QString() << QStringList{"gamma"};
  QTest::newRow("failed") << 4 << QString() << 0 << QString() << QStringList{"beta"};
  QTest::newRow("project demo") << 0 << QString("demo") << 0 << QString() << QStringList{"alpha", "gamma"};
  QTest::newRow("real only") << 0 << QString() << 2 << QString() << QStringList{"beta"};
  QTest::newRow("emulated, completed") << 2 << QString() << 1 << QString() << QStringList{"alpha"};
  QTest::newRow("search name") << 0 << QString() << 0 << QString("GAM") << QStringList{"gamma"};
  QTest::newRow("search project") << 0 << QString() << 0 << QString("bench") << QStringList{"beta"};
  QTest::newRow("search and project") << 0 << QString("demo") << 0 << QString("beta") << QStringList{};
}

void RunsViewTest::filters() {
  QFETCH(int, stateIndex);
  QFETCH(QString, project);
  QFETCH(int, emulatedIndex);
  QFETCH(QString, search);
  QFETCH(QStringList, shown);
  showView();
  view_->stateFilter()->setCurrentIndex(stateIndex);
  if (!project.isEmpty()) {
    const int index = view_->projectFilter()->findText(project);
    QVERIFY(index > 0);
    view_->projectFilter()->setCurrentIndex(index);
  }
  view_->emulatedFilter()->setCurrentIndex(emulatedIndex);
  view_->searchField()->setText(search);
  QCOMPARE(shownNames(), shown);
}

void RunsViewTest::deleteAsksThenRemovesRowsAndFolder() {
  const QString folder = pathString(layout_->runDirectory("alpha"));
  QVERIFY(QDir().mkpath(folder + "/journals"));
  QFile journal(folder + "/journals/w0.jsonl");
  QVERIFY(journal.open(QIODevice::WriteOnly));
  journal.write("{}\n");
  journal.close();
  showView();
  view_->selectRuns({alpha_});
  QVERIFY(view_->action("actionDeleteRun")->isEnabled());

  QString asked;
  bool answer = false;
  view_->setConfirm([&](const QString&, const QString& text) {
    asked = text;
    return answer;
  });
  QSignalSpy finished(view_.get(), &RunsView::deletionFinished);

  // Declined: nothing goes.
  view_->deleteSelected();
  QTRY_COMPARE(finished.size(), 1);
  QVERIFY(!finished.at(0).at(1).toString().isEmpty());
  QVERIFY2(asked.contains(folder), qPrintable(asked));
  QVERIFY2(asked.contains("10 step metrics"), qPrintable(asked));  // 5 steps × 2 workers
  {
    archi::RunStore store(layout_->storePath(), archi::RunStore::Access::ReadOnly);
    QVERIFY(store.findRun(alpha_).has_value());
    QCOMPARE(store.countStepMetrics(alpha_), 10);
  }
  QVERIFY(QFileInfo::exists(folder));
  QCOMPARE(view_->model()->rowCount(), 3);

  // Confirmed: the run's rows and its folder go, the others stay.
  answer = true;
  view_->deleteSelected();
  QTRY_COMPARE(finished.size(), 2);
  QCOMPARE(finished.at(1).at(0).toLongLong(), alpha_);
  QCOMPARE(finished.at(1).at(1).toString(), QString());
  {
    archi::RunStore store(layout_->storePath(), archi::RunStore::Access::ReadOnly);
    QVERIFY(!store.findRun(alpha_).has_value());
    QCOMPARE(store.countStepMetrics(alpha_), 0);
    QVERIFY(store.validation(alpha_).empty());
    QCOMPARE(store.countStepMetrics(beta_), 16);
  }
  QVERIFY(!QFileInfo::exists(folder));
  QTRY_COMPARE(view_->model()->rowCount(), 2);
  QCOMPARE(view_->model()->rowOf(alpha_), -1);
}

void RunsViewTest::runningRunIsNeverDeleted() {
  showView();
  view_->selectRuns({gamma_});
  QVERIFY(!view_->action("actionDeleteRun")->isEnabled());
  bool asked = false;
  view_->setConfirm([&](const QString&, const QString&) { return asked = true; });
  QSignalSpy finished(view_.get(), &RunsView::deletionFinished);
  view_->deleteSelected();
  QTRY_COMPARE(finished.size(), 1);
  QVERIFY(!finished.at(0).at(1).toString().isEmpty());
  QVERIFY(!asked);
  // The worker checks again at the moment of deleting (the view's list may be seconds old).
  QVERIFY(!RunHistory::removeRun(*layout_, gamma_).isEmpty());
  archi::RunStore store(layout_->storePath(), archi::RunStore::Access::ReadOnly);
  QVERIFY(store.findRun(gamma_).has_value());
  QCOMPARE(store.countStepMetrics(gamma_), 6);
}

void RunsViewTest::onlyAStoppedOrFailedRunCanBeResumed_data() {
  QTest::addColumn<QString>("run");
  QTest::addColumn<bool>("resumable");
  QTest::newRow("completed") << "alpha" << false;
  QTest::newRow("failed") << "beta" << true;
  QTest::newRow("running") << "gamma" << false;
}

void RunsViewTest::onlyAStoppedOrFailedRunCanBeResumed() {
  QFETCH(QString, run);
  QFETCH(bool, resumable);
  const qint64 id = run == "alpha" ? alpha_ : run == "beta" ? beta_ : gamma_;
  showView();
  view_->selectRuns({id});
  QCOMPARE(view_->action("actionResumeRun")->isEnabled(), resumable);
  QSignalSpy resumed(view_.get(), &RunsView::resumeRun);
  view_->resumeSelected();
  QCOMPARE(resumed.size(), resumable ? 1 : 0);
  if (resumable) {
    QCOMPARE(resumed.at(0).at(0).toLongLong(), id);
    QCOMPARE(resumed.at(0).at(1).toString(), run);
  }
  // Two selected: never.
  view_->selectRuns({alpha_, beta_});
  QVERIFY(!view_->action("actionResumeRun")->isEnabled());
}

void RunsViewTest::comparisonFollowsARunStillGoing() {
  view_->setRefreshInterval(150);
  showView();
  view_->selectRuns({alpha_, gamma_});
  QVERIFY(view_->action("actionCompareRuns")->isEnabled());
  view_->compareSelected();
  QTRY_VERIFY(!view_->comparison()->isLoading() && view_->comparison()->runIds() == (QList<qint64>{alpha_, gamma_}));
  QCOMPARE(view_->comparison()->series(RunComparison::TrainingLoss, gamma_)->count(), 6);
  // The running run stores another step (as its collector would).
  {
    archi::RunStore cli(layout_->storePath());
    archi::StepMetric m;
    m.run_id = gamma_;
    m.worker_id = "dc-a/n/0";
    m.step = 4;
    m.wall_time_s = 1'700'000'004.0;
    m.tokens = 2000;
    m.loss = 2.5;
    cli.insertStepMetrics(std::span(&m, 1));
  }
  QTRY_COMPARE(view_->comparison()->series(RunComparison::TrainingLoss, gamma_)->count(), 7);
  QCOMPARE(view_->comparison()->series(RunComparison::TrainingLoss, alpha_)->count(), 10);
}

// Item 10: the History tab lists the store `archi run` writes by default, the one the console's
// own runs go to.
void RunsViewTest::mainWindowHistoryTabReadsTheSharedStore() {
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  MainWindow window(document);
  RunsView* runs = window.runsView();
  QVERIFY(runs);
  QCOMPARE(window.tabs()->tabText(window.tabs()->indexOf(runs)), QStringLiteral("History"));
  QVERIFY(window.tabs()->indexOf(runs) > window.tabs()->indexOf(window.planView()));
  QCOMPARE(runs->history()->storePath(), pathString(window.runService()->dataLayout().storePath()));
  QCOMPARE(runs->history()->storePath(), pathString(RunService::defaultDataLayout().storePath()));
}

// docs/screenshots/runs-compare.png: the Runs view comparing the demo runs of the data folder
// named by ARCHIPELAGO_HISTORY_DEMO (made with `archi run … --store DIR/runs.db --runs-dir DIR/runs`).
void RunsViewTest::screenshotOfDemoRuns() {
  const QString demo = qEnvironmentVariable("ARCHIPELAGO_HISTORY_DEMO");
  if (demo.isEmpty()) QSKIP("set ARCHIPELAGO_HISTORY_DEMO to a data folder with demo runs to render the screenshot");
  RunsView view;
  view.setDataLayout(archi::DataLayout(demo.toStdString()));
  view.resize(1600, 1300);
  view.show();
  QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowCount() >= 2, 10000);
  QList<qint64> ids;
  for (const archi::RunSummary& run : view.model()->runs()) ids << run.run.id;
  view.selectRuns(ids);
  view.compareSelected();
  QTRY_VERIFY_WITH_TIMEOUT(!view.comparison()->isLoading() && view.comparison()->runIds().size() == ids.size(), 10000);
  view.comparison()->pinBaseline(ids.front());
  QTest::qWait(200);
  const QString out = qEnvironmentVariable("ARCHIPELAGO_HISTORY_SCREENSHOT",
                                           QStringLiteral(ARCHIPELAGO_SOURCE_DIR "/docs/screenshots/runs-compare.png"));
  QVERIFY(view.grab().save(out));
}

QTEST_MAIN(RunsViewTest)
#include "tst_runs_view.moc"
