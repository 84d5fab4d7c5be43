// The slurmrestd client against a hostile server (a cpp-httplib fixture that answers what a
// broken, foreign or misconfigured slurmrestd would): every case ends in a SlurmError that
// names the server, the call and what is wrong. The real slurmrestd is tst_slurm_run's.

#include <QtTest>

#include <sys/stat.h>

#include <atomic>
#include <fstream>
#include <functional>
#include <thread>

#include <httplib.h>

#include "remote/SlurmRest.h"

using archi::remote::SlurmError;
using archi::remote::SlurmRestClient;

namespace {

const char* kOpenApi38 = R"({"openapi": "3.0.2", "paths": {"/openapi/v3": {}, "/slurm/v0.0.38/ping": {}, "/slurm/v0.0.38/job/submit": {}}})";
const char* kPingUp = R"({"meta": {"plugin": {"type": "openapi/v0.0.38", "name": "Slurm OpenAPI v0.0.38"},
  "Slurm": {"version": {"major": 22, "micro": 8, "minor": 5}, "release": "22.05.8"}}, "errors": [],
  "pings": [{"hostname": "vm", "ping": "UP", "status": 0, "mode": "primary"}]})";

// What the fixture answers: path -> (status, body); a path not listed answers 404.
using Answers = std::map<std::string, std::pair<int, std::string>>;

}  // namespace

class SlurmRestTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void cleanupTestCase();
  void hostileServer_data();
  void hostileServer();
  void goodServer();
  void refusedBeforeAnyCall_data();
  void refusedBeforeAnyCall();
  void gresGpus_data();
  void gresGpus();

 private:
  archi::DatacenterLaunch launch(const std::string& url) const;
  QTemporaryDir dir_;
  std::string token_;
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mutex_;
  Answers answers_;
  std::string lastUser_;
  std::string lastToken_;
};

archi::DatacenterLaunch SlurmRestTest::launch(const std::string& url) const {
  archi::DatacenterLaunch l;
  l.via = archi::LaunchVia::Slurm;
  l.url = url;
  l.partition = "debug";
  l.user = "archi";
  l.token_file = token_;
  return l;
}

