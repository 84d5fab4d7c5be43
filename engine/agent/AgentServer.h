#pragma once
// The node agent's HTTPS server (docs/agent-api.md): cpp-httplib's SSLServer under the agent's
// TLS policy (AgentTls.h), with the limits of AgentLimits (docs/architecture.md#limits-on-servers),
// serving the routes of AgentRoutes.h. Errors are {"error","where"}; every request and every refusal is logged.

#include <filesystem>
#include <memory>
#include <string>

#include <spdlog/logger.h>

#include "agent/AgentLayout.h"
#include "agent/AgentRequests.h"
#include "core/GpuCatalog.h"

namespace httplib {
class SSLServer;
}

namespace archi::agent {

class NodeRuns;
class AgentApi;

// The agent's limits on its clients, in one place. Header size and count are cpp-httplib's
// compiled-in limits (8 KiB per line, 100 headers); a request over any limit is answered 4xx
// or its connection is closed, and logged.
struct AgentLimits {
  std::size_t maxBodyBytes = kMaxRequestBodyBytes;  // a worker spec is a few KiB (agent/AgentRequests.h)
  // Per socket read and write: a client that stops sending a request, or stops reading a
  // reply (a checkpoint download), loses its connection and frees its serving thread.
  int ioTimeout_s = 5;
  int threads = 8;                         // serving threads: connections served at once
  std::size_t maxQueuedConnections = 32;   // accepted connections waiting for a thread; more are closed
  int keepAliveMaxRequests = 100;          // requests on one connection
  int keepAliveTimeout_s = 5;              // between requests on one connection
};

struct AgentOptions {
  std::filesystem::path state;
  std::string host = "127.0.0.1";
  int port = 0;                        // 0: the kernel picks one (written to STATE/agent.port)
  std::filesystem::path archiBinary;   // started as `archi worker --spec FILE`
  GpuCatalog catalog;
  AgentLimits limits;
};

class AgentServer {
 public:
  // Loads the node's identity and TLS files; throws std::runtime_error saying what is missing.
  AgentServer(AgentOptions options, std::shared_ptr<spdlog::logger> logger);
  ~AgentServer();
  AgentServer(const AgentServer&) = delete;
  AgentServer& operator=(const AgentServer&) = delete;

  // Binds and writes STATE/agent.port; returns the port. Throws when it cannot bind.
  int bind();
  // Serves until stop(); call after bind().
  void serve();
  void stop();
  bool idle() const;  // no run has a live worker
  NodeRuns& runs();

 private:
  AgentOptions options_;
  AgentLayout layout_;
  std::shared_ptr<spdlog::logger> logger_;
  std::unique_ptr<NodeRuns> runs_;
  std::unique_ptr<AgentApi> api_;
  std::unique_ptr<httplib::SSLServer> server_;
};

}  // namespace archi::agent
