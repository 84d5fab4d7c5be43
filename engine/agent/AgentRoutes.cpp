#include "agent/AgentRoutes.h"

namespace archi::agent {

const std::vector<AgentRoute>& agentRoutes() {
  // {run} and {name} match any one path segment (or, for a checkpoint, the rest of the path)
  // so that a malformed name reaches its handler and is answered 400, never a bare 404.
  static const std::vector<AgentRoute> routes{
      {"GET", "/v1/health", "/v1/health"},
      {"GET", "/v1/inventory", "/v1/inventory"},
      {"POST", "/v1/ports", "/v1/ports"},
      {"GET", "/v1/runs", "/v1/runs"},
      {"POST", "/v1/runs/{run}/workers", "/v1/runs/([^/]+)/workers"},
      {"GET", "/v1/runs/{run}", "/v1/runs/([^/]+)"},
      {"POST", "/v1/runs/{run}/signal", "/v1/runs/([^/]+)/signal"},
      {"POST", "/v1/runs/{run}/stop", "/v1/runs/([^/]+)/stop"},
      {"PUT", "/v1/runs/{run}/wan-cuts", "/v1/runs/([^/]+)/wan-cuts"},
      {"GET", "/v1/runs/{run}/journal", "/v1/runs/([^/]+)/journal"},
      {"GET", "/v1/runs/{run}/logs", "/v1/runs/([^/]+)/logs"},
      {"GET", "/v1/runs/{run}/checkpoints", "/v1/runs/([^/]+)/checkpoints"},
      {"GET", "/v1/runs/{run}/checkpoints/{name}", "/v1/runs/([^/]+)/checkpoints/(.+)"},
  };
  return routes;
}

}  // namespace archi::agent