void SlurmRestTest::initTestCase() {
  QVERIFY(dir_.isValid());
  token_ = dir_.filePath("slurm.jwt").toStdString();
  std::ofstream(token_) << "header.payload.signature\n";
  ::chmod(token_.c_str(), 0600);
  auto answer = [this](const httplib::Request& request, httplib::Response& response) {
    std::lock_guard lock(mutex_);
    lastUser_ = request.get_header_value("X-SLURM-USER-NAME");
    lastToken_ = request.get_header_value("X-SLURM-USER-TOKEN");
    const auto it = answers_.find(request.method + " " + request.path);
    if (it == answers_.end()) {
      response.status = 404;
      response.set_content("Not Found", "text/plain");
      return;
    }
    response.status = it->second.first;
    response.set_content(it->second.second, "application/json");
  };
  server_.Get(".*", answer);
  server_.Post(".*", answer);
  server_.Delete(".*", answer);
  port_ = server_.bind_to_any_port("127.0.0.1");
  QVERIFY(port_ > 0);
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  for (int i = 0; i < 200 && !server_.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  QVERIFY(server_.is_running());
}

void SlurmRestTest::cleanupTestCase() {
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

// `call`: what the client is asked; `answers`: the fixture's JSON {"METHOD path": [status, body]};
// `expected`: a phrase of the error.
void SlurmRestTest::hostileServer_data() {
  QTest::addColumn<QString>("call");
  QTest::addColumn<QString>("answers");
  QTest::addColumn<QString>("expected");

  const QString api = QString(R"("GET /openapi/v3": [200, %1])").arg(QString::fromStdString(nlohmann::json(kOpenApi38).dump()));
  const QString ping = QString(R"("GET /slurm/v0.0.38/ping": [200, %1])").arg(QString::fromStdString(nlohmann::json(kPingUp).dump()));
  QTest::newRow("wrong version (Slurm 23.11)")
      << "check" << R"({"GET /openapi/v3": [200, "{\"paths\": {\"/slurm/v0.0.39/ping\": {}, \"/slurm/v0.0.40/ping\": {}}}"]})"
      << "the server offers the Slurm REST API v0.0.39, v0.0.40, not v0.0.38";
  QTest::newRow("no Slurm paths at all") << "check" << R"({"GET /openapi/v3": [200, "{\"paths\": {}}"]})" << "in no version, not v0.0.38";
  QTest::newRow("plugin of another version")
      << "check" << "{" + api + R"(, "GET /slurm/v0.0.38/ping": [200, "{\"meta\": {\"plugin\": {\"type\": \"openapi/v0.0.37\"}}, \"pings\": []}"]})"
      << "the server's plugin is openapi/v0.0.37, not openapi/v0.0.38";
  QTest::newRow("slurmctld down")
      << "check" << "{" + api + R"(, "GET /slurm/v0.0.38/ping": [200, "{\"meta\": {\"plugin\": {\"type\": \"openapi/v0.0.38\"}}, \"pings\": [{\"ping\": \"DOWN\"}]}"]})"
      << "slurmctld does not answer slurmrestd";
  QTest::newRow("401 expired token") << "check" << R"({"GET /openapi/v3": [401, "Authentication failure"]})"
                                     << "HTTP 401: slurmrestd refused the credentials of user 'archi'";
  QTest::newRow("403") << "job" << R"({"GET /slurm/v0.0.38/job/7": [403, "{\"errors\": [{\"error\": \"Access denied\"}]}"]})"
                       << "HTTP 403: slurmrestd refused the credentials of user 'archi' (Access denied)";
  QTest::newRow("malformed JSON") << "job" << R"({"GET /slurm/v0.0.38/job/7": [200, "{\"jobs\": [{\"job_id\": 7,"]})"
                                  << "GET /slurm/v0.0.38/job/7: the answer is not JSON";
  QTest::newRow("HTML error page") << "job" << R"({"GET /slurm/v0.0.38/job/7": [502, "<html>Bad Gateway</html>"]})"
                                   << "GET /slurm/v0.0.38/job/7: HTTP 502: <html>Bad Gateway</html>";
  QTest::newRow("answer is an array") << "job" << R"({"GET /slurm/v0.0.38/job/7": [200, "[]"]})" << "the answer is a JSON array, not an object";
  QTest::newRow("jobs not an array") << "job" << R"({"GET /slurm/v0.0.38/job/7": [200, "{\"jobs\": {}}"]})" << "/jobs is not an array (got object)";
  QTest::newRow("job not listed") << "job" << R"({"GET /slurm/v0.0.38/job/7": [200, "{\"jobs\": [{\"job_id\": 8, \"job_state\": \"RUNNING\"}]}"]})"
                                  << "the answer does not list job 7";
  QTest::newRow("state of the wrong type") << "job" << R"({"GET /slurm/v0.0.38/job/7": [200, "{\"jobs\": [{\"job_id\": 7, \"job_state\": 3}]}"]})"
                                           << "/jobs/N/job_state is not a string (got number)";
  QTest::newRow("slurmrestd's own errors")
      << "job" << R"({"GET /slurm/v0.0.38/job/7": [200, "{\"errors\": [{\"error\": \"Invalid job id specified\", \"error_number\": 2017}], \"jobs\": []}"]})"
      << "Invalid job id specified (error 2017)";
  QTest::newRow("submit refused")
      << "submit" << R"({"POST /slurm/v0.0.38/job/submit": [500, "{\"errors\": [{\"error\": \"Invalid partition name specified\", \"error_number\": 2015}]}"]})"
      << "POST /slurm/v0.0.38/job/submit: HTTP 500: Invalid partition name specified (error 2015)";
  QTest::newRow("submit without a job id") << "submit" << R"({"POST /slurm/v0.0.38/job/submit": [200, "{\"errors\": []}"]})"
                                           << "the answer has no /job_id";
  QTest::newRow("submit job id zero") << "submit" << R"({"POST /slurm/v0.0.38/job/submit": [200, "{\"job_id\": 0}"]})" << "/job_id is 0, not a job";
  QTest::newRow("stuck pending")
      << "wait" << R"({"GET /slurm/v0.0.38/job/7": [200, "{\"jobs\": [{\"job_id\": 7, \"job_state\": \"PENDING\", \"state_reason\": \"Resources\"}]}"]})"
      << "job 7 is still PENDING after 1 s (reason: Resources)";
  QTest::newRow("nodes without names") << "nodes" << R"({"GET /slurm/v0.0.38/nodes": [200, "{\"nodes\": [{\"cpus\": 4}]}"]})"
                                       << "the answer has no /nodes/N/name";
  QTest::newRow("unknown route (404)") << "nodes" << R"({})" << "GET /slurm/v0.0.38/nodes: HTTP 404: Not Found";
}

void SlurmRestTest::hostileServer() {
  QFETCH(QString, call);
  QFETCH(QString, answers);
  QFETCH(QString, expected);
  {
    std::lock_guard lock(mutex_);
    answers_.clear();
    const nlohmann::json parsed = nlohmann::json::parse(answers.toStdString());
    for (const auto& [key, value] : parsed.items()) {
      answers_[key] = {value[0].get<int>(), value[1].get<std::string>()};
    }
  }
  SlurmRestClient client(launch("http://127.0.0.1:" + std::to_string(port_)), std::chrono::seconds(5));
  std::string error;
  try {
    if (call == "check") client.checkServer();
    if (call == "job") client.job(7);
    if (call == "submit") client.submit({});
    if (call == "wait") client.waitUntilStarted(7, std::chrono::milliseconds(1200), std::chrono::milliseconds(100));
    if (call == "nodes") client.nodes();
  } catch (const SlurmError& e) {
    error = e.what();
  }
  qInfo("%s", error.c_str());
  QVERIFY2(error.find(expected.toStdString()) != std::string::npos, error.c_str());
  // Every message starts with the server it is about.
  QVERIFY2(error.rfind("slurmrestd http://127.0.0.1:", 0) == 0, error.c_str());
}

