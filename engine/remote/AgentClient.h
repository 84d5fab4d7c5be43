#pragma once
// Blocking calls to one node's agent (docs/agent-api.md): one libcurl handle, so one kept-alive
// TLS connection, per client. Every call has a deadline; a failure throws AgentError naming the
// node, the route and the reason (connection, TLS refusal, HTTP status with the agent's error).

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "remote/AgentEndpoint.h"
#include "remote/CurlHandles.h"

namespace archi::remote {

class AgentClient {
 public:
  AgentClient(AgentEndpoint agent, ConsoleCredentials credentials,
              std::chrono::milliseconds timeout = std::chrono::seconds(10));

  nlohmann::json get(const std::string& route);
  nlohmann::json post(const std::string& route, const nlohmann::json& body);
  void putText(const std::string& route, const std::string& text);

  struct Reply {
    long status = 0;
    std::string body;
  };
  // The raw exchange (any status); throws only when no HTTP reply came back.
  Reply send(const char* method, const std::string& route, const std::string& body, const char* contentType);

  const AgentEndpoint& agent() const { return agent_; }
  CURL* handle() const { return handle_.get(); }

 private:
  nlohmann::json expectJson(const char* method, const std::string& route, const Reply& reply) const;

  AgentEndpoint agent_;
  ConsoleCredentials credentials_;
  std::chrono::milliseconds timeout_;
  EasyHandle handle_;
};

}  // namespace archi::remote
