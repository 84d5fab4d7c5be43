// Worker journals: appended lines are read exactly once, a line still being written waits
// for its newline, and a malformed line is reported with its byte offset and skipped.

#include <QtTest>

#include <fstream>

#include "control/MetricsJournal.h"

class MetricsJournalTest : public QObject {
  Q_OBJECT

 private slots:
  void appendedRecordsAreReadOnce();
  void partialLineWaitsForItsNewline();
  void malformedLineIsReportedAndSkipped();
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
  QVERIFY2(problems.all()[0].message.find("at byte 11") != std::string::npos, problems.all()[0].message.c_str());
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
