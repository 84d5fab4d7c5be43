// The SQLite run store: schema and migrations, refusal of foreign/newer/corrupted files
// without touching them, atomic batches under a full disk, readers during writes, and a
// writer killed in the middle of a transaction.

#include <QtTest>

#include <sqlite3.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <tuple>
#include <thread>

#include "core/RunEvents.h"
#include "store/RunStore.h"
#include "store/Schema.h"

using archi::RunState;
using archi::RunStore;
using archi::StepMetric;
using archi::StoreError;

namespace {

QByteArray fileBytes(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return file.readAll();
}

std::vector<StepMetric> makeRows(std::int64_t runId, std::int64_t firstStep, int count) {
  std::vector<StepMetric> rows;
  for (int i = 0; i < count; ++i) {
    rows.push_back({runId, "w" + std::to_string(i % 3), firstStep + i, 0.5 * i, 2048, 3.0 - 0.001 * i, 10, 2, 1, 0.5});
  }
  return rows;
}

archi::RunRecord newRun(const std::string& name) {
  return {0, name, "project", RunState::Planned, "diloco", true, 100.0, {}, {}};
}

// Raw SQLite access for building old schemas and tampering with files, as other tools would.
struct RawDatabase {
  sqlite3* db = nullptr;
  explicit RawDatabase(const QString& path) { sqlite3_open(path.toUtf8().constData(), &db); }
  ~RawDatabase() { sqlite3_close(db); }
  bool exec(const std::string& sql) { return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK; }
  std::string text(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr);
    std::string out;
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0) != nullptr) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    }
    sqlite3_finalize(s);
    return out;
  }
};

}  // namespace

class RunStoreTest : public QObject {
  Q_OBJECT

 private slots:
  void init() { QVERIFY(dir_.isValid()); }
  void freshStoreHasLatestSchemaWalAndForeignKeys();
  void runLifecycleRoundTrips();
  void aRunIsFoundByItsHumanName();
  void launcherLeaseRoundTrips();
  void migratesFromEveryOlderVersion_data();
  void migratesFromEveryOlderVersion();
  void refusesNewerSchemaUntouched();
  void refusesCorruptedFileUntouched();
  void refusesForeignDatabaseUntouched();
  void readOnlyAccessRefusesWrites();
  void readOnlyFileIsReported();
  void fullDiskRollsBackTheBatchOnly();
  void readerSeesOnlyWholeBatchesDuringWrites();
  void writerKilledMidTransactionLeavesNothingHalfWritten();

 private:
  QString dbPath(const QString& name = "runs.db") const { return dir_.filePath(name); }
  QTemporaryDir dir_;
};

void RunStoreTest::freshStoreHasLatestSchemaWalAndForeignKeys() {
  RunStore store(dbPath("fresh.db").toStdString());
  QCOMPARE(store.schemaVersion(), archi::schema::latestVersion());
  RawDatabase raw(dbPath("fresh.db"));
  QCOMPARE(raw.text("PRAGMA journal_mode"), std::string("wal"));
  QCOMPARE(raw.text("PRAGMA application_id"), std::to_string(archi::schema::kApplicationId));
  // Foreign keys are on in the store's own connection: metrics for a run that does not exist fail.
  const std::vector<StepMetric> orphan = makeRows(999, 0, 1);
  QVERIFY_THROWS_EXCEPTION(StoreError, store.insertStepMetrics(orphan));
}

