// The Monitor tab, offscreen: a series per datacenter in the datacenter's colour, at most ten
// redraws a second under a flood of snapshots, the user's zoom kept across live refreshes,
// thinning said in the chart's corner, and the WAN chart saying when no link sample exists.

#include <QtTest>

#include <QAreaSeries>
#include <QAction>
#include <QComboBox>
#include <QTabWidget>
#include <QLineEdit>
#include <QTableView>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include "MonitorStoreFixture.h"
#include "app/MainWindow.h"
#include "bridge/ProjectDocument.h"
#include "plan/PlanView.h"
#include "app/VisualStyle.h"
#include "bridge/MonitorService.h"
#include "monitor/LossChart.h"
#include "monitor/MonitorEventsModel.h"
#include "monitor/MonitorEventsPanel.h"
#include "monitor/MonitorView.h"
#include "monitor/ThroughputChart.h"
#include "monitor/WanChart.h"

class MonitorViewTest : public QObject {
  Q_OBJECT

 private slots:
  void seriesPerDatacenterInItsColour();
  void atMostTenRedrawsASecond();
  void zoomKeptAcrossARefresh();
  void longSeriesAreThinnedAndSaySo();
  void xAxisChoiceAndNoLinkSamples();
  void eventsNewestFirstAndFiltered();
  void monitorTabAfterPlan();

 private:
  static QValueAxis* axis(MonitorChartView* chart, Qt::Orientation orientation) {
    return qobject_cast<QValueAxis*>(chart->chart()->axes(orientation).constFirst());
  }
};

void MonitorViewTest::seriesPerDatacenterInItsColour() {
  MonitorStoreFixture fixture;
  fixture.writeSteps(0, 20);
  MonitorView view;
  view.resize(1400, 900);
  view.show();
  view.followRun(fixture.path(), fixture.runId());
  QTRY_VERIFY(view.shownSnapshot() && view.shownSnapshot()->stepRows == 120);

  const QList<QAreaSeries*>& areas = view.throughputChart()->datacenterSeries();
  QCOMPARE(areas.size(), qsizetype(3));
  const QStringList names{"Beijing", "Guiyang", "Ulanqab"};
  for (int i = 0; i < 3; ++i) {
    QCOMPARE(areas[i]->name(), names[i]);
    QCOMPARE(areas[i]->pen().color().rgb(), visual_style::datacenterColor(i).rgb());
    QCOMPARE(areas[i]->brush().color().rgb(), visual_style::datacenterColor(i).rgb());
    QVERIFY(areas[i]->upperSeries()->count() > 0);
  }
  const auto& loss = view.lossChart()->datacenterSeries();
  QCOMPARE(loss.size(), qsizetype(3));
  for (int i = 0; i < 3; ++i) {
    QCOMPARE(loss[i].smoothed->pen().color(), visual_style::datacenterColor(i));
    QCOMPARE(loss[i].raw->pen().color().rgb(), visual_style::datacenterColor(i).rgb());
    QVERIFY(loss[i].raw->pen().color().alpha() < 255);  // the raw curve is faint
    QCOMPARE(loss[i].raw->count(), 20);
  }
}

void MonitorViewTest::atMostTenRedrawsASecond() {
  MonitorStoreFixture fixture;
  fixture.writeSteps(0, 20);
  MonitorView view;
  view.show();
  view.followRun(fixture.path(), fixture.runId());
  QTRY_VERIFY(view.shownSnapshot());
  view.stop();
  const MonitorSnapshot base = *view.shownSnapshot();

  // A snapshot every millisecond for two seconds: ~2,000 arrivals.
  const qint64 before = view.redrawCount();
  int sent = 0;
  QTimer flood;
  flood.setInterval(1);
  connect(&flood, &QTimer::timeout, this, [&] {
    auto next = std::make_shared<MonitorSnapshot>(base);
    next->stepRows = ++sent;
    emit view.service()->snapshotChanged(next);
  });
  QElapsedTimer clock;
  clock.start();
  flood.start();
  QTest::qWait(2000);
  flood.stop();
  const double elapsed_s = clock.elapsed() / 1000.0;
  const qint64 redraws = view.redrawCount() - before;
  // A flood: several snapshots for every redraw (how many the timer manages depends on the load).
  QVERIFY2(sent > 3 * redraws, qPrintable(QStringLiteral("%1 snapshots, %2 redraws").arg(sent).arg(redraws)));
  QVERIFY2(redraws <= qint64(10 * elapsed_s) + 1, qPrintable(QStringLiteral("%1 redraws in %2 s").arg(redraws).arg(elapsed_s)));
  QVERIFY2(redraws >= 5, qPrintable(QString::number(redraws)));
  // The last snapshot is the one shown: coalescing drops intermediate ones, never the newest.
  QTRY_COMPARE(view.shownSnapshot()->stepRows, qint64(sent));
}

