// The monitor's reader thread over a store that the test writes while it follows the run:
// rows that arrive late or are stored again count once, the run-wide figures are
// summarizeRun's, the live state's utilisation and left-out datacenters come from the rows,
// and following a large store never holds up the GUI thread.

#include <QtTest>

#include <QElapsedTimer>
#include <QSignalSpy>

#include <cmath>

#include "MonitorStoreFixture.h"
#include "bridge/MonitorService.h"
#include "report/RunSummary.h"

class MonitorServiceTest : public QObject {
  Q_OBJECT

 private slots:
  void lateAndStoredAgainRowsCountOnce();
  void figuresAreSummarizeRuns();
  void utilisationOfAWorker_data();
  void utilisationOfAWorker();
  void leftOutDatacenterAndLinks();
  void followRunNeverBlocksTheGuiThread();
  void aMissingRunIsAnError();

 private:
  static const MonitorDatacenter* datacenter(const MonitorSnapshot& s, const QString& id) {
    for (const MonitorDatacenter& dc : s.datacenters) {
      if (dc.id == id) return &dc;
    }
    return nullptr;
  }
};

void MonitorServiceTest::lateAndStoredAgainRowsCountOnce() {
  MonitorStoreFixture fixture;
  fixture.writeSteps(0, 10, 3.0);
  MonitorService service;
  service.setPollInterval_ms(20);
  service.followRun(fixture.path(), fixture.runId());
  QTRY_VERIFY(service.latest() && service.latest()->stepRows == 60);

  // Steps 5..9 stored again (a journal read twice, INSERT OR REPLACE: new rowids) with another
  // loss, and rows of steps 10..11 that arrive late.
  fixture.writeSteps(5, 12, 2.0);
  QTRY_VERIFY(service.latest()->stepRows == 72);
  QTest::qWait(100);
  const MonitorSnapshotPtr s = service.latest();
  QCOMPARE(s->stepRows, qint64(72));
  const MonitorDatacenter* beijing = datacenter(*s, "beijing");
  QVERIFY(beijing);
  QCOMPARE(beijing->trainingLoss.size(), qsizetype(12));
  QCOMPARE(beijing->trainingLoss[4].value, 3.0);  // not stored again
  QCOMPARE(beijing->trainingLoss[7].value, 2.0);  // replaced, not averaged with the old row
  // The run's token count at its last step (the loss chart's tokens axis) counts each row once.
  QCOMPARE(beijing->trainingLoss.constLast().tokens, 72 * 1000.0);
  // Rows stored again do not add to the throughput either: 6 workers × 1000 tokens a second,
  // within one step's worth at the edges of the 10 s window (a doubled row would give 9,000+).
  const QPointF last = s->runThroughput.constLast();
  QVERIFY2(std::abs(last.y() - 6000.0) <= 600.0 + 1e-9, qPrintable(QString::number(last.y())));
}