void RunStoreTest::runLifecycleRoundTrips() {
  RunStore store(dbPath().toStdString());
  const std::int64_t id = store.createRun(newRun("demo-1"));
  store.saveTopology(id, R"({"name":"demo"})");
  store.setRunState(id, RunState::Running, 110.0);
  store.insertStepMetrics(makeRows(id, 0, 10));
  store.insertOuterRounds(std::vector<archi::OuterRound>{{id, 1, "beijing", 120.0, 25, 102400, 4096, 3.9, 812.5, 3}});
  store.addEvent({id, 111.0, "warning", "worker bj-0", "slow step"});
  store.addEvent(archi::EventRecord::of(id, 112.0, "bj/n/0", archi::events::workerLost("bj/n/2", 40, 2, 16, 1.25)));
  store.addSample({id, 10, "The ", "The quick"});
  store.addCheckpoint({id, 10, "/tmp/ck", "ab12", 4096, 130.0});
  store.setRunState(id, RunState::Stopped, 140.0);
  store.setRunState(id, RunState::Stopped, 150.0);

  const auto run = store.findRun(id);
  QVERIFY(run.has_value());
  QCOMPARE(run->state, RunState::Stopped);
  QCOMPARE(run->started_at_s.value_or(-1), 110.0);
  QCOMPARE(run->ended_at_s.value_or(-1), 150.0);
  QCOMPARE(store.topology(id).value_or(""), std::string(R"({"name":"demo"})"));
  std::vector<StepMetric> expected = makeRows(id, 0, 10);
  std::sort(expected.begin(), expected.end(), [](const StepMetric& a, const StepMetric& b) {
    return std::tie(a.worker_id, a.step) < std::tie(b.worker_id, b.step);
  });
  QVERIFY(store.stepMetrics(id) == expected);
  QCOMPARE(store.countStepMetrics(id), std::int64_t{10});
  QCOMPARE(store.outerRounds(id).at(0).bytes_on_wire, std::int64_t{4096});
  QCOMPARE(store.events(id).at(0).text, std::string("slow step"));
  QCOMPARE(store.events(id).at(0).kind, std::string("note"));
  // A typed event comes back as data: its kind and fields, and the sentence rendered from them.
  const archi::RunEvent lost = store.events(id).at(1).event();
  QVERIFY(lost.kind == archi::EventKind::WorkerLost);
  QVERIFY(lost.level == archi::EventLevel::Warning);
  QCOMPARE(lost.text("worker"), std::string("bj/n/2"));
  QCOMPARE(lost.integer("step"), std::int64_t{40});
  QCOMPARE(lost.number("cost_s"), 1.25);
  QCOMPARE(store.events(id).at(1).text, archi::renderEvent(lost));
  QCOMPARE(store.samples(id).at(0).text, std::string("The quick"));
  QCOMPARE(store.checkpoints(id).at(0).sha256, std::string("ab12"));
  QVERIFY_THROWS_EXCEPTION(StoreError, store.setRunState(id + 1, RunState::Running, 1.0));
}

void RunStoreTest::migratesFromEveryOlderVersion_data() {
  QTest::addColumn<int>("fromVersion");
  for (const auto& migration : archi::schema::migrations()) {
    if (migration.toVersion < archi::schema::latestVersion()) {
      QTest::addRow("from v%d", migration.toVersion) << migration.toVersion;
    }
  }
}

void RunStoreTest::migratesFromEveryOlderVersion() {
  QFETCH(int, fromVersion);
  const QString path = dbPath(QString("v%1.db").arg(fromVersion));
  {
    // Build the old file exactly as that older build would have left it.
    RawDatabase raw(path);
    QVERIFY(raw.exec("PRAGMA journal_mode = WAL"));
    for (const auto& migration : archi::schema::migrations()) {
      if (migration.toVersion > fromVersion) break;
      QVERIFY(raw.exec(std::string(migration.sql)));
      QVERIFY(raw.exec("UPDATE schema_version SET version = " + std::to_string(migration.toVersion)));
    }
    QVERIFY(raw.exec("PRAGMA application_id = " + std::to_string(archi::schema::kApplicationId)));
    QVERIFY(raw.exec("INSERT INTO runs (name, project_name, state, sync_mode, created_at_s) VALUES ('old', 'p', 'completed', 'ddp', 1.0)"));
    QVERIFY(raw.exec("INSERT INTO step_metrics VALUES (1, 'w0', 0, 0.0, 1024, 5.5, 1, 0, 0, 0)"));
  }
  RunStore store(path.toStdString());
  QCOMPARE(store.schemaVersion(), archi::schema::latestVersion());
  const auto runs = store.listRuns();
  QCOMPARE(runs.size(), std::size_t{1});
  QCOMPARE(runs.front().name, std::string("old"));
  QCOMPARE(store.stepMetrics(1).at(0).loss, 5.5);
  // Tables added by later migrations are usable.
  RawDatabase raw(path);
  QVERIFY(raw.exec("INSERT INTO link_samples VALUES (1, 'a', 'b', 1.0, 100, 90.5, 50.0)"));
  QVERIFY(raw.exec("INSERT INTO device_profiles VALUES ('H20', 'k', 1, 1000.0, 1, 1, 2.0)"));
}

void RunStoreTest::aRunIsFoundByItsHumanName() {
  // Run ids are the human name plus "-" and 8 random hex digits (issue 15 item 4).
  RunStore store(dbPath("names.db").toStdString());
  store.createRun(newRun("demo-0badf00d"));
  const std::int64_t newer = store.createRun(newRun("demo-c0ffee42"));
  store.createRun(newRun("demo-extra-12345678"));  // another human name ("demo-extra")
  store.createRun(newRun("demo-notahex!"));
  QCOMPARE(store.findRunByName("demo")->id, newer);
  QCOMPARE(store.findRunByName("demo-0badf00d")->name, std::string("demo-0badf00d"));  // the id itself
  QCOMPARE(store.findRunByName("demo-extra")->name, std::string("demo-extra-12345678"));
  QVERIFY(!store.findRunByName("dem").has_value());
  QVERIFY(!store.findRunByName("demo-notahex").has_value());
}

