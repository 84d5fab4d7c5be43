// Alerts from the collector's records: each fires when its condition holds, once per episode,
// and stays quiet on a healthy run.

#include <QtTest>

#include <cmath>
#include <limits>

#include "control/RunAlerts.h"
#include "control/RunCollector.h"
#include "control/JournalRecords.h"
#include "core/RunEvents.h"

using namespace archi;

namespace {

StepMetric step(const std::string& worker, std::int64_t n, double loss, double at_s) {
  return {1, worker, n, at_s, 512, loss, 10.0, 0.0, 0.0, 0.0};
}

// "alert-stall,alert-link": the kinds raised, in order, as one comparable string.
QString kinds(const std::vector<RunEvent>& events) {
  QStringList out;
  for (const RunEvent& e : events) out << QString::fromStdString(std::string(toString(e.kind)));
  return out.join(',');
}

// A loss that falls smoothly with a little noise: what a healthy run reports.
double healthyLoss(int n) { return 3.0 * std::exp(-0.01 * n) + 0.01 * std::sin(n * 1.7); }

}  // namespace

class RunAlertsTest : public QObject {
  Q_OBJECT

 private slots:
  void lossSpikeFiresOncePerEpisode_data() {
    QTest::addColumn<double>("spike");
    QTest::addColumn<int>("alerts");
    QTest::newRow("healthy") << 0.0 << 0;
    QTest::newRow("spike") << 5.0 << 1;
    QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << 1;
    QTest::newRow("infinity") << std::numeric_limits<double>::infinity() << 1;
  }
  void lossSpikeFiresOncePerEpisode() {
    QFETCH(double, spike);
    QFETCH(int, alerts);
    RunAlerts watch({}, 0.0, {});
    std::vector<RunEvent> raised;
    for (int n = 1; n <= 200; ++n) {
      JournalBatch batch;
      double loss = healthyLoss(n);
      // Three bad steps in a row are one episode: one alert.
      if (n >= 100 && n < 103 && spike != 0.0) loss = std::isfinite(spike) ? loss + spike : spike;
      batch.steps.push_back(step("dc/n/0", n, loss, 1000.0 + n));
      for (RunEvent& e : watch.observe(batch, 1000.0 + n)) raised.push_back(std::move(e));
    }
    QCOMPARE(static_cast<int>(raised.size()), alerts);
    if (alerts > 0) {
      QVERIFY(raised[0].kind == EventKind::AlertLossSpike);
      QCOMPARE(raised[0].text("worker"), std::string("dc/n/0"));
      QCOMPARE(raised[0].integer("step"), std::int64_t{100});
      QVERIFY(!renderEvent(raised[0]).empty());
    }
  }

  void stallNeedsSilenceAndSkipsFinishedWorkers() {
    AlertThresholds thresholds;
    thresholds.stall_s = 30.0;
    RunAlerts watch(thresholds, 0.0, {});
    JournalBatch first;
    first.steps = {step("a", 1, 3.0, 100.0), step("b", 1, 3.0, 100.0)};
    QVERIFY(watch.observe(first, 101.0).empty());
    JournalBatch done;  // b finished: its silence is not a stall
    done.events.push_back(EventRecord::of(1, 102.0, "b", events::workerDone("b", 1, 0, 1024, false)));
    QVERIFY(watch.observe(done, 120.0).empty());
    const std::vector<RunEvent> late = watch.observe({}, 131.0);
    QCOMPARE(kinds(late), QString("alert-stall"));
    QCOMPARE(late[0].text("worker"), std::string("a"));
    QVERIFY(watch.observe({}, 200.0).empty());  // still the same episode
    JournalBatch back;
    back.steps = {step("a", 2, 2.9, 201.0)};
    QVERIFY(watch.observe(back, 201.0).empty());
    // A new episode (judged against its pace now: one 101 s gap made its usual interval long).
    QCOMPARE(kinds(watch.observe({}, 900.0)), QString("alert-stall"));
  }

  // A device that takes 20 s per step is slow, not stalled: silence is judged against its own pace.
  void aSlowWorkerIsNoStall() {
    AlertThresholds thresholds;
    thresholds.stall_s = 30.0;
    thresholds.stall_intervals = 5.0;
    RunAlerts watch(thresholds, 0.0, {});
    for (int n = 1; n <= 5; ++n) {
      JournalBatch batch;
      batch.steps = {step("slow", n, 3.0, 20.0 * n)};
      QVERIFY(watch.observe(batch, 20.0 * n).empty());
    }
    QVERIFY(watch.observe({}, 100.0 + 95.0).empty());  // 95 s silent: under 5 x 20 s
    QCOMPARE(kinds(watch.observe({}, 100.0 + 105.0)), QString("alert-stall"));
  }

