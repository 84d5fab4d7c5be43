// A stored run's headline figures: measured throughput over the run's span, efficiency against
// the plan's ideal, the planner's error, the final loss, and "unknown" where nothing says.

#include <QTemporaryDir>
#include <QtTest>

#include "report/RunSummary.h"

using namespace archi;

class RunSummaryTest : public QObject {
  Q_OBJECT

 private slots:
  void figuresFromStepsPlanAndValidation() {
    QTemporaryDir dir;
    RunStore store(dir.filePath("runs.db").toStdString());
    RunRecord record{0, "r", "p", RunState::Planned, "diloco", true, 1000.0, std::nullopt, std::nullopt};
    const std::int64_t run = store.createRun(record);
    store.setRunState(run, RunState::Running, 1000.0);
    const std::vector<WorkerRecord> workers = {{run, "a-0", "dc-a", "n1", 0, "A100", true},
                                               {run, "b-0", "dc-b", "n2", 0, "910B", true}};
    store.addWorkers(workers);
    store.savePlan(run, R"({"predicted_tokens_per_s": 500, "ideal_tokens_per_s": 1000, "efficiency": 0.5,
      "datacenters": [{"id": "dc-a", "name": "Beijing", "tokens_per_s": 300, "standalone_tokens_per_s": 600},
                      {"id": "dc-b", "name": "Guiyang", "tokens_per_s": 200, "standalone_tokens_per_s": 400}]})");
    // dc-a: 3 steps of 1000 tokens, dc-b: 2 steps of 500, over 10 s from the start.
    std::vector<StepMetric> steps;
    for (int s = 1; s <= 3; ++s) steps.push_back({run, "a-0", s, 1000.0 + 3.0 * s + 1.0, 1000, 4.0 - s, 1, 0, 0, 0});
    for (int s = 1; s <= 2; ++s) steps.push_back({run, "b-0", s, 1000.0 + 5.0 * s, 500, 5.0 - s, 1, 0, 0, 0});
    store.insertStepMetrics(steps);
    const std::vector<OuterRound> rounds = {{run, 1, "dc-a", 1005.0, 3, 3000, 700, 0.25, 10, 2},
                                            {run, 1, "dc-b", 1005.0, 2, 1000, 300, 0.25, 10, 2}};
    store.insertOuterRounds(rounds);
    store.addValidation({run, "dc-a", 3, 0, 1010.0, 4000, 2.5});
    store.addValidation({run, "dc-b", 3, 0, 1010.0, 4000, 2.7});
    store.addValidation({run, "dc-a", 1, 0, 1004.0, 1000, 9.0});

    const RunSummary summary = summarizeRun(store, run);
    QCOMPARE(summary.tokens, std::int64_t{4000});
    QCOMPARE(summary.steps, std::int64_t{3});
    QVERIFY(summary.tokens_per_s);
    QCOMPARE(*summary.tokens_per_s, 400.0);  // 4000 tokens / 10 s
    QCOMPARE(*summary.efficiency, 0.4);
    QCOMPARE(*summary.planner_error, -0.2);  // 400 against 500 predicted
    QCOMPARE(*summary.final_loss, 2.6);      // step 3's validation, mean of both datacenters
    QVERIFY(summary.final_loss_is_validation);
    QCOMPARE(summary.wan_bytes, std::int64_t{1000});
    QCOMPARE(summary.rounds, std::int64_t{1});
    QVERIFY(summary.run.emulated);
    QCOMPARE(summary.datacenters.size(), std::size_t{2});
    QCOMPARE(summary.datacenters[0].name, std::string("Beijing"));
    QCOMPARE(*summary.datacenters[0].tokens_per_s, 300.0);
    QCOMPARE(*summary.datacenters[1].last_training_loss, 3.0);
    QCOMPARE(*summary.datacenters[1].standalone_tokens_per_s, 400.0);
  }

  // A dilated run's stored plan carries d (plan/Dilation.h); the summary reads it, and its
  // real-time equivalents are the wall-clock figures × d (rates) and ÷ d (seconds).
  void dilationFromTheStoredPlan_data() {
    QTest::addColumn<QString>("plan");
    QTest::addColumn<double>("dilation");
    QTest::newRow("dilated ×40") << R"({"predicted_tokens_per_s": 500, "dilation": {"factor": 40, "derivation": "d = 40"}})" << 40.0;
    QTest::newRow("not dilated") << R"({"predicted_tokens_per_s": 500, "dilation": {"factor": 1, "derivation": ""}})" << 1.0;
    QTest::newRow("plan of an older run") << R"({"predicted_tokens_per_s": 500})" << 1.0;
  }

  void dilationFromTheStoredPlan() {
    QFETCH(QString, plan);
    QFETCH(double, dilation);
    QTemporaryDir dir;
    RunStore store(dir.filePath("runs.db").toStdString());
    const std::int64_t run = store.createRun({0, "r", "p", RunState::Running, "diloco", true, 1000.0, std::nullopt, std::nullopt});
    store.savePlan(run, plan.toStdString());
    const RunSummary summary = summarizeRun(store, run);
    QCOMPARE(summary.dilation, dilation);
    QCOMPARE(summary.dilated(), dilation != 1.0);
    if (summary.dilated()) QCOMPARE(summary.dilation_derivation, std::string("d = 40"));
  }

  void unknownFiguresStayUnknown() {
    QTemporaryDir dir;
    RunStore store(dir.filePath("runs.db").toStdString());
    const std::int64_t run = store.createRun({0, "r", "p", RunState::Planned, "diloco", false, 5.0, std::nullopt, std::nullopt});
    const RunSummary summary = summarizeRun(store, run);
    QCOMPARE(summary.tokens, std::int64_t{0});
    QVERIFY(!summary.tokens_per_s);
    QVERIFY(!summary.efficiency);
    QVERIFY(!summary.planner_error);
    QVERIFY(!summary.final_loss);
    QVERIFY(!summary.duration_s);
    QVERIFY_THROWS_EXCEPTION(StoreError, summarizeRun(store, run + 1));
  }
};

QTEST_GUILESS_MAIN(RunSummaryTest)
#include "tst_run_summary.moc"
