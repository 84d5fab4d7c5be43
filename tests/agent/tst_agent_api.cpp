// The node agent's /v1 API over real HTTPS against docs/agent-api.md: the documented routes
// and the served ones are the same set, each answers as documented, a real worker is started,
// its journal read back in chunks by sequence number (no gap, no duplicate), checkpoints are
// listed and downloaded (traversal refused), a run stops with grace, a restarted agent
// re-adopts a running worker, and the `archi agent` binary serves and stops on SIGTERM.

#include <signal.h>

#include <QtTest>

#include <regex>
#include <set>

#include "AgentFixture.h"
#include "agent/AgentRoutes.h"
#include "agent/NodeRuns.h"
#include "control/ChildProcess.h"
#include "control/FreePorts.h"
#include "control/WorkerSpec.h"

using namespace agent_test;
using nlohmann::json;

namespace {

// A one-worker run of the tiny model over a small corpus; `tokens` sets how long it trains.
json workerSpecJson(const std::filesystem::path& corpus, std::int64_t tokens) {
  archi::WorkerSpec s;
  s.run_id = "demo";
  s.worker_id = "solo/" + kNodeId + "/0";
  s.datacenter_id = "solo";
  s.device_type = "CPU";
  s.dc_shares = {8};
  s.dc_worker_ids = {s.worker_id};
  s.threads = 1;
  s.rendezvous = {"127.0.0.1", archi::pickFreeLoopbackPorts(1).front()};
  s.run.model = {1, 2, 32, 32, 256};
  s.run.data.corpus = corpus.string();
  s.run.train.tokens = tokens;
  s.run.train.batch_tokens = 256;
  s.run.train.inner_steps = 3;
  s.journal = "/elsewhere/journal.jsonl";  // rewritten by the agent
  s.checkpoint_dir = "/elsewhere/checkpoints";
  return json::parse(archi::workerSpecToJson(s).dump());
}

json bodyOf(const httplib::Result& result) { return json::parse(result->body, nullptr, false); }

}  // namespace

class AgentApiTest : public QObject {
  Q_OBJECT

 private:
  TestCertificates certs_;
  LogCapture log_;
  std::unique_ptr<RunningAgent> agent_;
  std::filesystem::path corpus_;

  std::unique_ptr<httplib::SSLClient> client() { return consoleClient(certs_, agent_->port()); }
  // Polls GET /v1/runs/{run} until `worker` is in `state` (or the deadline passes).
  json waitForState(const std::string& run, const std::string& state, std::chrono::seconds deadline);
  std::string startWorker(const std::string& run, std::int64_t tokens);

 private slots:
  void initTestCase();
  void cleanupTestCase();
  void documentedRoutesAreServed();
  void everyRouteAnswers_data();
  void everyRouteAnswers();
  void workerJournalBySequence();
  void checkpointsAndTraversal_data();
  void checkpointsAndTraversal();
  void stopWithGrace();
  void killIsRestartedWhenAsked();
  void restartedAgentAdoptsWorker();
  void agentBinaryServesAndStops();
};

void AgentApiTest::initTestCase() {
  corpus_ = certs_.root / "corpus.txt";
  std::ofstream out(corpus_);
  for (int i = 0; i < 2000; ++i) out << "the cat sat on the mat number " << i % 37 << ".\n";
  out.close();
  agent_ = std::make_unique<RunningAgent>(certs_.state, log_.logger);
}

void AgentApiTest::cleanupTestCase() { agent_.reset(); }

json AgentApiTest::waitForState(const std::string& run, const std::string& state, std::chrono::seconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  json status;
  while (std::chrono::steady_clock::now() < until) {
    auto result = client()->Get("/v1/runs/" + run);
    if (result && result->status == 200) {
      status = bodyOf(result);
      if (!status["workers"].empty() && status["workers"][0]["state"] == state) return status;
    }
    std::this_thread::sleep_for(100ms);
  }
  return status;
}

