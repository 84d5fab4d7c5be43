#include "remote/LocalAgents.h"

#include <chrono>
#include <fstream>
#include <thread>

#include "comm/pki/CertificateAuthority.h"
#include "comm/pki/ConsoleIdentity.h"
#include "comm/pki/NodeEnrollment.h"
#include "comm/pki/NodePins.h"

namespace archi::remote {
namespace {

constexpr auto kStartDeadline = std::chrono::seconds(15);

std::optional<int> readPort(const std::filesystem::path& file) {
  std::ifstream in(file);
  int port = 0;
  if (in >> port && port > 0 && port < 65536) return port;
  return std::nullopt;
}

}  // namespace

std::filesystem::path localAgentsRoot(const std::filesystem::path& runsDirectory, const std::string& projectName) {
  return runsDirectory.parent_path() / "local-agents" / projectName;
}

ConsoleCredentials consoleCredentials(const std::filesystem::path& pkiDirectory) {
  const pki::ConsoleIdentity identity = pki::ensureConsoleIdentity(pkiDirectory);
  return {identity.caCertificatePath, identity.certificatePath, identity.keyPath, pkiDirectory / "nodes"};
}

LocalAgents::LocalAgents(const Project& project, LocalAgentOptions options) : options_(std::move(options)) {
  credentials_ = consoleCredentials(options_.pki_directory);
  const pki::CertificateAuthority ca = pki::CertificateAuthority::open(options_.pki_directory);
  const pki::NodePins pins(options_.pki_directory);
  for (const Datacenter& dc : project.topology.datacenters) {
    for (const Node& node : dc.nodes) {
      const std::filesystem::path state = options_.state_root / node.id;
      // A node enrolled by an earlier run keeps its key while the console still trusts it.
      const bool enrolled = std::filesystem::exists(state / "pki" / "node.crt") && pins.pinFor(node.id).has_value();
      if (!enrolled) pki::installLocalNode(ca, options_.pki_directory, state, node.id, dc.id);
      std::filesystem::remove(state / "agent.port");
      agents_.push_back(ChildProcess::spawn({options_.archi_binary.string(), "agent", "--listen", "127.0.0.1:0", "--state",
                                             state.string(), "--exit-when-idle-s", std::to_string(options_.exit_when_idle_s)},
                                            state / "agent.out"));
      endpoints_.push_back({node.id, dc.id, "127.0.0.1", 0});
    }
  }
  const auto deadline = std::chrono::steady_clock::now() + kStartDeadline;
  for (std::size_t i = 0; i < endpoints_.size(); ++i) {
    const std::filesystem::path state = options_.state_root / endpoints_[i].node_id;
    while (true) {
      if (const std::optional<int> port = readPort(state / "agent.port")) {
        endpoints_[i].port = *port;
        break;
      }
      if (!agents_[i].running() || std::chrono::steady_clock::now() > deadline) {
        throw std::runtime_error("the agent of node " + endpoints_[i].node_id + " did not start (log: " +
                                 (state / "agent.out").string() + ")");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
}

LocalAgents::~LocalAgents() {
  if (!detached_) {
    for (ChildProcess& agent : agents_) agent.stop(std::chrono::seconds(5));
  } else {
    // ChildProcess never leaves a child behind; a detached agent is let go by releasing it.
    for (ChildProcess& agent : agents_) agent.release();
  }
}

std::vector<pid_t> LocalAgents::processIds() const {
  std::vector<pid_t> pids;
  for (const ChildProcess& agent : agents_) pids.push_back(agent.pid());
  return pids;
}

std::vector<RunAgentRecord> LocalAgents::records() const {
  std::vector<RunAgentRecord> out;
  for (const AgentEndpoint& e : endpoints_) out.push_back({e.node_id, e.datacenter_id, e.host, e.port, true});
  return out;
}

}  // namespace archi::remote
