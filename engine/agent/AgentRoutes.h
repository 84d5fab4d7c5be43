#pragma once
// The agent's routes, exactly the headings of docs/agent-api.md#routes (a test compares both
// ways): the documented path, and the regular expression cpp-httplib matches it with.

#include <string>
#include <vector>

namespace archi::agent {

struct AgentRoute {
  std::string method;   // "GET", "POST", "PUT"
  std::string path;     // as documented: "/v1/runs/{run}/workers" (no query)
  std::string pattern;  // "/v1/runs/([^/]+)/workers"
};

const std::vector<AgentRoute>& agentRoutes();

}  // namespace archi::agent
