// Hostile clients against the node agent over real TLS: each is refused (in the handshake, or
// with a 4xx, or by closing a stalled connection), the agent's log says why, a well-behaved
// console is served right afterwards, and the agent's memory stays bounded throughout.

#include <QtTest>

#include <fstream>

#include "AgentFixture.h"
#include "RawTlsClient.h"

using namespace agent_test;

namespace {

std::int64_t residentKib() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoll(line.substr(6));
  }
  return 0;
}

}  // namespace

class AgentHostileTest : public QObject {
  Q_OBJECT

 private:
  TestCertificates certs_;
  LogCapture log_;
  std::unique_ptr<RunningAgent> agent_;
  std::int64_t baselineKib_ = 0;

  bool consoleServed() {
    auto result = consoleClient(certs_, agent_->port())->Get("/v1/health");
    return result && result->status == 200;
  }
  // Runs one hostile client; true when it was refused as it should be.
  bool attack(const QString& kind);

 private slots:
  void initTestCase();
  void cleanupTestCase();
  void refused_data();
  void refused();
  void memoryStaysBounded();
  void connectionsBeyondTheQueueAreRefused();
  void aClientThatStopsReadingIsCutOff();
};

void AgentHostileTest::initTestCase() {
  agent_ = std::make_unique<RunningAgent>(certs_.state, log_.logger);
  for (int i = 0; i < 5; ++i) QVERIFY(consoleServed());  // warm up the serving threads before measuring
  baselineKib_ = residentKib();
}

void AgentHostileTest::cleanupTestCase() { agent_.reset(); }

bool AgentHostileTest::attack(const QString& kind) {
  const int port = agent_->port();
  const auto consoleCrt = certs_.console / "console.crt";
  const auto consoleKey = certs_.console / "console.key";
  if (kind == "no-certificate") {
    auto result = makeClient(certs_, port, {}, "")->Get("/v1/health");
    return !result || result->status != 200;
  }
  if (kind == "foreign-ca") {
    auto result = makeClient(certs_, port, certs_.foreign, "console")->Get("/v1/health");
    return !result;
  }
  if (kind == "node-as-console") {
    auto result = makeClient(certs_, port, certs_.node, kNodeId)->Get("/v1/health");
    return !result;
  }
  if (kind == "tls12") {
    RawTlsClient client(port, consoleCrt, consoleKey, TLS1_2_VERSION);
    return !client.handshake();
  }
  if (kind == "oversized-header") {
    RawTlsClient client(port, consoleCrt, consoleKey, TLS1_3_VERSION);
    if (!client.handshake()) return false;
    client.send("GET /v1/health HTTP/1.1\r\nHost: agent\r\nX-Big: " + std::string(9000, 'a') + "\r\n\r\n");
    const std::string answer = client.readAll("\r\n\r\n");  // the status and headers; the connection may stay open
    return answer.find("200 OK") == std::string::npos;
  }
  if (kind == "oversized-body") {
    auto result = consoleClient(certs_, port)->Post("/v1/ports", std::string(2 * 1024 * 1024, ' '), "application/json");
    return !result || result->status == 413;
  }
  if (kind == "slowloris") {
    RawTlsClient slow(port, consoleCrt, consoleKey, TLS1_3_VERSION);
    if (!slow.handshake() || !slow.send("GET /v1/hea")) return false;
    const auto start = std::chrono::steady_clock::now();
    if (!consoleServed()) return false;  // others are served meanwhile
    slow.readAll();                      // returns when the agent closes it
    const double closedAfter_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    qInfo("slow connection closed after %.1f s", closedAfter_s);
    return closedAfter_s < 12.0;
  }
  if (kind == "malformed-json") {
    auto result = consoleClient(certs_, port)->Post("/v1/ports", R"({"count": )", "application/json");
    return result && result->status == 400 && result->body.find("\"where\"") != std::string::npos;
  }
  if (kind == "path-traversal") {
    auto result = consoleClient(certs_, port)->Get("/v1/runs/r1/checkpoints/..%2f..%2fpki%2fnode.key");
    return result && result->status == 400 && result->body.find("PRIVATE KEY") == std::string::npos;
  }
  return false;
}

void AgentHostileTest::refused_data() {
  QTest::addColumn<QString>("kind");
  QTest::addColumn<QString>("logged");  // what the agent's log must say
  QTest::newRow("no client certificate") << "no-certificate" << "certificate required";
  QTest::newRow("certificate of another CA") << "foreign-ca" << "does not chain to this node's CA";
  QTest::newRow("node certificate as console") << "node-as-console" << "role 'node' where 'console' is required";
  QTest::newRow("TLS 1.2 only") << "tls12" << "protocol version";
  QTest::newRow("header over 8 KiB") << "oversized-header" << "-> 400";
  QTest::newRow("body over 1 MiB") << "oversized-body" << "-> 413";
  QTest::newRow("slowloris") << "slowloris" << "no complete request within 5 s";
  QTest::newRow("malformed JSON") << "malformed-json" << "-> 400";
  QTest::newRow("path traversal") << "path-traversal" << "/checkpoints/";
}

