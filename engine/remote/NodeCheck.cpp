#include "remote/NodeCheck.h"

#include <fmt/core.h>

#include <algorithm>
#include <map>

#include "remote/AgentClient.h"

namespace archi::remote {

std::vector<std::string> inventoryMismatches(const Node& node, const nlohmann::json& inventory, const GpuCatalog& catalog) {
  std::map<std::string, int> reported;  // catalog type -> GPUs of it
  int total = 0;
  std::string listing;
  const nlohmann::json gpus = inventory.is_object() ? inventory.value("gpus", nlohmann::json::array()) : nlohmann::json::array();
  for (const nlohmann::json& gpu : gpus) {
    if (!gpu.is_object()) continue;
    ++reported[gpu.value("type", "")];
    ++total;
  }
  for (const auto& [type, count] : reported) {
    listing += (listing.empty() ? "" : ", ") + (type.empty() ? std::string("unknown type") : type) + " ×" + std::to_string(count);
  }
  std::vector<std::string> out;
  std::map<std::string, int> needed;
  for (const DeviceGroup& group : node.devices) {
    // Emulated devices compute on the CPU; CPU devices are the host itself.
    const GpuSpec* spec = catalog.find(group.type);
    const bool host = spec != nullptr && spec->vendor == "CPU";
    if (group.enabled && !group.emulate && !host) needed[group.type] += group.count;
  }
  for (const auto& [type, count] : needed) {
    const int have = reported.count(type) != 0 ? reported[type] : 0;
    if (have >= count) continue;
    out.push_back(fmt::format("node {}: the project says {}×{}; its agent reports {} GPU(s){}", node.id, count, type, total,
                              listing.empty() ? "" : " (" + listing + ")"));
  }
  return out;
}

std::map<std::string, double> measuredMemoryGib(const nlohmann::json& inventory) {
  std::map<std::string, double> out;
  if (!inventory.is_object()) return out;
  for (const nlohmann::json& gpu : inventory.value("gpus", nlohmann::json::array())) {
    if (!gpu.is_object() || !gpu.value("memory_bytes", nlohmann::json(0)).is_number()) continue;
    const std::string type = gpu.value("type", "");
    const double gib = gpu.value("memory_bytes", 0.0) / double(1LL << 30);
    if (type.empty() || gib <= 0.0) continue;
    out[type] = out.count(type) != 0 ? std::min(out[type], gib) : gib;
  }
  return out;
}

NodeCheck checkNode(const Node& node, const AgentEndpoint& agent, const ConsoleCredentials& credentials, const GpuCatalog& catalog,
                    std::chrono::milliseconds timeout) {
  NodeCheck check;
  check.agent = agent;
  try {
    AgentClient client(agent, credentials, timeout);
    const nlohmann::json health = client.get("/v1/health");
    check.version = health.value("version", "");
    if (health.value("node", node.id) != node.id) {
      check.error = "the agent says it is node " + health.value("node", "") + ", not " + node.id;
      return check;
    }
    check.inventory = client.get("/v1/inventory");
    check.reachable = true;
    check.mismatches = inventoryMismatches(node, check.inventory, catalog);
  } catch (const std::exception& e) {
    check.error = e.what();
  }
  return check;
}

std::vector<NodeCheck> checkProjectNodes(const Project& project, const GpuCatalog& catalog, const std::vector<AgentEndpoint>& agents,
                                         const ConsoleCredentials& credentials) {
  std::vector<NodeCheck> out;
  for (const Datacenter& dc : project.topology.datacenters) {
    for (const Node& node : dc.nodes) {
      const auto agent = std::find_if(agents.begin(), agents.end(), [&](const AgentEndpoint& a) { return a.node_id == node.id; });
      if (agent != agents.end()) out.push_back(checkNode(node, *agent, credentials, catalog));
    }
  }
  return out;
}

std::vector<std::string> launchProblems(const std::vector<NodeCheck>& checks) {
  std::vector<std::string> out;
  for (const NodeCheck& check : checks) {
    if (!check.reachable) out.push_back(check.error);
    out.insert(out.end(), check.mismatches.begin(), check.mismatches.end());
  }
  return out;
}

std::vector<std::string> checkNodesForLaunch(const Project& project, const GpuCatalog& catalog, const std::vector<AgentEndpoint>& agents,
                                             const ConsoleCredentials& credentials, LaunchOptions& launch) {
  const std::vector<NodeCheck> checks = checkProjectNodes(project, catalog, agents, credentials);
  // The plan caps each real device's share by the memory its agent measured.
  for (const NodeCheck& check : checks) {
    if (check.reachable) launch.measured_memory_gib[check.agent.node_id] = measuredMemoryGib(check.inventory);
  }
  return launchProblems(checks);
}

std::vector<AgentEndpoint> projectAgents(const Project& project) {
  std::vector<AgentEndpoint> out;
  for (const Datacenter& dc : project.topology.datacenters) {
    for (const Node& node : dc.nodes) out.push_back({node.id, dc.id, node.host, node.agent_port});
  }
  return out;
}

}  // namespace archi::remote
