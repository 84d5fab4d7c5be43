// Worker journals: appended lines are read exactly once, a line still being written waits
// for its newline, a malformed line is reported with its line number and byte offset and
// skipped, and a line torn by a crash is never glued to the next writer's first record.

#include <QtTest>

#include <cmath>
#include <fstream>
#include <limits>

#include "control/JournalRecords.h"
#include "control/MetricsJournal.h"

class MetricsJournalTest : public QObject {
  Q_OBJECT

 private slots:
  void appendedRecordsAreReadOnce();
  void partialLineWaitsForItsNewline();
  void malformedLineIsReportedAndSkipped();
  void badLineIsReportedByNumber_data();
  void badLineIsReportedByNumber();
  void tornLineIsNotGluedToTheNextRecord();
  void nanLossIsRecordedAsNull();
  void missingFileIsNotAnError();
  void journalIsPrivateAndNeverALink();
  void aTornLineIsNotGluedToTheNextRecord();
};

void MetricsJournalTest::appendedRecordsAreReadOnce() {
  QTemporaryDir dir;
  const std::string path = dir.filePath("sub/w0.jsonl").toStdString();
  archi::JournalWriter writer(path);
  archi::JournalTailer tailer(path);
  archi::Diagnostics problems;
  for (int i = 0; i < 3; ++i) writer.append({{"kind", "step"}, {"step", i}});
  auto records = tailer.readNew(problems);
  QCOMPARE(records.size(), std::size_t{3});
  QCOMPARE(records[2]["step"].get<int>(), 2);
  QVERIFY(tailer.readNew(problems).empty());
  writer.append({{"kind", "step"}, {"step", 3}});
  records = tailer.readNew(problems);
  QCOMPARE(records.size(), std::size_t{1});
  QCOMPARE(records[0]["step"].get<int>(), 3);
  QVERIFY(problems.empty());
}

void MetricsJournalTest::partialLineWaitsForItsNewline() {
  QTemporaryDir dir;
  const std::string path = dir.filePath("w.jsonl").toStdString();
  std::ofstream out(path, std::ios::binary);
  out << "{\"step\":1}\n{\"step\":";
  out.flush();
  archi::JournalTailer tailer(path);
  archi::Diagnostics problems;
  QCOMPARE(tailer.readNew(problems).size(), std::size_t{1});
  out << "2}\n";
  out.flush();
  const auto records = tailer.readNew(problems);
  QCOMPARE(records.size(), std::size_t{1});
  QCOMPARE(records[0]["step"].get<int>(), 2);
  QVERIFY(problems.empty());
}

void MetricsJournalTest::malformedLineIsReportedAndSkipped() {
  QTemporaryDir dir;
  const std::string path = dir.filePath("w.jsonl").toStdString();
  std::ofstream(path, std::ios::binary) << "{\"step\":1}\n{garbage\n{\"step\":3}\n";
  archi::JournalTailer tailer(path);
  archi::Diagnostics problems;
  const auto records = tailer.readNew(problems);
  QCOMPARE(records.size(), std::size_t{2});
  QCOMPARE(problems.all().size(), std::size_t{1});
  QVERIFY2(problems.all()[0].message.find("line 2 (byte 11)") != std::string::npos, problems.all()[0].message.c_str());
}

// Each bad line sits between two good ones: it is reported by its line number (2) with the
// reason, the good ones are read, and nothing is thrown (1e400 used to escape as an exception).
void MetricsJournalTest::badLineIsReportedByNumber_data() {
  QTest::addColumn<QByteArray>("line");
  QTest::addColumn<QString>("expected");
  QTest::newRow("number beyond a double") << QByteArray(R"({"kind":"step","loss":1e400})") << "number overflow parsing '1e400'";
  QTest::newRow("NaN literal") << QByteArray(R"({"kind":"step","loss":NaN})") << "not valid JSON at line 1, column 23";
  QTest::newRow("nested too deep") << QByteArray(R"({"kind":"event","fields":)") + QByteArray(20, '[') + QByteArray(20, ']') + "}"
                                   << "nested deeper than 8 levels";
  QTest::newRow("duplicate key") << QByteArray(R"({"kind":"step","kind":"round"})") << "duplicate key";
  QTest::newRow("longer than the limit") << QByteArray(R"({"kind":"sample","text":")") +
                                                QByteArray(int(archi::kMaxJournalLineBytes), 'x') + R"("})"
                                         << "longer than 1048576 bytes";
}