void AgentHostileTest::refused() {
  QFETCH(QString, kind);
  QFETCH(QString, logged);
  log_.sink->clear();  // only this row's lines
  QVERIFY2(attack(kind), qPrintable(kind + " was not refused"));
  std::this_thread::sleep_for(200ms);  // the refusal is logged on the serving thread
  const std::string text = log_.text();
  QVERIFY2(text.find(logged.toStdString()) != std::string::npos, text.c_str());
  QVERIFY(consoleServed());
}

void AgentHostileTest::memoryStaysBounded() {
  for (int round = 0; round < 10; ++round) {
    for (const char* kind : {"no-certificate", "foreign-ca", "node-as-console", "tls12", "oversized-header", "oversized-body",
                             "malformed-json", "path-traversal"}) {
      QVERIFY2(attack(kind), kind);
    }
  }
  QVERIFY(consoleServed());
  const std::int64_t growthKib = residentKib() - baselineKib_;
  qInfo("resident memory grew by %lld KiB over the hostile rounds", static_cast<long long>(growthKib));
  QVERIFY2(growthKib < 20 * 1024, std::to_string(growthKib).c_str());
}

void AgentHostileTest::connectionsBeyondTheQueueAreRefused() {
  LogCapture log;
  RunningAgent small(certs_.state, log.logger, 1, 1);  // one serving thread, one waiting connection
  RawTlsClient busy(small.port(), {}, {}, TLS1_3_VERSION);    // holds the thread: no ClientHello
  std::this_thread::sleep_for(300ms);
  RawTlsClient waiting(small.port(), {}, {}, TLS1_3_VERSION);  // fills the queue
  std::this_thread::sleep_for(300ms);
  const auto start = std::chrono::steady_clock::now();
  RawTlsClient refused(small.port(), certs_.console / "console.crt", certs_.console / "console.key", TLS1_3_VERSION);
  QVERIFY(!refused.handshake());
  const double refusedAfter_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  QVERIFY2(refusedAfter_s < 2.0, std::to_string(refusedAfter_s).c_str());  // at once, not after the others' timeouts
  std::this_thread::sleep_for(100ms);
  QVERIFY2(log.text().find("serving threads busy") != std::string::npos, log.text().c_str());
}

// A console that asks for a large checkpoint and never reads it holds the agent's only serving
// thread until the write timeout (AgentLimits::ioTimeout_s) cuts it off; the next request is
// then served. Without a write timeout the thread would stay blocked in its write for good.
void AgentHostileTest::aClientThatStopsReadingIsCutOff() {
  LogCapture log;
  RunningAgent small(certs_.state, log.logger, 1, 1);  // one serving thread, one waiting connection
  const auto checkpoints = certs_.state / "runs" / "stalled-reader" / "checkpoints";
  std::filesystem::create_directories(checkpoints);
  constexpr std::size_t kCheckpointBytes = 64u << 20;  // far more than the sockets' buffers hold
  {
    std::ofstream out(checkpoints / "big.ckpt", std::ios::binary);
    const std::string block(1 << 20, 'c');
    for (std::size_t i = 0; i < kCheckpointBytes / block.size(); ++i) out << block;
  }
  RawTlsClient stalled(small.port(), certs_.console / "console.crt", certs_.console / "console.key", TLS1_3_VERSION);
  QVERIFY(stalled.handshake());
  QVERIFY(stalled.send("GET /v1/runs/stalled-reader/checkpoints/big.ckpt HTTP/1.1\r\nHost: agent\r\n\r\n"));
  std::this_thread::sleep_for(300ms);  // the agent fills the sockets' buffers and blocks
  const auto start = std::chrono::steady_clock::now();
  auto client = consoleClient(certs_, small.port());
  client->set_read_timeout(30, 0);
  auto health = client->Get("/v1/health");
  const double servedAfter_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  qInfo("the next request was served after %.1f s", servedAfter_s);
  QVERIFY2(health && health->status == 200, "the agent did not serve the next request");
  QVERIFY2(servedAfter_s < archi::agent::AgentLimits{}.ioTimeout_s + 5.0, std::to_string(servedAfter_s).c_str());
  const std::size_t received = stalled.readAll().size();
  QVERIFY2(received < kCheckpointBytes, "the stalled download was not cut off");
  std::filesystem::remove_all(certs_.state / "runs" / "stalled-reader");
}

QTEST_GUILESS_MAIN(AgentHostileTest)
#include "tst_agent_hostile.moc"
