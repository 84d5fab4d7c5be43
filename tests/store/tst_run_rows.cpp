// Incremental reads of a run (rowsAfter), per-link WAN samples, per-worker totals and deleting
// a run with everything that belongs to it.

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <limits>

#include "store/RunStore.h"

using namespace archi;

namespace {

std::int64_t makeRun(RunStore& store, const std::string& name) {
  RunRecord run;
  run.name = name;
  run.project_name = "p";
  run.sync_mode = "diloco";
  run.created_at_s = 100.0;
  const std::int64_t id = store.createRun(run);
  store.setRunState(id, RunState::Running, 100.0);
  return id;
}

StepMetric step(std::int64_t run, const std::string& worker, std::int64_t n, double loss) {
  return {run, worker, n, 100.0 + static_cast<double>(n), 512, loss, 10.0, 1.0, 0.5, 0.0};
}

}  // namespace

class RunRowsTest : public QObject {
  Q_OBJECT

 private slots:
  void readsOnlyRowsStoredAfterTheCursor() {
    QTemporaryDir dir;
    RunStore store(dir.filePath("runs.db").toStdString());
    const std::int64_t run = makeRun(store, "a");
    const std::int64_t other = makeRun(store, "b");
    const std::vector<StepMetric> first = {step(run, "w0", 1, 3.0), step(run, "w1", 1, 3.1), step(other, "w0", 1, 9.0)};
    store.insertStepMetrics(first);
    store.addEvent({run, 101.0, "warning", "launcher", "slow", "note", "{}"});

    RunRows rows = store.rowsAfter(run, {}, 1000);
    QCOMPARE(rows.steps.size(), std::size_t{2});  // not the other run's row
    QCOMPARE(rows.events.size(), std::size_t{1});
    QCOMPARE(rows.steps[1].worker_id, std::string("w1"));

    // Nothing new: an empty batch, and the cursor stays.
    RunRows again = store.rowsAfter(run, rows.next, 1000);
    QCOMPARE(again.records(), std::size_t{0});
    QCOMPARE(again.next.steps, rows.next.steps);

    const std::vector<StepMetric> later = {step(run, "w0", 2, 2.5), step(run, "w0", 3, 2.4), step(run, "w0", 4, 2.3)};
    store.insertStepMetrics(later);
    const std::vector<LinkSample> links = {{run, "dc-a", "dc-b", 104.0, 4096, 80.0, 50.0}};
    store.insertLinkSamples(links);

    // A limit splits a batch without losing or repeating a row.
    RunRows part = store.rowsAfter(run, rows.next, 2);
    QCOMPARE(part.steps.size(), std::size_t{2});
    QCOMPARE(part.steps[0].step, std::int64_t{2});
    RunRows rest = store.rowsAfter(run, part.next, 2);
    QCOMPARE(rest.steps.size(), std::size_t{1});
    QCOMPARE(rest.steps[0].step, std::int64_t{4});
    QCOMPARE(part.links.size(), std::size_t{1});
    QCOMPARE(part.links[0], links[0]);
    QCOMPARE(store.linkSamples(run), links);
  }

  void sumsEachWorkersSteps() {
    QTemporaryDir dir;
    RunStore store(dir.filePath("runs.db").toStdString());
    const std::int64_t run = makeRun(store, "a");
    const std::vector<StepMetric> rows = {step(run, "w0", 2, 2.0), step(run, "w0", 1, 3.0), step(run, "w1", 1, 4.0)};
    store.insertStepMetrics(rows);
    const std::vector<WorkerTotals> totals = store.workerTotals(run);
    QCOMPARE(totals.size(), std::size_t{2});
    QCOMPARE(totals[0].worker_id, std::string("w0"));
    QCOMPARE(totals[0].steps, std::int64_t{2});
    QCOMPARE(totals[0].tokens, std::int64_t{1024});
    QCOMPARE(totals[0].first_wall_time_s, 101.0);
    QCOMPARE(totals[0].last_wall_time_s, 102.0);
    QCOMPARE(totals[0].last_loss, 2.0);  // the highest step's, not the last inserted
    QCOMPARE(totals[1].last_loss, 4.0);
  }

  // SQLite binds NaN as NULL; the store keeps a diverged step (loss NULL) and reads it back as NaN.
  void aDivergedLossIsKept() {
    QTemporaryDir dir;
    RunStore store(dir.filePath("runs.db").toStdString());
    const std::int64_t run = makeRun(store, "a");
    const std::vector<StepMetric> rows = {step(run, "w0", 1, std::numeric_limits<double>::quiet_NaN()),
                                          step(run, "w0", 2, std::numeric_limits<double>::infinity())};
    store.insertStepMetrics(rows);
    const std::vector<StepMetric> back = store.stepMetrics(run);
    QCOMPARE(back.size(), std::size_t{2});
    QVERIFY(std::isnan(back[0].loss));
    QVERIFY(std::isinf(back[1].loss));
    QVERIFY(std::isnan(store.rowsAfter(run, {}, 10).steps[0].loss));
  }

  void deletingARunRemovesItsRowsAndNoOthers() {
    QTemporaryDir dir;
    RunStore store(dir.filePath("runs.db").toStdString());
    const std::int64_t gone = makeRun(store, "gone");
    const std::int64_t kept = makeRun(store, "kept");
    for (const std::int64_t run : {gone, kept}) {
      const std::vector<StepMetric> rows = {step(run, "w0", 1, 3.0)};
      store.insertStepMetrics(rows);
      store.addEvent({run, 101.0, "info", "launcher", "hello", "note", "{}"});
      const std::vector<LinkSample> links = {{run, "a", "b", 101.0, 1, 1.0, 1.0}};
      store.insertLinkSamples(links);
      store.savePlan(run, "{}");
    }
    store.deleteRun(gone);
    QVERIFY(!store.findRun(gone));
    QCOMPARE(store.rowsAfter(gone, {}, 100).records(), std::size_t{0});
    QCOMPARE(store.rowsAfter(kept, {}, 100).records(), std::size_t{3});
    QVERIFY(!store.plan(gone));
    QVERIFY(store.plan(kept));
    QVERIFY_THROWS_EXCEPTION(StoreError, store.deleteRun(gone));
  }
};

QTEST_GUILESS_MAIN(RunRowsTest)
#include "tst_run_rows.moc"
