// The collector turns worker journals into store rows exactly once, keeps per-datacenter
// progress, and turns a bad line into a warning event instead of failing the run.

#include <QtTest>

#include <sqlite3.h>

#include <sqlite3.h>

#include <fstream>

#include "control/JournalRecords.h"
#include "control/RunCollector.h"

class RunCollectorTest : public QObject {
  Q_OBJECT

 private slots:
  void journalsLandInTheStoreOnce();
  void badStreamRecordBecomesAWarning_data();
  void badStreamRecordBecomesAWarning();
  // Issue 15 item 3: the poll loop survives bad records and store errors.
  void numbersJsonCannotHoldAreSkipped_data();
  void numbersJsonCannotHoldAreSkipped();
  void aRecordTheStoreRefusesIsLeftOut();
  void aFullDiskKeepsTheBatchWithItsCursor();
  void aBusyStoreKeepsTheBatch();
  void resumeContinuesAFileFromItsStoredOffset();
};

namespace {

std::int64_t newRun(archi::RunStore& store) {
  return store.createRun({0, "r", "p", archi::RunState::Running, "diloco", true, 1.0, {}, {}});
}

std::vector<std::string> eventKinds(archi::RunStore& store, std::int64_t run) {
  std::vector<std::string> kinds;
  for (const archi::EventRecord& e : store.events(run)) kinds.push_back(e.kind);
  return kinds;
}

bool has(const std::vector<std::string>& kinds, const std::string& kind) {
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

std::string stepLine(std::int64_t run, int step) {
  return archi::journal::stepRecord({run, "bj/0", step, 10.0 + step, 1000, 3.0, 100, 5, 0, 1}).dump();
}

}  // namespace

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

void RunCollectorTest::numbersJsonCannotHoldAreSkipped_data() {
  QTest::addColumn<bool>("fromFile");  // a journal file on this machine, or a stream of a node agent
  QTest::newRow("file") << true;
  QTest::newRow("stream") << false;
}

void RunCollectorTest::numbersJsonCannotHoldAreSkipped() {
  // 1e400 is valid JSON syntax but no double holds it: the parser throws out_of_range, which
  // escaped the journal reader and killed the launcher.
  QFETCH(bool, fromFile);
  QTemporaryDir dir;
  archi::RunStore store(dir.filePath("runs.db").toStdString());
  const std::int64_t run = newRun(store);
  archi::RunCollector collector(store, run);
  const std::string bad = R"({"kind":"step","worker":"bj/0","step":2,"wall_time_s":1e400,"tokens":1,"loss":1,)"
                          R"("compute_ms":1,"intra_ms":0,"inter_ms":0,"idle_ms":0})";
  const std::vector<std::string> lines{stepLine(run, 1), bad, stepLine(run, 3)};
  if (fromFile) {
    const std::string path = dir.filePath("bj-0.jsonl").toStdString();
    std::ofstream out(path);
    for (const std::string& line : lines) out << line << "\n";
    out.close();
    collector.addJournal(path, "beijing", true);
  } else {
    collector.addStream("bj/0", "beijing", true);
    for (std::size_t i = 0; i < lines.size(); ++i) collector.accept("bj/0", std::int64_t(i + 1), lines[i]);
  }
  QCOMPARE(collector.poll(), std::size_t{3});  // two steps and the warning
  QCOMPARE(store.countStepMetrics(run), std::int64_t{2});
  QCOMPARE(eventKinds(store, run), std::vector<std::string>{"journal-problem"});
  QCOMPARE(collector.problems().all().size(), std::size_t{1});
}

void RunCollectorTest::aRecordTheStoreRefusesIsLeftOut() {
  // A record the store's constraints refuse used to abort the batch with a StoreError that ended
  // the launcher. The journal reader now refuses what it can tell is bad (an event level the
  // events table's CHECK would refuse, say), so the store's refusal is made here by a trigger.
  QTemporaryDir dir;
  archi::RunStore store(dir.filePath("runs.db").toStdString());
  const std::int64_t run = newRun(store);
  {
    sqlite3* raw = nullptr;
    QCOMPARE(sqlite3_open(dir.filePath("runs.db").toUtf8().constData(), &raw), SQLITE_OK);
    const int made = sqlite3_exec(raw,
                                  "CREATE TRIGGER refuse_test_event BEFORE INSERT ON events WHEN NEW.source = 'refuse-me' "
                                  "BEGIN SELECT RAISE(ABORT, 'refused by this test''s constraint'); END;",
                                  nullptr, nullptr, nullptr);
    sqlite3_close(raw);
    QCOMPARE(made, SQLITE_OK);
  }
  archi::RunCollector collector(store, run);
  collector.addStream("bj/0", "beijing", true);
  collector.accept("bj/0", 1, stepLine(run, 1));
  collector.accept("bj/0", 2, R"({"kind":"event","wall_time_s":12.0,"level":"info","source":"refuse-me","text":"x"})");
  collector.accept("bj/0", 3, stepLine(run, 2));
  collector.poll();
  QCOMPARE(store.countStepMetrics(run), std::int64_t{2});
  QCOMPARE(eventKinds(store, run), std::vector<std::string>{"record-refused"});
  const archi::RunEvent refused = store.events(run).at(0).event();
  QVERIFY2(refused.text("reason").find("refused by this test") != std::string::npos, refused.fields.dump().c_str());
  QVERIFY2(refused.text("record").find("event") != std::string::npos, refused.fields.dump().c_str());
  QCOMPARE(store.journalCursors(run).at("bj/0"), std::int64_t{3});  // committed with the rows it covers
  QVERIFY(!collector.storeTrouble());
}

void RunCollectorTest::aFullDiskKeepsTheBatchWithItsCursor() {
  QTemporaryDir dir;
  archi::RunStore store(dir.filePath("runs.db").toStdString());
  const std::int64_t run = newRun(store);
  const std::string path = dir.filePath("bj-0.jsonl").toStdString();
  archi::RunCollector collector(store, run);
  collector.addJournal(path, "beijing", true);
  {
    std::ofstream out(path);
    out << stepLine(run, 1) << "\n";
  }
  QCOMPARE(collector.poll(), std::size_t{1});
  const std::int64_t firstOffset = store.journalCursors(run).at(path);
  QCOMPARE(firstOffset, std::int64_t(std::filesystem::file_size(path)));

  store.limitPageCount(40);  // ~160 KiB: SQLITE_FULL, as on a full disk
  constexpr int kSteps = 4000;
  {
    std::ofstream out(path, std::ios::app);
    for (int step = 2; step <= kSteps; ++step) out << stepLine(run, step) << "\n";
  }
  QCOMPARE(collector.poll(), std::size_t{0});
  QCOMPARE(collector.poll(), std::size_t{0});
  QVERIFY(collector.storeTrouble().has_value());
  QCOMPARE(collector.storeTrouble()->kind, archi::StoreError::Kind::DiskFull);
  QCOMPARE(collector.storeTrouble()->attempts, std::int64_t{2});
  // Nothing of the batch and not its cursor: a launcher dying now resumes from the old offset.
  QCOMPARE(store.countStepMetrics(run), std::int64_t{1});
  QCOMPARE(store.journalCursors(run).at(path), firstOffset);
  QCOMPARE(collector.progress().at("beijing").leader_steps, std::int64_t{kSteps});

  store.limitPageCount(1'000'000'000);
  QVERIFY(collector.poll() >= std::size_t{kSteps - 1});
  QCOMPARE(store.countStepMetrics(run), std::int64_t{kSteps});
  QCOMPARE(store.journalCursors(run).at(path), std::int64_t(std::filesystem::file_size(path)));
  QVERIFY(!collector.storeTrouble());
  const auto kinds = eventKinds(store, run);
  QVERIFY(has(kinds, "store-write-failed"));
  QVERIFY(has(kinds, "store-write-recovered"));
  for (const archi::EventRecord& e : store.events(run)) {
    if (e.kind == "store-write-failed") QCOMPARE(e.event().text("problem"), std::string("disk-full"));
    if (e.kind == "store-write-recovered") QCOMPARE(e.event().integer("attempts"), std::int64_t{2});
  }
  QCOMPARE(collector.poll(), std::size_t{0});
  QCOMPARE(store.countStepMetrics(run), std::int64_t{kSteps});  // stored once
}

void RunCollectorTest::aBusyStoreKeepsTheBatch() {
  // Another process holds the write lock longer than the store's busy timeout (5 s).
  QTemporaryDir dir;
  const std::string dbPath = dir.filePath("runs.db").toStdString();
  archi::RunStore store(dbPath);
  const std::int64_t run = newRun(store);
  archi::RunCollector collector(store, run);
  collector.addStream("bj/0", "beijing", true);
  sqlite3* other = nullptr;
  QCOMPARE(sqlite3_open(dbPath.c_str(), &other), SQLITE_OK);
  QCOMPARE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  collector.accept("bj/0", 1, stepLine(run, 1));
  QCOMPARE(collector.poll(), std::size_t{0});
  QVERIFY(collector.storeTrouble().has_value());
  QCOMPARE(collector.storeTrouble()->kind, archi::StoreError::Kind::Busy);
  QCOMPARE(collector.cursor("bj/0"), std::int64_t{1});  // read, waiting with the batch
  QCOMPARE(sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(other);
  collector.accept("bj/0", 2, stepLine(run, 2));
  QCOMPARE(collector.poll(), std::size_t{3});  // two steps and the store-write-failed event
  QCOMPARE(store.countStepMetrics(run), std::int64_t{2});
  QCOMPARE(store.journalCursors(run).at("bj/0"), std::int64_t{2});
  QVERIFY(has(eventKinds(store, run), "store-write-recovered"));
}

void RunCollectorTest::resumeContinuesAFileFromItsStoredOffset() {
  QTemporaryDir dir;
  archi::RunStore store(dir.filePath("runs.db").toStdString());
  const std::int64_t run = newRun(store);
  const std::string path = dir.filePath("bj-0.jsonl").toStdString();
  archi::JournalWriter journal(path);
  journal.append(archi::journal::stepRecord({run, "bj/0", 1, 11.0, 1000, 3.0, 100, 5, 0, 1}));
  {
    archi::RunCollector first(store, run);
    first.addJournal(path, "beijing", true);
    first.poll();
  }
  journal.append(archi::journal::stepRecord({run, "bj/0", 2, 12.0, 1000, 3.0, 100, 5, 0, 1}));
  archi::RunCollector second(store, run);
  second.addJournal(path, "beijing", true);
  second.resume();
  QCOMPARE(second.poll(), std::size_t{1});
  QCOMPARE(store.countStepMetrics(run), std::int64_t{2});
}

QTEST_GUILESS_MAIN(RunCollectorTest)
#include "tst_run_collector.moc"