  void throughputBelowPlanForNRounds() {
    AlertThresholds thresholds;
    thresholds.throughput_share = 0.5;
    thresholds.throughput_rounds = 3;
    RunAlerts watch(thresholds, 1000.0, {});  // the plan says 1000 tok/s
    std::vector<RunEvent> raised;
    double at = 0.0;
    // Round r takes 10 s for both datacenters; tokens per round say how fast it went.
    auto round = [&](std::int64_t r, std::int64_t tokensPerDc) {
      at += 10.0;
      JournalBatch batch;
      batch.rounds = {{1, r, "a", at, 10, tokensPerDc, 0, 1.0, 100.0, 2}, {1, r, "b", at, 10, tokensPerDc, 0, 1.0, 100.0, 2}};
      for (RunEvent& e : watch.observe(batch, at)) raised.push_back(std::move(e));
    };
    round(0, 5000);  // the first round only starts the clock
    round(1, 5000);  // 1000 tok/s: fine
    round(2, 1000);  // 200 tok/s: slow 1
    round(3, 1000);  // slow 2
    QVERIFY(raised.empty());
    round(4, 1000);  // slow 3: alert
    round(5, 1000);  // the same episode
    QCOMPARE(kinds(raised), QString("alert-throughput"));
    QCOMPARE(raised[0].number("percent_of_plan"), 20.0);
    round(6, 5000);  // recovered
    round(7, 1000);
    round(8, 1000);
    round(9, 1000);
    QCOMPARE(raised.size(), std::size_t{2});
  }

  void slowLinkOnlyWhenTheTransferIsBandwidthBound() {
    AlertThresholds thresholds;
    thresholds.link_share = 0.25;
    thresholds.link_min_transfer_s = 1.0;
    RunAlerts watch(thresholds, 0.0, {{"a", "b", 0.1, 50.0, 0.0}});  // 100 Mbit/s
    JournalBatch small;  // 1 MB: 0.08 s at full speed, latency-bound, never judged
    small.links = {{1, "a", "b", 10.0, 1'000'000, 2.0, 0.0}};
    QVERIFY(watch.observe(small, 10.0).empty());
    JournalBatch slow;  // 50 MB at 10 Mbit/s: 10% of the link
    slow.links = {{1, "b", "a", 20.0, 50'000'000, 10.0, 0.0}};
    const std::vector<RunEvent> raised = watch.observe(slow, 20.0);
    QCOMPARE(kinds(raised), QString("alert-link"));
    QCOMPARE(raised[0].number("percent_of_bandwidth"), 10.0);
    JournalBatch fast;
    fast.links = {{1, "b", "a", 30.0, 50'000'000, 90.0, 0.0}};
    QVERIFY(watch.observe(fast, 30.0).empty());
  }

  // The collector stores the alerts it raises as events beside the records that caused them.
  void collectorStoresAlertsAsEvents() {
    QTemporaryDir dir;
    RunStore store(dir.filePath("runs.db").toStdString());
    const std::int64_t run = store.createRun({0, "r", "p", RunState::Running, "diloco", false, 1.0, 1.0, std::nullopt});
    RunCollector collector(store, run);
    collector.watch(RunAlerts({}, 0.0, {}));
    collector.addStream("w", "dc", true);
    std::int64_t seq = 0;
    for (int n = 1; n <= 50; ++n) {
      const double loss = n == 40 ? std::numeric_limits<double>::quiet_NaN() : healthyLoss(n);
      collector.accept("w", ++seq, journal::stepRecord(step("w", n, loss, 100.0 + n)).dump());
    }
    collector.poll();
    int alerts = 0;
    for (const EventRecord& e : store.events(run)) {
      if (e.kind == "alert-loss-spike") {
        ++alerts;
        QCOMPARE(e.source, std::string("alerts"));
        QCOMPARE(e.event().integer("step"), std::int64_t{40});
      }
    }
    QCOMPARE(alerts, 1);
  }
};

QTEST_GUILESS_MAIN(RunAlertsTest)
#include "tst_run_alerts.moc"