void MonitorServiceTest::figuresAreSummarizeRuns() {
  MonitorStoreFixture fixture;
  fixture.writeSteps(0, 30);
  fixture.store().addValidation({fixture.runId(), "beijing", 29, 3, MonitorStoreFixture::kStart_s + 30.0, 180'000, 2.5});
  fixture.writeRound(1, 10.5, MonitorStoreFixture::kDatacenters);
  fixture.finish(31.0);
  MonitorService service;
  service.setPollInterval_ms(20);
  service.followRun(fixture.path(), fixture.runId());
  QTRY_VERIFY(service.latest() && service.latest()->state == QLatin1String("completed"));

  const archi::RunSummary expected = archi::summarizeRun(fixture.store(), fixture.runId());
  const MonitorSnapshot& s = *service.latest();
  QCOMPARE(s.tokens, expected.tokens);
  QCOMPARE(s.steps, expected.steps);
  QVERIFY(s.tokensPerSecond && expected.tokens_per_s);
  QCOMPARE(*s.tokensPerSecond, *expected.tokens_per_s);
  QCOMPARE(*s.predictedTokensPerSecond, *expected.predicted_tokens_per_s);
  QCOMPARE(*s.idealTokensPerSecond, *expected.ideal_tokens_per_s);
  QCOMPARE(*s.efficiency, *expected.efficiency);
  QCOMPARE(*s.finalLoss, *expected.final_loss);
  QVERIFY(!s.running);
  QVERIFY(!s.live.running);
  // The datacenters' own figures too, and in the project's order.
  QCOMPARE(s.datacenters.size(), qsizetype(3));
  QCOMPARE(s.datacenters[1].name, QString("Guiyang"));
  QCOMPARE(*s.datacenters[1].measuredTokensPerSecond, *expected.datacenters[1].tokens_per_s);
  QCOMPARE(s.datacenters[0].validationLoss.size(), qsizetype(1));
}

void MonitorServiceTest::utilisationOfAWorker_data() {
  QTest::addColumn<double>("compute_ms");
  QTest::addColumn<double>("idle_ms");
  QTest::addColumn<double>("utilisation");
  QTest::newRow("busy") << 900.0 << 0.0 << 0.9;        // 900 / (900 + 50 + 50)
  QTest::newRow("waiting") << 250.0 << 650.0 << 0.25;  // 250 / (250 + 50 + 50 + 650)
}

void MonitorServiceTest::utilisationOfAWorker() {
  QFETCH(double, compute_ms);
  QFETCH(double, idle_ms);
  QFETCH(double, utilisation);
  MonitorStoreFixture fixture;
  fixture.writeSteps(0, 20);
  std::vector<archi::StepMetric> slow;
  const std::string worker = MonitorStoreFixture::worker("guiyang", 1);
  for (std::int64_t step = 0; step < 20; ++step) {
    slow.push_back({fixture.runId(), worker, step, MonitorStoreFixture::kStart_s + 1.0 + step, 1000, 3.0, compute_ms, 50.0, 50.0, idle_ms});
  }
  fixture.store().insertStepMetrics(slow);
  MonitorService service;
  service.setPollInterval_ms(20);
  QSignalSpy live(&service, &MonitorService::liveStateChanged);
  service.followRun(fixture.path(), fixture.runId());
  QTRY_VERIFY(service.latest() && service.latest()->stepRows == 120);
  QVERIFY(!live.isEmpty());
  const LiveRunState state = live.last().at(0).value<LiveRunState>();
  QVERIFY(state.running);
  QVERIFY(state.devices.contains(QString::fromStdString(worker)));
  const LiveDevice device = state.devices.value(QString::fromStdString(worker));
  QVERIFY2(std::abs(device.utilisation - utilisation) < 1e-9, qPrintable(QString::number(device.utilisation)));
  QCOMPARE(device.stepMs, compute_ms + 100.0 + idle_ms);
  // 10 steps of 1000 tokens, ending 1 s apart, each 1 s long: 1000 tok/s.
  QVERIFY2(std::abs(device.tokensPerSecond - 10'000.0 / (9.0 + device.stepMs / 1e3)) < 1e-6, qPrintable(QString::number(device.tokensPerSecond)));
  // The other workers: 600 / 1000.
  QVERIFY(std::abs(state.devices.value(QString::fromStdString(MonitorStoreFixture::worker("beijing", 0))).utilisation - 0.6) < 1e-9);
  // The heat map has the same figure for the worker's row.
  const MonitorHeatMap& heat = service.latest()->heat;
  const qsizetype row = heat.workers.indexOf(QString::fromStdString(worker));
  QVERIFY(row >= 0);
  QVERIFY(std::abs(heat.utilisation[row * heat.buckets] - utilisation) < 1e-6);
}

void MonitorServiceTest::leftOutDatacenterAndLinks() {
  MonitorStoreFixture fixture;
  fixture.writeSteps(0, 30);
  fixture.writeRound(1, 10.5, {"beijing", "guiyang", "ulanqab"});
  // guiyang cut off: the others merge round 2 as two, its leader records the round alone.
  fixture.writeRound(2, 20.5, {"beijing", "ulanqab"});
  fixture.writeRound(2, 21.0, {"guiyang"});
  fixture.store().insertLinkSamples(std::vector<archi::LinkSample>{
      {fixture.runId(), "beijing", "ulanqab", MonitorStoreFixture::kStart_s + 10.5, 1'000'000, 80.0, 40.0},
      {fixture.runId(), "ulanqab", "beijing", MonitorStoreFixture::kStart_s + 20.5, 1'000'000, 72.5, 40.0}});
  MonitorService service;
  service.setPollInterval_ms(20);
  service.followRun(fixture.path(), fixture.runId());
  QTRY_VERIFY(service.latest() && service.latest()->stepRows == 180);
  const MonitorSnapshot& s = *service.latest();
  QVERIFY(s.live.datacenters.value("guiyang").leftOut);
  QVERIFY(!s.live.datacenters.value("beijing").leftOut);
  QCOMPARE(s.live.datacenters.value("ulanqab").round, qint64(2));
  bool leftOutBar = false;
  for (const MonitorGanttSegment& g : s.gantt) {
    leftOutBar = leftOutBar || (g.kind == MonitorGanttSegment::Kind::LeftOut && s.datacenters[g.datacenter].id == "guiyang" && g.round == 2);
  }
  QVERIFY(leftOutBar);
  // Latest sample of the link, whichever end measured it; bandwidth from the topology (0.1 Gbit/s).
  const LiveLink link = s.live.links.value(LiveRunState::linkKey("beijing", "ulanqab"));
  QCOMPARE(link.mbitPerSecond, 72.5);
  QCOMPARE(link.bandwidthMbit, 100.0);
  QCOMPARE(s.roundMarks.size(), qsizetype(2));
  QCOMPARE(s.roundMarks[1].wall_s, 21.0);

  // Back in the group for round 3.
  fixture.writeSteps(30, 31);
  fixture.writeRound(3, 30.5, MonitorStoreFixture::kDatacenters);
  QTRY_VERIFY(service.latest()->roundMarks.size() == 3);
  QVERIFY(!service.latest()->live.datacenters.value("guiyang").leftOut);
}

void MonitorServiceTest::followRunNeverBlocksTheGuiThread() {
  MonitorStoreFixture fixture;
  // 256 workers × 400 steps: more than one read of kRowsPerRead rows.
  std::vector<archi::StepMetric> rows;
  for (std::int64_t step = 0; step < 400; ++step) {
    for (int w = 0; w < 256; ++w) {
      rows.push_back({fixture.runId(), MonitorStoreFixture::worker(MonitorStoreFixture::kDatacenters[w % 3], w), step,
                      MonitorStoreFixture::kStart_s + step * 0.5, 512, 3.0, 300.0, 20.0, 10.0, 170.0});
    }
  }
  fixture.store().insertStepMetrics(rows);
  MonitorService service;
  QElapsedTimer clock;
  clock.start();
  service.followRun(fixture.path(), fixture.runId());
  const qint64 followRun_ms = clock.elapsed();
  QVERIFY2(followRun_ms < 50, qPrintable(QString::number(followRun_ms)));

  // While the reader catches up, a 10 ms timer on this thread keeps firing on time.
  qint64 worstGap_ms = 0;
  QElapsedTimer gap;
  gap.start();
  QTimer tick;
  tick.setInterval(10);
  connect(&tick, &QTimer::timeout, this, [&] {
    worstGap_ms = std::max(worstGap_ms, gap.restart());
  });
  tick.start();
  QTRY_VERIFY_WITH_TIMEOUT(service.latest() && service.latest()->stepRows == qint64(rows.size()), 30000);
  tick.stop();
  QVERIFY2(worstGap_ms < 200, qPrintable(QString::number(worstGap_ms)));
}

void MonitorServiceTest::aMissingRunIsAnError() {
  MonitorStoreFixture fixture;
  MonitorService service;
  service.followRun(fixture.path(), fixture.runId() + 41);
  QTRY_VERIFY(service.latest());
  QVERIFY(service.latest()->error.contains("no run with id"));
}

QTEST_MAIN(MonitorServiceTest)
#include "tst_monitor_service.moc"
