#pragma once
// Where a node's agent listens and what the console presents to it (docs/agent-api.md):
// the console's certificate and key, the CA both chain to, and the folder of node pins.

#include <filesystem>
#include <stdexcept>
#include <string>

namespace archi::remote {

struct AgentEndpoint {
  std::string node_id;
  std::string datacenter_id;
  std::string host;
  int port = 0;
  std::string baseUrl() const { return "https://" + host + ":" + std::to_string(port); }
  std::string describe() const { return "node " + node_id + " (agent " + host + ":" + std::to_string(port) + ")"; }
};

struct ConsoleCredentials {
  std::filesystem::path ca;           // the console's ca.crt
  std::filesystem::path certificate;  // console.crt, role console
  std::filesystem::path key;
  std::filesystem::path pins;         // PKI/nodes: <node>.pin per approved node (read with pki::NodePins)
};

// A call to an agent that failed: which node, and why (transport, TLS, HTTP status and body).
class AgentError : public std::runtime_error {
 public:
  AgentError(const AgentEndpoint& agent, const std::string& what) : std::runtime_error(agent.describe() + ": " + what) {}
};

}  // namespace archi::remote