void MonitorViewTest::zoomKeptAcrossARefresh() {
  MonitorStoreFixture fixture;
  fixture.writeSteps(0, 40);
  MonitorView view;
  view.resize(1400, 900);
  view.show();
  QVERIFY(QTest::qWaitForWindowExposed(&view));
  view.service()->setPollInterval_ms(20);
  view.followRun(fixture.path(), fixture.runId());
  QTRY_VERIFY(view.shownSnapshot() && view.shownSnapshot()->stepRows == 240);
  LossChart* chart = view.lossChart();
  QValueAxis* x = axis(chart, Qt::Horizontal);
  QCOMPARE(x->max(), 39.0);

  // Drag a rubber band over the middle of the plot.
  const QRect plot = chart->chart()->plotArea().toRect();
  QWidget* viewport = chart->viewport();
  const QPoint from = chart->mapFromScene(plot.topLeft() + QPoint(plot.width() / 4, 5));
  const QPoint to = chart->mapFromScene(plot.topLeft() + QPoint(plot.width() / 2, plot.height() - 5));
  QTest::mousePress(viewport, Qt::LeftButton, {}, from);
  QTest::mouseMove(viewport, to);
  QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
  QVERIFY(chart->userZoomed());
  const double zoomedMin = x->min(), zoomedMax = x->max();
  QVERIFY2(zoomedMax < 39.0, qPrintable(QString::number(zoomedMax)));

  // New rows arrive and are drawn; the zoom stays.
  const qint64 redraws = view.redrawCount();
  fixture.writeSteps(40, 60);
  QTRY_VERIFY(view.shownSnapshot()->stepRows == 360 && view.redrawCount() > redraws);
  QCOMPARE(chart->datacenterSeries()[0].raw->count(), 60);
  QCOMPARE(x->min(), zoomedMin);
  QCOMPARE(x->max(), zoomedMax);

  // A double click gives the whole run back at the next refresh.
  QTest::mouseDClick(viewport, Qt::LeftButton, {}, from);
  QVERIFY(!chart->userZoomed());
  fixture.writeSteps(60, 61);
  QTRY_COMPARE(x->max(), 60.0);
}

void MonitorViewTest::longSeriesAreThinnedAndSaySo() {
  MonitorStoreFixture fixture;
  fixture.writeSteps(0, 2500);
  MonitorView view;
  view.resize(1400, 900);
  view.show();
  view.followRun(fixture.path(), fixture.runId());
  QTRY_VERIFY_WITH_TIMEOUT(view.shownSnapshot() && view.shownSnapshot()->stepRows == 15000, 20000);
  QTRY_VERIFY(view.lossChart()->datacenterSeries()[0].raw->count() > 0);
  LossChart* chart = view.lossChart();
  QVERIFY(chart->datacenterSeries()[0].raw->count() < 2500);
  QVERIFY2(chart->thinnedNote().startsWith("thinned:"), qPrintable(chart->thinnedNote()));
  // The first and last steps are never dropped.
  QCOMPARE(chart->datacenterSeries()[0].raw->at(0).x(), 0.0);
  QCOMPARE(chart->datacenterSeries()[0].raw->points().constLast().x(), 2499.0);
  QVERIFY(view.throughputChart()->thinnedNote().isEmpty());  // 120 buckets: nothing to thin
}

