// The agent's pure parts without a server: request parsers (every seed of the fuzz corpus
// replayed through the fuzz driver, then expected answers row by row), the sequenced reader
// of journals across its sparse index, and the parsers of the GPU inventory sources.

#include <QtTest>

#include <filesystem>
#include <fstream>

#include "AgentRequestsDriver.h"
#include "agent/AgentRequests.h"
#include "agent/Inventory.h"
#include "agent/SequencedLines.h"

class AgentRequestsTest : public QObject {
  Q_OBJECT

 private slots:
  void replayFuzzCorpus();
  void requests_data();
  void requests();
  void oversizeAndDeepBodiesAreRefused_data();
  void oversizeAndDeepBodiesAreRefused();
  void sequencedLinesAcrossIndex();
  void nvidiaSmiAndCatalog();
};

void AgentRequestsTest::replayFuzzCorpus() {
  const char* fromEnvironment = std::getenv("AGENT_FUZZ_CORPUS");
  const std::string corpus = fromEnvironment != nullptr ? fromEnvironment : ARCHIPELAGO_SOURCE_DIR "/tests/agent/fuzz-corpus";
  int seeds = 0;
  for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    agent_test::feedAgentRequests(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    ++seeds;
  }
  QVERIFY(seeds >= 20);
}

void AgentRequestsTest::requests_data() {
  QTest::addColumn<int>("parser");  // the driver's first byte
  QTest::addColumn<QString>("input");
  QTest::addColumn<QString>("where");  // pointer of the first problem; empty: accepted
  QTest::newRow("ports ok") << 0 << R"({"count":16})" << "";
  QTest::newRow("ports zero") << 0 << R"({"count":0})" << "/count";
  QTest::newRow("ports unknown key") << 0 << R"({"count":1,"cuont":2})" << "/cuont";
  QTest::newRow("ports not an object") << 0 << "[1]" << "";
  QTest::newRow("signal ok") << 2 << R"({"worker":"a/b/0","signal":"TERM"})" << "";
  QTest::newRow("signal bad") << 2 << R"({"worker":"a","signal":"STOP"})" << "/signal";
  QTest::newRow("stop default") << 3 << "" << "";
  QTest::newRow("stop negative") << 3 << R"({"grace_s":-1})" << "/grace_s";
  QTest::newRow("query ok") << 4 << "stream=agent&after=3&limit=3" << "";
  QTest::newRow("query no stream") << 4 << "after=3" << "?stream";
  QTest::newRow("query limit") << 4 << "stream=a&limit=0" << "?limit";
  QTest::newRow("query not a number") << 4 << "stream=a&after=1x" << "?after";
  QTest::newRow("cuts ok") << 5 << "a b\n" << "";
  QTest::newRow("cuts self") << 5 << "a a\n" << "line 1";
  QTest::newRow("name ok") << 6 << "beijing-round-12.ckpt" << "";
  QTest::newRow("name dotdot") << 6 << ".." << "{name}";
}

void AgentRequestsTest::requests() {
  QFETCH(int, parser);
  QFETCH(QString, input);
  QFETCH(QString, where);
  archi::Diagnostics problems;
  const std::string text = input.toStdString();
  archi::agent::QueryParams query;
  for (const QString& pair : input.split('&', Qt::SkipEmptyParts)) query.emplace(pair.section('=', 0, 0).toStdString(), pair.section('=', 1).toStdString());
  switch (parser) {
    case 0: archi::agent::parsePortsRequest(text, problems); break;
    case 2: archi::agent::parseSignalRequest(text, problems); break;
    case 3: archi::agent::parseStopRequest(text, problems); break;
    case 4: archi::agent::parseSequenceQuery(query, problems); break;
    case 5: archi::agent::validateWanCuts(text, problems); break;
    case 6: archi::agent::validatePlainName(text, "{name}", problems); break;
    default: QFAIL("no such parser");
  }
  if (where.isEmpty() && input != "[1]") {
    QVERIFY2(!problems.hasErrors(), archi::agent::problemsToJson(problems).dump().c_str());
  } else {
    QVERIFY(problems.hasErrors());
    if (!where.isEmpty()) QCOMPARE(archi::agent::problemsToJson(problems)["where"].get<std::string>(), where.toStdString());
  }
}