void RunStoreTest::launcherLeaseRoundTrips() {
  RunStore store(dbPath("lease.db").toStdString());
  const std::int64_t id = store.createRun(newRun("leased"));
  QVERIFY(!store.launcherLease(id));
  store.takeLauncherLease(id, {"host-a", "boot-1", 4242, 987654, 12.5});
  const auto lease = store.launcherLease(id);
  QVERIFY(lease.has_value());
  QCOMPARE(lease->host, std::string("host-a"));
  QCOMPARE(lease->boot_id, std::string("boot-1"));
  QCOMPARE(lease->pid, std::int64_t{4242});
  QCOMPARE(lease->start_ticks, std::int64_t{987654});
  QCOMPARE(lease->taken_at_s, 12.5);
  store.takeLauncherLease(id, {"host-b", "boot-1", 7, 1, 13.0});  // an attaching launcher takes it over
  QCOMPARE(store.launcherLease(id)->host, std::string("host-b"));
  store.releaseLauncherLease(id);
  QVERIFY(!store.launcherLease(id));
}

void RunStoreTest::refusesNewerSchemaUntouched() {
  const QString path = dbPath("newer.db");
  {
    RunStore store(path.toStdString());
    store.createRun(newRun("kept"));
  }
  {
    RawDatabase raw(path);
    QVERIFY(raw.exec("UPDATE schema_version SET version = " + std::to_string(archi::schema::latestVersion() + 1)));
    QVERIFY(raw.exec("PRAGMA journal_mode = DELETE"));  // fold the WAL in so the file alone holds everything
  }
  const QByteArray before = fileBytes(path);
  try {
    RunStore store(path.toStdString());
    QFAIL("a newer schema must be refused");
  } catch (const StoreError& e) {
    QCOMPARE(e.kind(), StoreError::Kind::NewerSchema);
    QVERIFY2(QString(e.what()).contains("newer than this build"), e.what());
    QVERIFY2(QString(e.what()).contains(path), e.what());
  }
  QCOMPARE(fileBytes(path), before);
  QVERIFY(!QFile::exists(path + "-wal"));
}

void RunStoreTest::refusesCorruptedFileUntouched() {
  const QString path = dbPath("corrupt.db");
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly));
  QByteArray garbage(8192, '\0');
  for (int i = 0; i < garbage.size(); ++i) garbage[i] = char((i * 7919) % 251);
  file.write(garbage);
  file.close();
  try {
    RunStore store(path.toStdString());
    QFAIL("a corrupted file must be refused");
  } catch (const StoreError& e) {
    QCOMPARE(e.kind(), StoreError::Kind::Corrupt);
    QVERIFY2(QString(e.what()).contains("not a database"), e.what());
  }
  QCOMPARE(fileBytes(path), garbage);
}