std::string AgentApiTest::startWorker(const std::string& run, std::int64_t tokens) {
  const json request{{"spec", workerSpecJson(corpus_, tokens)}, {"max_restarts", 1}};
  auto result = client()->Post("/v1/runs/" + run + "/workers", request.dump(), "application/json");
  if (!result) return "no response";
  if (result->status != 201) return std::to_string(result->status) + " " + result->body;
  return {};
}

void AgentApiTest::documentedRoutesAreServed() {
  const std::string doc = readFile(ARCHIPELAGO_SOURCE_DIR "/docs/agent-api.md");
  std::set<std::string> documented;
  const std::regex heading(R"(### `(GET|POST|PUT|DELETE) (/v1[^`?]*))");
  for (auto it = std::sregex_iterator(doc.begin(), doc.end(), heading); it != std::sregex_iterator(); ++it) {
    documented.insert((*it)[1].str() + " " + (*it)[2].str());
  }
  std::set<std::string> served;
  for (const archi::agent::AgentRoute& route : archi::agent::agentRoutes()) served.insert(route.method + " " + route.path);
  QVERIFY(documented.size() >= 13);
  // The machine-readable form lists the same routes.
  const json openapi = json::parse(readFile(ARCHIPELAGO_SOURCE_DIR "/docs/agent-api.openapi.json"));
  std::set<std::string> described;
  for (const auto& [path, methods] : openapi["paths"].items()) {
    for (const auto& [method, operation] : methods.items()) {
      std::string upper = method;
      for (char& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
      described.insert(upper + " " + path);
    }
  }
  QVERIFY(described == documented);
  for (const std::string& route : documented) QVERIFY2(served.count(route) == 1, ("documented, not served: " + route).c_str());
  for (const std::string& route : served) QVERIFY2(documented.count(route) == 1, ("served, not documented: " + route).c_str());
}

void AgentApiTest::everyRouteAnswers_data() {
  QTest::addColumn<QString>("method");
  QTest::addColumn<QString>("path");
  QTest::addColumn<QString>("body");
  QTest::addColumn<int>("status");
  QTest::addColumn<QString>("field");  // a key the JSON answer must have
  QTest::newRow("health") << "GET" << "/v1/health" << "" << 200 << "node";
  QTest::newRow("inventory") << "GET" << "/v1/inventory" << "" << 200 << "gpu_source";
  QTest::newRow("ports") << "POST" << "/v1/ports" << R"({"count":2})" << 200 << "ports";
  QTest::newRow("ports out of range") << "POST" << "/v1/ports" << R"({"count":17})" << 400 << "where";
  QTest::newRow("runs") << "GET" << "/v1/runs" << "" << 200 << "runs";
  QTest::newRow("start: invalid spec") << "POST" << "/v1/runs/r1/workers" << R"({"spec":{"format":1}})" << 400 << "problems";
  QTest::newRow("status: unknown run") << "GET" << "/v1/runs/nosuchrun" << "" << 404 << "error";
  QTest::newRow("signal: no such worker") << "POST" << "/v1/runs/r1/signal" << R"({"worker":"x","signal":"TERM"})" << 404 << "error";
  QTest::newRow("signal: bad signal") << "POST" << "/v1/runs/r1/signal" << R"({"worker":"x","signal":"HUP"})" << 400 << "where";
  QTest::newRow("stop: unknown run") << "POST" << "/v1/runs/nosuchrun/stop" << R"({"grace_s":1})" << 404 << "error";
  QTest::newRow("wan-cuts") << "PUT" << "/v1/runs/r1/wan-cuts" << "beijing shanghai\n" << 200 << "written";
  QTest::newRow("wan-cuts: malformed") << "PUT" << "/v1/runs/r1/wan-cuts" << "beijing\n" << 400 << "where";
  QTest::newRow("journal: no stream") << "GET" << "/v1/runs/r1/journal" << "" << 400 << "where";
  QTest::newRow("journal: empty stream") << "GET" << "/v1/runs/r1/journal?stream=agent" << "" << 200 << "";
  QTest::newRow("logs: bad limit") << "GET" << "/v1/runs/r1/logs?stream=w&limit=20001" << "" << 400 << "where";
  QTest::newRow("checkpoints") << "GET" << "/v1/runs/r1/checkpoints" << "" << 200 << "checkpoints";
  QTest::newRow("checkpoint: missing") << "GET" << "/v1/runs/r1/checkpoints/none.ckpt" << "" << 404 << "error";
  QTest::newRow("no such route") << "GET" << "/v1/nothing" << "" << 404 << "error";
}

void AgentApiTest::everyRouteAnswers() {
  QFETCH(QString, method);
  QFETCH(QString, path);
  QFETCH(QString, body);
  QFETCH(int, status);
  QFETCH(QString, field);
  auto c = client();
  httplib::Result result = method == "GET"    ? c->Get(path.toStdString())
                           : method == "POST" ? c->Post(path.toStdString(), body.toStdString(), "application/json")
                                              : c->Put(path.toStdString(), body.toStdString(), "text/plain");
  QVERIFY2(result, httplib::to_string(result.error()).c_str());
  QVERIFY2(result->status == status, (std::to_string(result->status) + " " + result->body).c_str());
  if (!field.isEmpty()) {
    const json answer = bodyOf(result);
    QVERIFY2(answer.is_object() && answer.contains(field.toStdString()), result->body.c_str());
  }
  if (path == "/v1/health") {
    const json answer = bodyOf(result);
    QCOMPARE(answer["node"].get<std::string>(), kNodeId);
    QCOMPARE(answer["status"].get<std::string>(), std::string("ok"));
    QCOMPARE(answer["api"].get<int>(), 1);
  }
}

void AgentApiTest::workerJournalBySequence() {
  const std::string problem = startWorker("demo", 6 * 256);
  QVERIFY2(problem.empty(), problem.c_str());
  auto again = client()->Post("/v1/runs/demo/workers", json{{"spec", workerSpecJson(corpus_, 6 * 256)}}.dump(), "application/json");
  QVERIFY(again && (again->status == 409 || again->status == 201));  // 409 while it still runs
  const json status = waitForState("demo", "exited", 60s);
  QVERIFY2(status["workers"][0]["state"] == "exited", status.dump().c_str());
  QCOMPARE(status["workers"][0]["success"].get<bool>(), true);
  QCOMPARE(status["running"].get<int>(), 0);

  const std::string worker = "solo/" + kNodeId + "/0";
  const std::filesystem::path file = certs_.state / "runs/demo/journals" / ("solo_" + kNodeId + "_0.jsonl");
  const std::string whole = readFile(file);
  QVERIFY(!whole.empty());
  std::string joined;
  std::int64_t after = 0;
  for (int chunk = 0; chunk < 1000; ++chunk) {
    auto result = client()->Get("/v1/runs/demo/journal?stream=" + worker + "&after=" + std::to_string(after) + "&limit=3");
    QVERIFY(result && result->status == 200);
    const std::int64_t last = std::stoll(result->get_header_value("X-Archi-Last-Seq"));
    std::istringstream lines(result->body);
    int served = 0;
    for (std::string line; std::getline(lines, line);) {
      const auto tab = line.find('\t');
      QVERIFY(tab != std::string::npos);
      QCOMPARE(std::stoll(line.substr(0, tab)), after + 1);  // no gap, no duplicate
      after = std::stoll(line.substr(0, tab));
      joined += line.substr(tab + 1) + "\n";
      ++served;
    }
    QVERIFY(served <= 3);
    if (after >= last) break;
  }
  QCOMPARE(joined, whole);
  auto agentEvents = client()->Get("/v1/runs/demo/journal?stream=agent&after=0");
  QVERIFY(agentEvents && agentEvents->body.find("agent-worker-started") != std::string::npos);
  QVERIFY(agentEvents->body.find("agent-worker-ended") != std::string::npos);
  auto logs = client()->Get("/v1/runs/demo/logs?stream=" + worker + "&after=0&limit=2");
  QVERIFY(logs && logs->status == 200 && logs->body.rfind("1\t", 0) == 0);
  const json outcome = json::parse(readFile(certs_.state / "runs/demo/outcomes" / ("solo_" + kNodeId + "_0.json")));
  QCOMPARE(outcome["end"].get<std::string>(), std::string("completed"));
}

void AgentApiTest::checkpointsAndTraversal_data() {
  QTest::addColumn<QString>("name");
  QTest::addColumn<int>("status");
  QTest::newRow("plain") << "beijing-round-12.ckpt" << 200;
  QTest::newRow("missing") << "beijing-round-13.ckpt" << 404;
  QTest::newRow("parent") << "../x" << 400;
  QTest::newRow("encoded parent") << "%2e%2e" << 400;
  QTest::newRow("encoded slash") << "..%2f..%2fpki%2fnode.key" << 400;
  QTest::newRow("hidden") << ".hidden" << 400;
  QTest::newRow("absolute") << "%2fetc%2fpasswd" << 400;
  QTest::newRow("symlink out") << "escape.ckpt" << 400;  // resolves outside the folder
}

void AgentApiTest::checkpointsAndTraversal() {
  QFETCH(QString, name);
  QFETCH(int, status);
  const std::filesystem::path folder = certs_.state / "runs/ckpt/checkpoints";
  std::filesystem::create_directories(folder);
  { std::ofstream(folder / "beijing-round-12.ckpt") << "weights"; }
  { std::ofstream(folder / ".hidden") << "secret"; }
  std::error_code ignored;
  std::filesystem::create_symlink(certs_.state / "pki/node.key", folder / "escape.ckpt", ignored);
  auto list = client()->Get("/v1/runs/ckpt/checkpoints");
  QVERIFY(list && list->status == 200);
  const json entries = bodyOf(list)["checkpoints"];
  QCOMPARE(entries.size(), std::size_t(1));
  QCOMPARE(entries[0]["name"].get<std::string>(), std::string("beijing-round-12.ckpt"));
  QCOMPARE(entries[0]["bytes"].get<int>(), 7);
  auto result = client()->Get("/v1/runs/ckpt/checkpoints/" + name.toStdString());
  QVERIFY(result);
  QVERIFY2(result->status == status, (std::to_string(result->status) + " " + result->body).c_str());
  if (status == 200) QCOMPARE(result->body, std::string("weights"));
  QVERIFY(result->body.find("BEGIN") == std::string::npos);
}

void AgentApiTest::stopWithGrace() {
  const std::string problem = startWorker("long", 1'000'000'000);
  QVERIFY2(problem.empty(), problem.c_str());
  QVERIFY(waitForState("long", "running", 10s)["workers"][0]["state"] == "running");
  std::this_thread::sleep_for(500ms);
  auto stop = client()->Post("/v1/runs/long/stop", R"({"grace_s":5})", "application/json");
  QVERIFY(stop && stop->status == 202);
  QCOMPARE(bodyOf(stop)["stopping"].get<int>(), 1);
  const json status = waitForState("long", "exited", 20s);
  QVERIFY2(status["workers"][0]["state"] == "exited", status.dump().c_str());
  QCOMPARE(status["workers"][0]["restarts"].get<int>(), 0);
  std::this_thread::sleep_for(1500ms);  // never restarted afterwards
  QVERIFY(waitForState("long", "exited", 1s)["workers"][0]["pid"] == status["workers"][0]["pid"]);
}

void AgentApiTest::killIsRestartedWhenAsked() {
  const std::string problem = startWorker("faults", 1'000'000'000);
  QVERIFY2(problem.empty(), problem.c_str());
  const int firstPid = waitForState("faults", "running", 10s)["workers"][0]["pid"].get<int>();
  const std::string worker = "solo/" + kNodeId + "/0";
  auto kill = client()->Post("/v1/runs/faults/signal",
                             json{{"worker", worker}, {"signal", "KILL"}, {"restart", true}, {"restart_after_s", 0.5}}.dump(), "application/json");
  QVERIFY(kill && kill->status == 200);
  QCOMPARE(bodyOf(kill)["delivered"].get<bool>(), true);
  json status;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < deadline) {
    status = waitForState("faults", "running", 1s);
    if (status["workers"][0]["restarts"] == 1 && status["workers"][0]["pid"] != firstPid) break;
  }
  QVERIFY2(status["workers"][0]["restarts"] == 1 && status["workers"][0]["pid"] != firstPid, status.dump().c_str());
  // Killed without a restart: it stays down.
  auto again = client()->Post("/v1/runs/faults/signal", json{{"worker", worker}, {"signal", "KILL"}, {"restart", false}}.dump(),
                              "application/json");
  QVERIFY(again && again->status == 200);
  const json failed = waitForState("faults", "failed", 10s);
  QVERIFY2(failed["workers"][0]["state"] == "failed", failed.dump().c_str());
  QVERIFY(failed["workers"][0]["how"].get<std::string>().find("signal 9") != std::string::npos);
  auto journal = client()->Get("/v1/runs/faults/journal?stream=agent&after=0");
  QVERIFY(journal && journal->body.find("worker-restarting") != std::string::npos);
  QVERIFY(journal->body.find("worker-restarted") != std::string::npos);
}

void AgentApiTest::restartedAgentAdoptsWorker() {
  const std::string problem = startWorker("adopt", 1'000'000'000);
  QVERIFY2(problem.empty(), problem.c_str());
  const json before = waitForState("adopt", "running", 10s);
  const int pid = before["workers"][0]["pid"].get<int>();
  agent_.reset();  // the agent goes away; its worker keeps running
  QVERIFY(::kill(pid, 0) == 0);
  agent_ = std::make_unique<RunningAgent>(certs_.state, log_.logger);
  const json after = waitForState("adopt", "running", 5s);
  QCOMPARE(after["workers"][0]["pid"].get<int>(), pid);
  auto term = client()->Post("/v1/runs/adopt/signal", R"({"worker":"solo/bj-node-01/0","signal":"TERM"})", "application/json");
  QVERIFY(term && term->status == 200);
  const json ended = waitForState("adopt", "exited", 20s);
  QVERIFY2(ended["workers"][0]["state"] == "exited", ended.dump().c_str());
}

void AgentApiTest::agentBinaryServesAndStops() {
  // Without a node certificate it refuses to start, saying what to do.
  const std::filesystem::path empty = certs_.root / "empty-state";
  auto refused = archi::ChildProcess::spawn({archiBinary().string(), "agent", "--state", empty.string()}, certs_.root / "refused.log");
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  while (!refused.poll() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(50ms);
  QVERIFY(refused.poll().has_value());
  QVERIFY(readFile(certs_.root / "refused.log").find("archi agent enroll") != std::string::npos);

  const std::filesystem::path state = certs_.root / "binary-state";
  std::filesystem::create_directories(state);
  std::filesystem::copy(certs_.state / "pki", state / "pki");
  auto agent = archi::ChildProcess::spawn({archiBinary().string(), "agent", "--listen", "127.0.0.1:0", "--state", state.string()},
                                          certs_.root / "binary.log");
  int port = 0;
  while (port == 0 && std::chrono::steady_clock::now() < deadline + 10s) {
    std::this_thread::sleep_for(50ms);
    const std::string text = readFile(state / "agent.port");
    if (!text.empty() && text.back() == '\n') port = std::stoi(text);
  }
  QVERIFY2(port > 0, readFile(certs_.root / "binary.log").c_str());
  auto health = consoleClient(certs_, port)->Get("/v1/health");
  QVERIFY(health && health->status == 200);
  auto ports = consoleClient(certs_, port)->Post("/v1/ports", R"({"count": 1})", "application/json");
  QVERIFY(ports && ports->status == 200);
  agent.sendSignal(SIGTERM);
  const int status = agent.stop(10s);
  QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) == 0, readFile(certs_.root / "binary.log").c_str());
  // Requests that change something are logged at info (reads only at debug: they come often).
  QVERIFY(readFile(state / "agent.log").find("POST /v1/ports") != std::string::npos);
  QCOMPARE(std::filesystem::status(state).permissions() & std::filesystem::perms::all, std::filesystem::perms::owner_all);
}

QTEST_GUILESS_MAIN(AgentApiTest)
#include "tst_agent_api.moc"
