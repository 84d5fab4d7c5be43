// The CSV export of a stored run: every row, RFC 4180 quoting that reads back exactly, and
// doubles that survive the round trip bit for bit.

#include <QtTest>

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>

#include "store/RunCsvExport.h"
#include "store/RunStore.h"

using archi::RunStore;

namespace {

using CsvRows = std::vector<std::vector<std::string>>;

// A minimal RFC 4180 reader: quoted fields may hold commas, doubled quotes, CR and LF; records
// end with CRLF (a lone LF is accepted too).
CsvRows readCsv(const std::string& text) {
  CsvRows rows;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      record.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(record));
      record.clear();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !record.empty()) {
    record.push_back(std::move(field));
    rows.push_back(std::move(record));
  }
  return rows;
}

CsvRows readCsvFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return readCsv(text.str());
}

bool sameBits(const std::string& field, double expected) {
  char* end = nullptr;
  const double parsed = std::strtod(field.c_str(), &end);
  return *end == '\0' && std::bit_cast<std::uint64_t>(parsed) == std::bit_cast<std::uint64_t>(expected);
}

const std::string kCommaWorker = "dc-a,worker 0";
const std::string kTrickyText = "loss \"spiked\", then\r\nrecovered\nok";

}  // namespace

class RunCsvExportTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void everyStoredRowIsWritten_data();
  void everyStoredRowIsWritten();
  void trickyFieldsRoundTrip();
  void doublesRoundTripExactly();
  void fieldQuoting_data();
  void fieldQuoting();

 private:
  QTemporaryDir dir_;
  std::unique_ptr<RunStore> store_;
  std::int64_t runId_ = 0;
  std::filesystem::path csvDir_;
  std::vector<archi::CsvFileRows> written_;
};

void RunCsvExportTest::initTestCase() {
  QVERIFY(dir_.isValid());
  store_ = std::make_unique<RunStore>(dir_.filePath("runs.db").toStdString());
  runId_ = store_->createRun({0, "csv-run", "project", archi::RunState::Completed, "diloco", true, 100.0, 101.0, 160.5});
  // An unrelated run whose rows must not leak into the export.
  const std::int64_t otherRun = store_->createRun({0, "other", "project", archi::RunState::Planned, "diloco", true, 1.0, {}, {}});

  const std::vector<std::string> workerIds = {kCommaWorker, "dc-a/w1", "dc-b/w0", "dc-b/w1"};
  std::vector<archi::WorkerRecord> workers;
  for (std::size_t i = 0; i < workerIds.size(); ++i) {
    workers.push_back({runId_, workerIds[i], i < 2 ? "dc-a" : "dc-b", "node-" + std::to_string(i), static_cast<int>(i % 2),
                       "H100", true});
  }
  store_->addWorkers(workers);

  std::mt19937_64 rng(20240611);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<archi::StepMetric> steps;
  for (int i = 0; i < 1000; ++i) {
    const double u = uniform(rng);
    steps.push_back({runId_, workerIds[i % 4], i / 4, 100.0 + 0.1 * i + u, 2048 + i, 11.0 * u + 1e-17,
                     1e-300 * (1.0 + u), 1e300 * u, 0.1 * i, u / 3.0});
  }
  store_->insertStepMetrics(steps);
  store_->insertStepMetrics(std::vector<archi::StepMetric>{{otherRun, "x", 0, 1.0, 1, 1.0, 1, 1, 1, 1}});
  std::vector<archi::LinkSample> links;
  for (int i = 0; i < 30; ++i) links.push_back({runId_, "dc-a", "dc,b", 100.0 + i, 1000 + i, 80.0 * uniform(rng), 0.0});
  store_->insertLinkSamples(links);
  store_->insertLinkSamples(std::vector<archi::LinkSample>{{otherRun, "x", "y", 1.0, 1, 1.0, 0.0}});
  store_->addSample({runId_, 40, "The \"quoted\", prompt", "line one\nline two, with a comma"});

  std::vector<archi::OuterRound> rounds;
  for (int r = 0; r < 25; ++r) {
    for (const char* dc : {"dc-a", "dc-b"}) rounds.push_back({runId_, r, dc, 100.0 + r, 10, 40960, 1 << 20, 4.0 / 3.0, 12.5, 2});
  }
  store_->insertOuterRounds(rounds);
  for (int v = 0; v < 7; ++v) store_->addValidation({runId_, "dc-a", 10 * v, v, 100.0 + v, 20480 * v, 3.0 / (v + 1)});

  archi::EventRecord tricky;
  tricky.run_id = runId_;
  tricky.wall_time_s = 123.456789012345;
  tricky.level = "warning";
  tricky.source = kCommaWorker;
  tricky.text = kTrickyText;
  store_->addEvent(tricky);
  for (int e = 0; e < 4; ++e) {
    archi::EventRecord plain;
    plain.run_id = runId_;
    plain.wall_time_s = 200.0 + e;
    plain.source = "launcher";
    plain.text = "note " + std::to_string(e);
    store_->addEvent(plain);
  }

  csvDir_ = std::filesystem::path(dir_.path().toStdString()) / "export";
  written_ = archi::exportRunCsv(*store_, runId_, csvDir_);
}