void RunStoreTest::refusesForeignDatabaseUntouched() {
  const QString path = dbPath("foreign.db");
  {
    RawDatabase raw(path);
    QVERIFY(raw.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('ada')"));
  }
  const QByteArray before = fileBytes(path);
  try {
    RunStore store(path.toStdString());
    QFAIL("a database of another application must be refused");
  } catch (const StoreError& e) {
    QCOMPARE(e.kind(), StoreError::Kind::NotARunStore);
  }
  QCOMPARE(fileBytes(path), before);
}

void RunStoreTest::readOnlyAccessRefusesWrites() {
  const QString path = dbPath("ro.db");
  { RunStore store(path.toStdString()); }
  RunStore reader(path.toStdString(), RunStore::Access::ReadOnly);
  try {
    reader.createRun(newRun("nope"));
    QFAIL("writing through a read-only store must fail");
  } catch (const StoreError& e) {
    QCOMPARE(e.kind(), StoreError::Kind::ReadOnly);
  }
  QVERIFY(reader.listRuns().empty());
}

void RunStoreTest::readOnlyFileIsReported() {
  if (::geteuid() == 0) QSKIP("file permissions do not bind root; covered by readOnlyAccessRefusesWrites");
  const QString path = dbPath("perm.db");
  { RunStore store(path.toStdString()); }
  QFile::setPermissions(path, QFile::ReadOwner);
  try {
    RunStore store(path.toStdString());
    QFAIL("a read-only file must be reported");
  } catch (const StoreError& e) {
    QCOMPARE(e.kind(), StoreError::Kind::ReadOnly);
  }
}

void RunStoreTest::fullDiskRollsBackTheBatchOnly() {
  const QString path = dbPath("full.db");
  RunStore store(path.toStdString());
  const std::int64_t id = store.createRun(newRun("full"));
  store.limitPageCount(40);  // ~160 KiB: SQLite answers SQLITE_FULL, as on a full disk
  constexpr int kBatch = 250;
  std::int64_t committed = 0;
  bool sawFull = false;
  for (int batch = 0; batch < 100 && !sawFull; ++batch) {
    try {
      store.insertStepMetrics(makeRows(id, committed, kBatch));
      committed += kBatch;
    } catch (const StoreError& e) {
      QCOMPARE(e.kind(), StoreError::Kind::DiskFull);
      QVERIFY2(QString(e.what()).contains("rolled back"), e.what());
      sawFull = true;
    }
  }
  QVERIFY(sawFull);
  QVERIFY(committed > 0);
  QCOMPARE(store.countStepMetrics(id), committed);
  store.limitPageCount(1'000'000'000);
  store.insertStepMetrics(makeRows(id, committed, kBatch));  // the store keeps working once space is back
  QCOMPARE(store.countStepMetrics(id), committed + kBatch);
}

void RunStoreTest::readerSeesOnlyWholeBatchesDuringWrites() {
  const QString path = dbPath("concurrent.db");
  std::int64_t id = 0;
  {
    RunStore store(path.toStdString());
    id = store.createRun(newRun("concurrent"));
  }
  constexpr int kBatch = 100;
  constexpr int kBatches = 150;
  std::atomic<bool> done{false};
  std::string writerError;
  std::thread writer([&] {
    try {
      RunStore store(path.toStdString());
      for (int b = 0; b < kBatches; ++b) store.insertStepMetrics(makeRows(id, std::int64_t{b} * kBatch, kBatch));
    } catch (const std::exception& e) {
      writerError = e.what();
    }
    done = true;
  });
  RunStore reader(path.toStdString());
  std::int64_t last = 0;
  int observations = 0;
  bool partialSeen = false;
  bool wentBackwards = false;
  while (!done) {
    const std::int64_t count = reader.countStepMetrics(id);
    partialSeen |= count % kBatch != 0;
    wentBackwards |= count < last;
    last = count;
    ++observations;
  }
  writer.join();
  QVERIFY2(writerError.empty(), writerError.c_str());
  QVERIFY(!partialSeen);
  QVERIFY(!wentBackwards);
  QVERIFY(observations > 1);
  QCOMPARE(reader.countStepMetrics(id), std::int64_t{kBatch} * kBatches);
}

void RunStoreTest::writerKilledMidTransactionLeavesNothingHalfWritten() {
  const QString program = qEnvironmentVariable("STORE_CRASH_WRITER");
  QVERIFY2(QFile::exists(program), "STORE_CRASH_WRITER must name the helper executable");
  const QString path = dbPath("killed.db");
  constexpr int kBatch = 20000;
  QProcess writer;
  writer.start(program, {path, QString::number(kBatch)});
  QVERIFY(writer.waitForStarted());
  // Wait for two commits, then kill during the next batch (which takes most of the loop's time).
  long long reported = 0;
  QByteArray output;
  QElapsedTimer timer;
  timer.start();
  while (reported < 2LL * kBatch && timer.elapsed() < 30000) {
    writer.waitForReadyRead(200);
    output += writer.readAllStandardOutput();
    const auto lines = output.split('\n');
    for (const QByteArray& line : lines) {
      if (line.startsWith("committed ")) reported = std::max(reported, line.mid(10).toLongLong());
    }
  }
  QVERIFY2(reported >= 2LL * kBatch, output.constData());
  QTest::qWait(15);
  ::kill(static_cast<pid_t>(writer.processId()), SIGKILL);
  QVERIFY(writer.waitForFinished(5000));
  QCOMPARE(writer.exitStatus(), QProcess::CrashExit);

  RunStore store(path.toStdString());
  const std::int64_t count = store.countStepMetrics(1);
  QVERIFY2(count % kBatch == 0, qPrintable(QString("half a batch survived: %1 rows").arg(count)));
  QVERIFY(count >= reported);
  RawDatabase raw(path);
  QCOMPARE(raw.text("PRAGMA integrity_check"), std::string("ok"));
}

QTEST_GUILESS_MAIN(RunStoreTest)
#include "tst_run_store.moc"