void SlurmRestTest::goodServer() {
  {
    std::lock_guard lock(mutex_);
    answers_ = {{"GET /openapi/v3", {200, kOpenApi38}},
                {"GET /slurm/v0.0.38/ping", {200, kPingUp}},
                {"GET /slurm/v0.0.38/nodes", {200, R"J({"nodes": [{"name": "gpu1", "state": "mixed", "cpus": 64, "alloc_cpus": 16,
                   "gres": "gpu:h100:8(S:0-1)", "gres_used": "gpu:h100:3(IDX:0-2)", "partitions": ["gpu"]},
                   {"name": "gpu2", "state": "down", "cpus": 64, "gres": "gpu:8", "partitions": ["gpu"]}]})J"}},
                {"GET /slurm/v0.0.38/partitions", {200, R"({"partitions": [{"name": "gpu", "state": "UP", "total_nodes": 2, "total_cpus": 128}]})"}}};
  }
  SlurmRestClient client(launch("http://127.0.0.1:" + std::to_string(port_)));
  const archi::remote::SlurmServerInfo info = client.checkServer();
  QCOMPARE(info.api_version, std::string("v0.0.38"));
  QCOMPARE(info.slurm_release, std::string("22.05.8"));
  {
    std::lock_guard lock(mutex_);
    QCOMPARE(lastUser_, std::string("archi"));
    QCOMPARE(lastToken_, std::string("header.payload.signature"));  // the file's line, without its newline
  }
  const auto partitions = client.partitions();
  QCOMPARE(partitions.size(), std::size_t{1});
  QCOMPARE(partitions[0].free_gpus, 5);   // 8 - 3 on gpu1; gpu2 is down
  QCOMPARE(partitions[0].free_cpus, 48);
  QCOMPARE(partitions[0].idle_nodes, 0);
}

void SlurmRestTest::refusedBeforeAnyCall_data() {
  QTest::addColumn<QString>("url");
  QTest::addColumn<QString>("tokenMode");  // octal permissions of the token file; "none": no token file
  QTest::addColumn<QString>("expected");
  QTest::newRow("plain http to a remote host") << "http://10.1.2.3:6820" << "600" << "would send the Slurm token in clear";
  QTest::newRow("token readable by the group") << "https://slurm.example" << "640" << "has permissions 0640: a token file must be 0600";
  QTest::newRow("tcp without a token") << "https://slurm.example" << "none" << "slurmrestd over TCP needs a JWT";
  QTest::newRow("nobody listening") << "http://127.0.0.1:1" << "600" << "GET /openapi/v3: ";
  QTest::newRow("socket that does not exist") << "unix:///nonexistent/slurmrestd.sock" << "none" << "GET /openapi/v3: ";
}

void SlurmRestTest::refusedBeforeAnyCall() {
  QFETCH(QString, url);
  QFETCH(QString, tokenMode);
  QFETCH(QString, expected);
  archi::DatacenterLaunch l = launch(url.toStdString());
  if (tokenMode == "none") {
    l.token_file.clear();
  } else {
    l.token_file = dir_.filePath("mode-" + tokenMode + ".jwt").toStdString();
    std::ofstream(l.token_file) << "a.b.c\n";
    ::chmod(l.token_file.c_str(), static_cast<mode_t>(tokenMode.toInt(nullptr, 8)));
  }
  std::string error;
  try {
    SlurmRestClient client(l, std::chrono::seconds(3));
    client.checkServer();
  } catch (const SlurmError& e) {
    error = e.what();
  }
  qInfo("%s", error.c_str());
  QVERIFY2(error.find(expected.toStdString()) != std::string::npos, error.c_str());
}

void SlurmRestTest::gresGpus_data() {
  QTest::addColumn<QString>("gres");
  QTest::addColumn<int>("gpus");
  QTest::newRow("none") << "" << 0;
  QTest::newRow("plain") << "gpu:4" << 4;
  QTest::newRow("typed with sockets") << "gpu:a100:2(S:0-1)" << 2;
  QTest::newRow("used with indices") << "gpu:h100:3(IDX:0-2)" << 3;
  QTest::newRow("with shards") << "gpu:2,shard:8" << 2;
  QTest::newRow("two types") << "gpu:a100:2,gpu:v100:1" << 3;
  QTest::newRow("no count") << "gpu" << 0;
  QTest::newRow("garbage count") << "gpu:lots" << 0;
}

void SlurmRestTest::gresGpus() {
  QFETCH(QString, gres);
  QFETCH(int, gpus);
  QCOMPARE(archi::remote::slurmGresGpus(gres.toStdString()), gpus);
}

QTEST_GUILESS_MAIN(SlurmRestTest)
#include "tst_slurm_rest.moc"