void RunCsvExportTest::everyStoredRowIsWritten_data() {
  QTest::addColumn<QString>("file");
  QTest::addColumn<qint64>("storedRows");
  QTest::addColumn<int>("columns");
  QTest::newRow("steps") << "steps.csv" << qint64(store_->countStepMetrics(runId_)) << 9;
  QTest::newRow("rounds") << "rounds.csv" << qint64(store_->outerRounds(runId_).size()) << 9;
  QTest::newRow("validation") << "validation.csv" << qint64(store_->validation(runId_).size()) << 6;
  QTest::newRow("events") << "events.csv" << qint64(store_->events(runId_).size()) << 5;
  QTest::newRow("workers") << "workers.csv" << qint64(store_->workers(runId_).size()) << 6;
  QTest::newRow("links") << "links.csv" << qint64(store_->linkSamples(runId_).size()) << 6;
  QTest::newRow("samples") << "samples.csv" << qint64(store_->samples(runId_).size()) << 3;
}

void RunCsvExportTest::everyStoredRowIsWritten() {
  QFETCH(QString, file);
  QFETCH(qint64, storedRows);
  QFETCH(int, columns);
  QVERIFY(storedRows > 0);
  const CsvRows rows = readCsvFile(csvDir_ / file.toStdString());
  QCOMPARE(qint64(rows.size()) - 1, storedRows);  // header excluded
  for (const std::vector<std::string>& row : rows) QCOMPARE(int(row.size()), columns);
  const auto reported = std::find_if(written_.begin(), written_.end(),
                                     [&](const archi::CsvFileRows& f) { return f.file == file.toStdString(); });
  QVERIFY(reported != written_.end());
  QCOMPARE(qint64(reported->rows), storedRows);
}

void RunCsvExportTest::trickyFieldsRoundTrip() {
  const CsvRows events = readCsvFile(csvDir_ / "events.csv");
  QCOMPARE(events.front(), (std::vector<std::string>{"wall_time_s", "level", "source", "kind", "text"}));
  QCOMPARE(events[1][2], kCommaWorker);
  QCOMPARE(events[1][4], kTrickyText);
  QVERIFY(sameBits(events[1][0], 123.456789012345));

  const CsvRows workers = readCsvFile(csvDir_ / "workers.csv");
  const auto commaWorker = std::find_if(workers.begin(), workers.end(), [](const auto& row) { return row[0] == kCommaWorker; });
  QVERIFY(commaWorker != workers.end());
  QCOMPARE((*commaWorker)[1], std::string("dc-a"));

  const CsvRows steps = readCsvFile(csvDir_ / "steps.csv");
  QCOMPARE(int(std::count_if(steps.begin(), steps.end(), [](const auto& row) { return row[0] == kCommaWorker; })), 250);
}

void RunCsvExportTest::doublesRoundTripExactly() {
  const std::vector<archi::StepMetric> stored = store_->stepMetrics(runId_);
  const CsvRows rows = readCsvFile(csvDir_ / "steps.csv");
  QCOMPARE(rows.size(), stored.size() + 1);
  for (std::size_t i = 0; i < stored.size(); ++i) {
    const std::vector<std::string>& row = rows[i + 1];
    const archi::StepMetric& m = stored[i];
    QCOMPARE(row[0], m.worker_id);
    QCOMPARE(qint64(std::stoll(row[1])), qint64(m.step));
    QCOMPARE(qint64(std::stoll(row[3])), qint64(m.tokens));
    for (const auto& [column, value] : std::vector<std::pair<int, double>>{
             {2, m.wall_time_s}, {4, m.loss}, {5, m.compute_ms}, {6, m.intra_ms}, {7, m.inter_ms}, {8, m.idle_ms}}) {
      QVERIFY2(sameBits(row[column], value),
               qPrintable(QString("row %1 column %2: %3").arg(i).arg(column).arg(QString::fromStdString(row[column]))));
    }
  }
}

void RunCsvExportTest::fieldQuoting_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<QString>("field");
  QTest::newRow("plain") << "dc-a/w0" << "dc-a/w0";
  QTest::newRow("empty") << "" << "";
  QTest::newRow("comma") << "a,b" << "\"a,b\"";
  QTest::newRow("quote") << "say \"hi\"" << "\"say \"\"hi\"\"\"";
  QTest::newRow("lf") << "a\nb" << "\"a\nb\"";
  QTest::newRow("cr") << "a\rb" << "\"a\rb\"";
}

void RunCsvExportTest::fieldQuoting() {
  QFETCH(QString, text);
  QFETCH(QString, field);
  QCOMPARE(QString::fromStdString(archi::csvField(text.toStdString())), field);
}

QTEST_GUILESS_MAIN(RunCsvExportTest)
#include "tst_run_csv_export.moc"
