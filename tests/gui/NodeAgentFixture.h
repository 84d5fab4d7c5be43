#pragma once
// Node agents for the console tests: nodes enrolled with the console's CA in a test PKI folder
// (pki::installLocalNode, the key made in the node's state folder), one real `archi agent`
// process started on loopback, and a port on which nothing listens.

#include <QProcess>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "comm/pki/CertificateAuthority.h"
#include "comm/pki/NodeEnrollment.h"

class NodeAgentFixture {
 public:
  // `pki`: the console's CA folder (created when missing); `stateRoot`: <stateRoot>/<node>/ per node.
  NodeAgentFixture(std::filesystem::path pki, std::filesystem::path stateRoot)
      : pki_(std::move(pki)), stateRoot_(std::move(stateRoot)) {}
  ~NodeAgentFixture() {
    for (auto& agent : agents_) {
      agent->terminate();
      if (!agent->waitForFinished(5000)) agent->kill();
      agent->waitForFinished(2000);
    }
  }

  void enroll(const std::string& nodeId, const std::string& datacenterId) {
    const auto ca = archi::pki::CertificateAuthority::openOrCreate(pki_, "archipelago-console-ca");
    archi::pki::installLocalNode(ca, pki_, stateRoot_ / nodeId, nodeId, datacenterId);
  }

  // Starts `archi agent` for an enrolled node; its port, or 0 (with a test failure) when it does not come up.
  int start(const std::string& nodeId) {
    const std::filesystem::path state = stateRoot_ / nodeId;
    auto agent = std::make_unique<QProcess>();
    agent->setProcessChannelMode(QProcess::MergedChannels);
    agent->start(qEnvironmentVariable("ARCHI_BIN"), {"agent", "--listen", "127.0.0.1:0", "--state", QString::fromStdString(state.string()),
                                                      "--exit-when-idle-s", "300"});
    if (!agent->waitForStarted(10000)) return 0;
    int port = 0;
    for (int i = 0; i < 500 && port == 0; ++i) {
      std::ifstream in(state / "agent.port");
      if (!(in >> port)) port = 0;
      if (port == 0) QTest::qWait(20);
    }
    if (port == 0) qWarning("the agent of %s did not start: %s", nodeId.c_str(), agent->readAll().constData());
    agents_.push_back(std::move(agent));
    return port;
  }

  // A loopback port that was free a moment ago: nothing answers there.
  static int closedPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    int port = 1;  // nothing listens on tcpmux either
    if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      port = ntohs(address.sin_port);
    }
    if (fd >= 0) ::close(fd);
    return port;
  }

 private:
  std::filesystem::path pki_;
  std::filesystem::path stateRoot_;
  std::vector<std::unique_ptr<QProcess>> agents_;
};
