#pragma once
// The node agent's HTTPS server (docs/agent-api.md): cpp-httplib's SSLServer under the agent's
// TLS policy (AgentTls.h), with the documented limits (1 MiB bodies, 5 s read and write
// timeouts, bounded threads and queue, bounded keep-alive), serving the routes of
// AgentRoutes.h. Errors are {"error","where"}; every request and every refusal is logged.

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

inline constexpr std::size_t kMaxBodyBytes = kMaxRequestBodyBytes;  // refused (413) before it is read
inline constexpr int kIoTimeout_s = 5;

struct AgentOptions {
  std::filesystem::path state;
  std::string host = "127.0.0.1";
  int port = 0;                        // 0: the kernel picks one (written to STATE/agent.port)
  std::filesystem::path archiBinary;   // started as `archi worker --spec FILE`
  GpuCatalog catalog;
  int threads = 8;
  std::size_t maxQueuedConnections = 32;
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