// The parsers bound what they read themselves (kAgentRequestJsonLimits), whoever calls them: a
// body over 1 MiB or nested deeper than 16 levels is refused before any value is built.
void AgentRequestsTest::oversizeAndDeepBodiesAreRefused_data() {
  QTest::addColumn<int>("parser");
  QTest::addColumn<QByteArray>("body");
  QTest::addColumn<QString>("expected");
  const QByteArray padded = QByteArray(R"({"count":1})") + QByteArray(int(archi::agent::kMaxRequestBodyBytes), ' ');
  QTest::newRow("ports, 1 MiB of padding") << 0 << padded << "too large";
  QTest::newRow("ports, nested") << 0 << QByteArray(R"({"count":)") + QByteArray(17, '[') + QByteArray(17, ']') + "}"
                                 << "nested deeper than 16 levels";
  QTest::newRow("start, 100,000 [") << 1 << QByteArray(100'000, '[') << "nested deeper than 16 levels at line 1, column 17";
  QTest::newRow("signal, nested") << 2 << QByteArray(R"({"worker":)") + QByteArray(30, '{') << "nested deeper";
  QTest::newRow("cuts, 1 MiB of lines") << 5 << QByteArray(int(archi::agent::kMaxRequestBodyBytes / 4) + 1, 'a').replace("a", "a b\n")
                                        << "too large";
}

void AgentRequestsTest::oversizeAndDeepBodiesAreRefused() {
  QFETCH(int, parser);
  QFETCH(QByteArray, body);
  QFETCH(QString, expected);
  archi::Diagnostics problems;
  const std::string text = body.toStdString();
  switch (parser) {
    case 0: QVERIFY(!archi::agent::parsePortsRequest(text, problems)); break;
    case 1: QVERIFY(!archi::agent::parseStartWorkerRequest(text, problems)); break;
    case 2: QVERIFY(!archi::agent::parseSignalRequest(text, problems)); break;
    case 5: QVERIFY(!archi::agent::validateWanCuts(text, problems)); break;
    default: QFAIL("no such parser");
  }
  const nlohmann::json answer = archi::agent::problemsToJson(problems);
  QCOMPARE(answer["where"].get<std::string>(), std::string());
  QVERIFY2(QString::fromStdString(answer["error"].get<std::string>()).contains(expected), answer.dump().c_str());
}

void AgentRequestsTest::sequencedLinesAcrossIndex() {
  QTemporaryDir dir;
  const std::filesystem::path file = dir.filePath("j.jsonl").toStdString();
  constexpr int kLines = 3000;  // across two index entries
  {
    std::ofstream out(file);
    for (int i = 1; i <= kLines; ++i) out << "{\"n\":" << i << "}\n";
    out << "{\"partial\":";  // a line still being written is not served
  }
  archi::agent::SequencedLines lines(file);
  for (const std::int64_t after : {std::int64_t(0), std::int64_t(1023), std::int64_t(1024), std::int64_t(2047), std::int64_t(2999)}) {
    const auto chunk = lines.read(after, 5, 1 << 20);
    QCOMPARE(chunk.last_seq, std::int64_t(kLines));
    QCOMPARE(chunk.first_seq, after + 1);
    QVERIFY(chunk.text.rfind(std::to_string(after + 1) + "\t{\"n\":" + std::to_string(after + 1) + "}\n", 0) == 0);
  }
  QCOMPARE(lines.read(kLines, 5, 1 << 20).served, std::int64_t(0));
  QCOMPARE(lines.read(0, 20000, 100).served, std::int64_t(9));  // 9 records of 10 bytes, the 10th would pass the cap
  { std::ofstream(file, std::ios::app) << "\"done\"}\n"; }
  const auto last = lines.read(kLines, 5, 1 << 20);
  QCOMPARE(last.served, std::int64_t(1));
  QCOMPARE(last.text, std::to_string(kLines + 1) + "\t{\"partial\":\"done\"}\n");
}

void AgentRequestsTest::nvidiaSmiAndCatalog() {
  const auto gpus = archi::agent::parseNvidiaSmiCsv("0, NVIDIA H20, 97871, 550.54.15\n1, NVIDIA H200, 143771, 550.54.15\ngarbage\n");
  QCOMPARE(gpus.size(), std::size_t(2));
  QCOMPARE(gpus[1].index, 1);
  QCOMPARE(gpus[0].memory_bytes, std::int64_t(97871) * 1024 * 1024);
  QCOMPARE(gpus[0].driver, std::string("550.54.15"));
  archi::Diagnostics diagnostics;
  const archi::GpuCatalog catalog = archi::GpuCatalog::loadDefault(diagnostics);
  QVERIFY(!diagnostics.hasErrors());
  for (const auto& gpu : gpus) {
    const std::string type = archi::agent::catalogTypeForName(gpu.name, catalog);
    QVERIFY(type.empty() || catalog.find(type) != nullptr);
  }
  QCOMPARE(archi::agent::catalogTypeForName("Some Unknown Accelerator", catalog), std::string());
  const auto proc = archi::agent::parseProcGpuInformation("Model: \t\t NVIDIA H20\nIRQ: 1\nDevice Minor: \t 3\n");
  QCOMPARE(proc.name, std::string("NVIDIA H20"));
  QCOMPARE(proc.index, 3);

  // This machine, measured: a source of "none" lists no GPU, any other lists at least one.
  const archi::agent::Inventory here = archi::agent::measureInventory(std::filesystem::temp_directory_path(), catalog);
  QCOMPARE(here.gpus.empty(), here.gpu_source == "none");
  QVERIFY(here.cpu_cores > 0 && here.memory_bytes > 0 && here.disk_total_bytes > 0);
  qInfo("inventory: %s, %d cores, gpu_source %s, %d GPU(s)", here.cpu_model.c_str(), here.cpu_cores, here.gpu_source.c_str(),
        static_cast<int>(here.gpus.size()));
}

QTEST_GUILESS_MAIN(AgentRequestsTest)
#include "tst_agent_requests.moc"
