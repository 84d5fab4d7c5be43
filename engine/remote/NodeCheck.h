#pragma once
// What a node's agent says before launch (issue 12 items 6 and 9): reachable or not (and
// why), its version, and how its measured inventory differs from what the project claims
// for the node. `archi run` refuses a launch with a mismatch; the console draws the same
// findings on the node's card and in Problems.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "control/RunLauncher.h"
#include "core/GpuCatalog.h"
#include "core/Project.h"
#include "remote/AgentEndpoint.h"

namespace archi::remote {

struct NodeCheck {
  AgentEndpoint agent;
  bool reachable = false;
  std::string error;                  // why it is not reachable (connection, TLS, pin, HTTP)
  std::string version;                // the agent's archi version
  nlohmann::json inventory;           // GET /v1/inventory as answered
  std::vector<std::string> mismatches;  // "the project says 4×H20; the agent reports 2 GPUs (H20 ×2)"
  bool ok() const { return reachable && mismatches.empty(); }
};

// Differences between `node`'s device groups and a measured inventory: every enabled group
// that is not emulated needs that many GPUs of its type; emulated and CPU groups need none.
std::vector<std::string> inventoryMismatches(const Node& node, const nlohmann::json& inventory, const GpuCatalog& catalog);

// GiB per device of each catalog type an inventory reports (the smallest when they differ).
std::map<std::string, double> measuredMemoryGib(const nlohmann::json& inventory);

// Asks the agent (health, then inventory) within `timeout`; never throws for an agent problem.
NodeCheck checkNode(const Node& node, const AgentEndpoint& agent, const ConsoleCredentials& credentials, const GpuCatalog& catalog,
                    std::chrono::milliseconds timeout = std::chrono::seconds(5));

// checkNode for every node of the project whose agent is in `agents` (by node id), in project order.
std::vector<NodeCheck> checkProjectNodes(const Project& project, const GpuCatalog& catalog, const std::vector<AgentEndpoint>& agents,
                                         const ConsoleCredentials& credentials);
// What keeps a launch from going ahead, one sentence each naming the node: unreachable agents
// and inventory mismatches. Empty when every check is ok.
std::vector<std::string> launchProblems(const std::vector<NodeCheck>& checks);

// Before a launch (archi run, the console): checks every node's agent and returns what keeps
// the launch from going ahead (launchProblems); the GPU memory the agents measured goes into
// `launch` for the plan.
std::vector<std::string> checkNodesForLaunch(const Project& project, const GpuCatalog& catalog, const std::vector<AgentEndpoint>& agents,
                                             const ConsoleCredentials& credentials, LaunchOptions& launch);

// The agents of every node of the project at the addresses the project gives (host, agent_port).
std::vector<AgentEndpoint> projectAgents(const Project& project);

}  // namespace archi::remote