void MetricsJournalTest::badLineIsReportedByNumber() {
  QFETCH(QByteArray, line);
  QFETCH(QString, expected);
  QTemporaryDir dir;
  const std::string path = dir.filePath("w.jsonl").toStdString();
  std::ofstream(path, std::ios::binary) << "{\"step\":1}\n" << line.toStdString() << "\n{\"step\":3}\n";
  archi::JournalTailer tailer(path);
  archi::Diagnostics problems;
  const auto records = tailer.readNew(problems);
  QCOMPARE(records.size(), std::size_t{2});
  QCOMPARE(records[1]["step"].get<int>(), 3);
  QCOMPARE(problems.all().size(), std::size_t{1});
  const QString message = QString::fromStdString(problems.all()[0].message);
  QVERIFY2(message.contains("w.jsonl line 2 (byte 11)") && message.contains(expected), qPrintable(message));
  QVERIFY(tailer.readNew(problems).empty());
}

// A worker killed inside append() leaves half a line; its restart appends to the same journal.
void MetricsJournalTest::tornLineIsNotGluedToTheNextRecord() {
  QTemporaryDir dir;
  const std::string path = dir.filePath("w.jsonl").toStdString();
  {
    archi::JournalWriter first(path);
    first.append({{"kind", "step"}, {"step", 1}});
  }
  std::ofstream(path, std::ios::binary | std::ios::app) << R"({"kind":"step","st)";
  archi::JournalTailer tailer(path);
  archi::Diagnostics problems;
  QCOMPARE(tailer.readNew(problems).size(), std::size_t{1});  // the torn line waits for its newline
  archi::JournalWriter restarted(path);
  restarted.append({{"kind", "step"}, {"step", 2}});
  const auto records = tailer.readNew(problems);
  QCOMPARE(records.size(), std::size_t{1});
  QCOMPARE(records[0]["step"].get<int>(), 2);
  QCOMPARE(problems.all().size(), std::size_t{1});
  QVERIFY2(problems.all()[0].message.find("w.jsonl line 2 (byte 25)") != std::string::npos, problems.all()[0].message.c_str());
}

// A diverged loss is data: written as null, read back as NaN, never a malformed record.
void MetricsJournalTest::nanLossIsRecordedAsNull() {
  QTemporaryDir dir;
  const std::string path = dir.filePath("w.jsonl").toStdString();
  archi::JournalWriter writer(path);
  for (const double loss : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
    writer.append(archi::journal::stepRecord({0, "w0", 1, 1.0, 100, loss, 1, 0, 0, 0}));
  }
  std::ifstream in(path);
  const std::string firstLine((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  QVERIFY2(firstLine.find("\"loss\":null") != std::string::npos, firstLine.c_str());
  archi::JournalTailer tailer(path);
  archi::Diagnostics problems;
  const auto lines = tailer.readNew(problems);
  QCOMPARE(lines.size(), std::size_t{2});
  for (const nlohmann::json& line : lines) {
    const auto record = archi::journal::parseRecord(line, 1, path, problems);
    QVERIFY(record.has_value());
    QVERIFY(std::isnan(std::get<archi::StepMetric>(*record).loss));
  }
  QVERIFY(problems.empty());
}

void MetricsJournalTest::missingFileIsNotAnError() {
  archi::JournalTailer tailer("/nonexistent/journal.jsonl");
  archi::Diagnostics problems;
  QVERIFY(tailer.readNew(problems).empty());
  QVERIFY(problems.empty());
}

void MetricsJournalTest::journalIsPrivateAndNeverALink() {
  // Journals hold losses, generated text and timings: the owner's only (issue 15 item 4).
  QTemporaryDir dir;
  const QString path = dir.filePath("w0.jsonl");
  archi::JournalWriter writer(path.toStdString());
  QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadOther | QFileDevice::ReadGroup | QFileDevice::WriteOther),
           QFileDevice::Permissions());
  // A link planted where a journal will be is refused, not followed.
  const QString target = dir.filePath("elsewhere");
  QVERIFY(QFile(target).open(QIODevice::WriteOnly));
  QVERIFY(QFile::link(target, dir.filePath("planted.jsonl")));
  QVERIFY_THROWS_EXCEPTION(std::runtime_error, archi::JournalWriter(dir.filePath("planted.jsonl").toStdString()));
  QCOMPARE(QFile(target).size(), qint64{0});
}

void MetricsJournalTest::aTornLineIsNotGluedToTheNextRecord() {
  // A worker killed mid-write leaves half a line; its restart appends to the same journal.
  QTemporaryDir dir;
  const std::string path = dir.filePath("w0.jsonl").toStdString();
  std::ofstream(path) << R"({"kind":"step","step":1})" << "\n" << R"({"kind":"step","ste)";
  archi::JournalWriter restarted(path);
  restarted.append({{"kind", "step"}, {"step", 2}});
  archi::JournalTailer tailer(path);
  archi::Diagnostics problems;
  const auto records = tailer.readNew(problems);
  QCOMPARE(records.size(), std::size_t{2});
  QCOMPARE(records[1]["step"].get<int>(), 2);
  QCOMPARE(problems.all().size(), std::size_t{1});  // the torn line, alone
}

QTEST_GUILESS_MAIN(MetricsJournalTest)
#include "tst_metrics_journal.moc"
