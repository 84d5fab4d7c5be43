#pragma once
// A node agent in this process over real HTTPS, and the certificates to talk to it: a CA in a
// temporary folder, a console certificate, a node certificate laid out as STATE/pki, and
// look-alikes for the hostile tests (a foreign CA's console, the node certificate itself).

#include <httplib.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <QTemporaryDir>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>

#include "agent/AgentServer.h"
#include "comm/pki/CertificateAuthority.h"

namespace agent_test {

using namespace std::chrono_literals;
inline const std::string kNodeId = "bj-node-01";

inline std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct TestCertificates {
  QTemporaryDir dir;
  std::filesystem::path root{dir.path().toStdString()};
  std::filesystem::path state = root / "state";
  std::filesystem::path console = root / "console";  // console.crt, console.key, ca.crt
  std::filesystem::path foreign = root / "foreign";   // console.crt of another CA
  std::filesystem::path node = root / "node";         // bj-node-01.crt/.key (also used as a client)

  TestCertificates() {
    using archi::pki::PeerRole;
    const auto ca = archi::pki::CertificateAuthority::create(root / "ca", "test-ca");
    ca.issueToDirectory({PeerRole::Console, "console", "", {}, {}, 24h}, console);
    ca.issueToDirectory({PeerRole::Node, kNodeId, "", {"127.0.0.1"}, {}, 24h}, node);
    const auto other = archi::pki::CertificateAuthority::create(root / "other-ca", "other-ca");
    other.issueToDirectory({PeerRole::Console, "console", "", {}, {}, 24h}, foreign);
    std::filesystem::create_directories(state / "pki");
    std::filesystem::copy_file(node / (kNodeId + ".crt"), state / "pki/node.crt");
    std::filesystem::copy_file(node / (kNodeId + ".key"), state / "pki/node.key");
    std::filesystem::copy_file(ca.certificatePath(), state / "pki/ca.crt");
  }
};

// The agent's log lines, kept in memory for assertions (thread-safe: serving threads log).
class TextSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  std::string text() {
    std::lock_guard lock(mutex_);
    return text_;
  }
  void clear() {
    std::lock_guard lock(mutex_);
    text_.clear();
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& message) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(message, formatted);
    text_.append(formatted.data(), formatted.size());
  }
  void flush_() override {}

 private:
  std::string text_;
};

struct LogCapture {
  std::shared_ptr<TextSink> sink = std::make_shared<TextSink>();
  std::shared_ptr<spdlog::logger> logger = std::make_shared<spdlog::logger>("agent-test", sink);
  std::string text() const { return sink->text(); }
};

inline std::filesystem::path archiBinary() {
  const char* path = std::getenv("ARCHI_BIN");
  return path != nullptr ? std::filesystem::path(path) : std::filesystem::path(ARCHIPELAGO_BINARY_DIR "/engine/cli/archi");
}

// An AgentServer serving from its own thread until destroyed.
class RunningAgent {
 public:
  RunningAgent(const std::filesystem::path& state, std::shared_ptr<spdlog::logger> logger, int threads = 4,
               std::size_t maxQueuedConnections = 32) {
    archi::agent::AgentOptions options;
    options.state = state;
    options.host = "127.0.0.1";
    options.archiBinary = archiBinary();
    options.limits.threads = threads;
    options.limits.maxQueuedConnections = maxQueuedConnections;
    server_ = std::make_unique<archi::agent::AgentServer>(std::move(options), std::move(logger));
    port_ = server_->bind();
    thread_ = std::thread([this] { server_->serve(); });
  }
  ~RunningAgent() {
    server_->stop();
    thread_.join();
  }
  int port() const { return port_; }
  archi::agent::AgentServer& server() { return *server_; }

 private:
  std::unique_ptr<archi::agent::AgentServer> server_;
  int port_ = 0;
  std::thread thread_;
};

// A client presenting `identity`/<name>.crt (no certificate when `name` is empty).
inline std::unique_ptr<httplib::SSLClient> makeClient(const TestCertificates& certs, int port,
                                                      const std::filesystem::path& identity, const std::string& name) {
  std::unique_ptr<httplib::SSLClient> client;
  if (name.empty()) {
    client = std::make_unique<httplib::SSLClient>("127.0.0.1", port);
  } else {
    client = std::make_unique<httplib::SSLClient>("127.0.0.1", port, (identity / (name + ".crt")).string(),
                                                  (identity / (name + ".key")).string());
  }
  client->set_ca_cert_path((certs.console / "ca.crt").c_str());
  client->enable_server_certificate_verification(true);
  client->set_connection_timeout(5, 0);
  client->set_read_timeout(10, 0);
  return client;
}

inline std::unique_ptr<httplib::SSLClient> consoleClient(const TestCertificates& certs, int port) {
  return makeClient(certs, port, certs.console, "console");
}

}  // namespace agent_test
