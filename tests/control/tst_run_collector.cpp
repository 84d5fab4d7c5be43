// The collector turns worker journals into store rows exactly once, keeps per-datacenter
// progress, and turns a bad line into a warning event instead of failing the run.

#include <QtTest>

#include <fstream>

#include "control/JournalRecords.h"
#include "control/RunCollector.h"

class RunCollectorTest : public QObject {
  Q_OBJECT

 private slots:
  void journalsLandInTheStoreOnce();
};

void RunCollectorTest::journalsLandInTheStoreOnce() {
  QTemporaryDir dir;
  archi::RunStore store(dir.filePath("runs.db").toStdString());
  const std::int64_t run = store.createRun({0, "r", "p", archi::RunState::Running, "diloco", true, 1.0, {}, {}});
  const std::string leaderPath = dir.filePath("bj-0.jsonl").toStdString();
  const std::string workerPath = dir.filePath("bj-1.jsonl").toStdString();
  const std::string otherPath = dir.filePath("gy-0.jsonl").toStdString();
  archi::JournalWriter leader(leaderPath), worker(workerPath), other(otherPath);
  archi::RunCollector collector(store, run);
  collector.addJournal(leaderPath, "beijing", true);
  collector.addJournal(workerPath, "beijing", false);
  collector.addJournal(otherPath, "guiyang", true);

  for (int step = 1; step <= 3; ++step) {
    leader.append(archi::journal::stepRecord({run, "bj/0", step, 10.0 + step, 1000, 5.0 - step, 100, 5, 0, 1}));
    worker.append(archi::journal::stepRecord({run, "bj/1", step, 10.0 + step, 500, 5.1 - step, 100, 5, 0, 1}));
    other.append(archi::journal::stepRecord({run, "gy/0", step, 10.0 + step, 800, 5.2 - step, 100, 5, 0, 1}));
  }
  leader.append(archi::journal::roundRecord({run, 1, "beijing", 14.0, 3, 4500, 120000, 0.26, 800.0, 2}));
  leader.append(archi::journal::validationRecord({run, "beijing", 3, 1, 14.5, 6900, 3.25}));
  other.append(archi::journal::sampleRecord({run, 3, "The ", "The end"}));
  std::ofstream(otherPath, std::ios::app) << "{\"kind\": \"step\", \"worker\": 7}\n";

  QCOMPARE(collector.poll(), std::size_t{3 * 3 + 1 + 1 + 1 + 1});  // steps, round, validation, sample, warning
  QCOMPARE(collector.poll(), std::size_t{0});
  QCOMPARE(store.countStepMetrics(run), std::int64_t{9});
  QCOMPARE(store.outerRounds(run).size(), std::size_t{1});
  QCOMPARE(store.validation(run).at(0).loss, 3.25);
  QCOMPARE(store.samples(run).at(0).text, std::string("The end"));
  const auto events = store.events(run);
  QCOMPARE(events.size(), std::size_t{1});
  QCOMPARE(events[0].level, std::string("warning"));
  QCOMPARE(events[0].kind, std::string("journal-problem"));
  // The collector's diagnostic names the journal and the line; it is the event's data.
  QVERIFY2(events[0].event().text("text").find("gy-0.jsonl") != std::string::npos, events[0].fields.c_str());

  const archi::DatacenterProgress& beijing = collector.progress().at("beijing");
  QCOMPARE(beijing.tokens, std::int64_t{4500});
  QCOMPARE(beijing.leader_steps, std::int64_t{3});
  QCOMPARE(beijing.last_loss, 2.0);
  QCOMPARE(beijing.rounds, std::int64_t{1});
  QCOMPARE(beijing.wan_bytes, std::int64_t{120000});
  QCOMPARE(beijing.last_val_loss, 3.25);
  QCOMPARE(collector.totalTokens(), std::int64_t{4500 + 2400});
  QVERIFY(beijing.tokensPerSecond() > 0);
}

QTEST_GUILESS_MAIN(RunCollectorTest)
#include "tst_run_collector.moc"
