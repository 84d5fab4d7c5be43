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
  void badStreamRecordBecomesAWarning_data();
  void badStreamRecordBecomesAWarning();
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

// A record from an agent's stream that cannot be stored becomes a warning naming its sequence
// number; the records around it are stored and nothing is thrown at the launcher (issue 15: a
// 1e400 or an event level the store's CHECK refuses killed it).
void RunCollectorTest::badStreamRecordBecomesAWarning_data() {
  QTest::addColumn<QByteArray>("line");
  QTest::addColumn<QString>("expected");
  QTest::newRow("number beyond a double") << QByteArray(R"({"kind":"step","worker":"w","step":2,"wall_time_s":1e400})")
                                          << "number overflow parsing '1e400'";
  QTest::newRow("torn line") << QByteArray(R"({"kind":"step","wor)") << "not valid JSON";
  QTest::newRow("event level the store refuses") << QByteArray(
      R"({"kind":"event","wall_time_s":1,"level":"fatal","source":"w","text":"t"})") << "/level must be debug, info, warning or error";
  QTest::newRow("participants beyond int") << QByteArray(
      R"({"kind":"round","datacenter":"dc","round":1,"wall_time_s":1,"inner_steps":1,"tokens":1,"bytes_on_wire":1,)"
      R"("compression_ratio":1,"duration_ms":1,"participants":4294967297})") << "/participants is out of range";
  QTest::newRow("nested too deep") << QByteArray(R"({"kind":"event","fields":)") + QByteArray(40, '[') + QByteArray(40, ']') + "}"
                                   << "nested deeper than 8 levels";
}

void RunCollectorTest::badStreamRecordBecomesAWarning() {
  QFETCH(QByteArray, line);
  QFETCH(QString, expected);
  QTemporaryDir dir;
  archi::RunStore store(dir.filePath("runs.db").toStdString());
  const std::int64_t run = store.createRun({0, "r", "p", archi::RunState::Running, "diloco", true, 1.0, {}, {}});
  archi::RunCollector collector(store, run);
  collector.addStream("dc/n/0", "dc", true);
  const auto step = [&](std::int64_t n) { return archi::journal::stepRecord({run, "dc/n/0", n, 1.0, 100, 2.0, 1, 0, 0, 0}).dump(); };
  collector.accept("dc/n/0", 1, step(1));
  collector.accept("dc/n/0", 2, line.toStdString());
  collector.accept("dc/n/0", 3, step(3));
  QCOMPARE(collector.poll(), std::size_t{3});  // two steps and the warning
  QCOMPARE(store.countStepMetrics(run), std::int64_t{2});
  const auto events = store.events(run);
  QCOMPARE(events.size(), std::size_t{1});
  const QString text = QString::fromStdString(events[0].event().text("text"));
  QVERIFY2(text.contains("dc/n/0 record 2") && text.contains(expected), qPrintable(text));
}

QTEST_GUILESS_MAIN(RunCollectorTest)
#include "tst_run_collector.moc"