void MonitorViewTest::xAxisChoiceAndNoLinkSamples() {
  MonitorStoreFixture fixture;
  fixture.writeSteps(0, 10);
  MonitorView view;
  view.show();
  view.followRun(fixture.path(), fixture.runId());
  QTRY_VERIFY(view.shownSnapshot() && view.shownSnapshot()->stepRows == 60);
  QTRY_VERIFY(view.wanChart()->showsNoSamplesNote());

  view.xAxisChoice()->setCurrentIndex(1);  // tokens
  QTRY_VERIFY(axis(view.lossChart(), Qt::Horizontal)->titleText().contains("tokens"));
  // 6 workers × 1000 tokens per step: the last step ends at 60,000 tokens.
  QTRY_VERIFY(std::abs(view.lossChart()->datacenterSeries()[0].raw->points().constLast().x() - 60'000.0) < 1.0);
  view.xAxisChoice()->setCurrentIndex(2);  // wall time
  QTRY_VERIFY(axis(view.lossChart(), Qt::Horizontal)->titleText().contains("(s)"));
}

void MonitorViewTest::eventsNewestFirstAndFiltered() {
  MonitorStoreFixture fixture;
  auto event = [&](double at_s, const char* level, const char* source, const char* kind, const char* text) {
    archi::EventRecord e;
    e.run_id = fixture.runId();
    e.wall_time_s = MonitorStoreFixture::kStart_s + at_s;
    e.level = level;
    e.source = source;
    e.kind = kind;
    e.text = text;
    fixture.store().addEvent(e);
  };
  // Stored out of time order, as an agent's journal read late would store them.
  event(5.0, "info", "launcher", "run-launched", "started 6 workers");
  event(20.0, "warning", "launcher", "fault-injected", "cut the WAN link beijing-guiyang");
  event(12.0, "info", "agent", "agent-worker-started", "worker guiyang/guiyang-node/1 started");
  MonitorView view;
  view.show();
  view.followRun(fixture.path(), fixture.runId());
  QTableView* table = view.eventsPanel()->eventsTable();
  QTRY_COMPARE(table->model()->rowCount(), 3);
  auto textAt = [table](int row) { return table->model()->index(row, MonitorEventsModel::Text).data().toString(); };
  QVERIFY(textAt(0).startsWith("cut the WAN link"));
  QVERIFY(textAt(1).startsWith("worker guiyang"));
  QVERIFY(textAt(2).startsWith("started 6"));

  auto* level = view.eventsPanel()->findChild<QComboBox*>("monitorEventLevel");
  level->setCurrentIndex(level->findData(QStringLiteral("warning")));
  QCOMPARE(table->model()->rowCount(), 1);
  level->setCurrentIndex(0);
  auto* kind = view.eventsPanel()->findChild<QComboBox*>("monitorEventKind");
  kind->setCurrentIndex(kind->findData(QStringLiteral("agent-worker-started")));
  QCOMPARE(table->model()->rowCount(), 1);
  kind->setCurrentIndex(0);
  view.eventsPanel()->findChild<QLineEdit*>("monitorEventSearch")->setText("GUIYANG");
  QCOMPARE(table->model()->rowCount(), 2);  // case-insensitive, in text and source

  // A later event goes on top.
  view.eventsPanel()->findChild<QLineEdit*>("monitorEventSearch")->clear();
  event(30.0, "info", "launcher", "link-restored", "the WAN link carries traffic again");
  QTRY_COMPARE(table->model()->rowCount(), 4);
  QVERIFY(textAt(0).startsWith("the WAN link carries"));
}

void MonitorViewTest::monitorTabAfterPlan() {
  QStandardPaths::setTestModeEnabled(true);
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  document.newProject();
  MainWindow window(document);
  QTabWidget* tabs = window.tabs();
  const int plan = tabs->indexOf(window.planView());
  QVERIFY(plan >= 0);
  QCOMPARE(tabs->widget(plan + 1), static_cast<QWidget*>(window.monitorView()));
  QCOMPARE(tabs->tabText(plan + 1), QString("Monitor"));
  window.action("actionShowMonitor")->trigger();
  QCOMPARE(tabs->currentWidget(), static_cast<QWidget*>(window.monitorView()));
  // The overlay's state comes out of the window, from the monitor's service.
  QSignalSpy live(&window, &MainWindow::liveStateChanged);
  MonitorStoreFixture fixture;
  fixture.writeSteps(0, 3);
  window.monitorView()->followRun(fixture.path(), fixture.runId());
  QTRY_VERIFY(!live.isEmpty());
  QCOMPARE(live.last().at(0).value<LiveRunState>().devices.size(), qsizetype(6));
}

QTEST_MAIN(MonitorViewTest)
#include "tst_monitor_view.moc"
