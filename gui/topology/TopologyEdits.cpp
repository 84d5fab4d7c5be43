#include "topology/TopologyEdits.h"

#include <algorithm>
#include <map>
#include <set>

namespace topology_edits {
namespace {

bool datacenterIdTaken(const archi::Project& project, const std::string& id) {
  return std::any_of(project.topology.datacenters.begin(), project.topology.datacenters.end(),
                     [&](const archi::Datacenter& dc) { return dc.id == id; });
}

bool nodeIdTaken(const archi::Project& project, const std::string& id) {
  for (const archi::Datacenter& dc : project.topology.datacenters) {
    for (const archi::Node& node : dc.nodes) {
      if (node.id == id) return true;
    }
  }
  return false;
}

template <typename Taken>
std::string uniqueName(const std::string& base, Taken taken) {
  if (!taken(base)) return base;
  for (int n = 2;; ++n) {
    const std::string candidate = base + "-" + std::to_string(n);
    if (!taken(candidate)) return candidate;
  }
}

int targetDatacenter(const archi::Project& project, const ItemKeys& selection) {
  for (const ItemKey& key : selection) {
    if (key.dc >= 0 && key.dc < int(project.topology.datacenters.size())) return key.dc;
  }
  return project.topology.datacenters.empty() ? -1 : 0;
}

void insertGroup(archi::Node& node, const archi::DeviceGroup& group) {
  for (archi::DeviceGroup& existing : node.devices) {
    if (existing.type == group.type && existing.emulate == group.emulate && existing.enabled == group.enabled) {
      existing.count += group.count;
      return;
    }
  }
  node.devices.push_back(group);
}

// Gives a pasted node a fresh id and agent port so the pasted project stays valid.
void freshen(archi::Project& project, archi::Node& node) {
  node.id = uniqueNodeId(project, node.id);
  node.agent_port = nextFreePort(project, node.host);
}

}  // namespace

std::string uniqueDatacenterId(const archi::Project& project, const std::string& base) {
  return uniqueName(base, [&](const std::string& id) { return datacenterIdTaken(project, id); });
}

std::string uniqueNodeId(const archi::Project& project, const std::string& base) {
  return uniqueName(base, [&](const std::string& id) { return nodeIdTaken(project, id); });
}

int nextFreePort(const archi::Project& project, const std::string& host) {
  std::set<int> used;
  for (const archi::Datacenter& dc : project.topology.datacenters) {
    for (const archi::Node& node : dc.nodes) {
      if (node.host == host) used.insert(node.agent_port);
    }
  }
  int port = kFirstAgentPort;
  while (used.contains(port)) ++port;
  return port;
}

ItemKey addDatacenter(archi::Project& project, archi::CanvasPosition position) {
  archi::Datacenter dc;
  const int number = int(project.topology.datacenters.size()) + 1;
  dc.id = uniqueDatacenterId(project, "dc-" + std::to_string(number));
  dc.name = "Datacenter " + std::to_string(number);
  dc.region = "region-" + std::to_string(number);
  dc.position = position;
  project.topology.datacenters.push_back(dc);
  const int index = int(project.topology.datacenters.size()) - 1;
  addNode(project, index);
  return ItemKey::datacenter(index);
}

ItemKey addNode(archi::Project& project, int dc) {
  if (dc < 0 || dc >= int(project.topology.datacenters.size())) return {};
  archi::Datacenter& target = project.topology.datacenters[dc];
  archi::Node node;
  node.id = uniqueNodeId(project, target.id + "-node-" + std::to_string(target.nodes.size() + 1));
  node.agent_port = nextFreePort(project, node.host);
  target.nodes.push_back(node);
  return ItemKey::nodeOf(dc, int(target.nodes.size()) - 1);
}

ItemKey addDevice(archi::Project& project, int dc, int node, const std::string& type) {
  if (dc < 0 || dc >= int(project.topology.datacenters.size())) return {};
  auto& nodes = project.topology.datacenters[dc].nodes;
  if (node < 0 || node >= int(nodes.size())) return {};
  archi::Node& target = nodes[node];
  for (std::size_t i = 0; i < target.devices.size(); ++i) {
    if (target.devices[i].type == type) {
      ++target.devices[i].count;
      return ItemKey::deviceGroup(dc, node, int(i));
    }
  }
  archi::DeviceGroup group;
  group.type = type;
  // A node drawn for this machine emulates its devices; keep new ones consistent with it.
  group.emulate = !target.devices.empty() && target.devices.front().emulate;
  target.devices.push_back(group);
  return ItemKey::deviceGroup(dc, node, int(target.devices.size()) - 1);
}

ItemKey addLink(archi::Project& project, int dcA, int dcB) {
  const auto& dcs = project.topology.datacenters;
  if (dcA == dcB || dcA < 0 || dcB < 0 || dcA >= int(dcs.size()) || dcB >= int(dcs.size())) return {};
  const std::string& a = dcs[dcA].id;
  const std::string& b = dcs[dcB].id;
  for (const archi::WanLink& link : project.topology.links) {
    if ((link.a == a && link.b == b) || (link.a == b && link.b == a)) return {};
  }
  project.topology.links.push_back({a, b, kDefaultLinkGbit, kDefaultLinkRttMs, 0.0});
  return ItemKey::wanLink(int(project.topology.links.size()) - 1);
}

void removeItems(archi::Project& project, const ItemKeys& keys) {
  std::set<int> dcs;
  std::set<int> links;
  std::set<std::pair<int, int>> nodes;
  std::set<std::tuple<int, int, int>> groups;
  for (const ItemKey& key : keys) {
    switch (key.kind) {
      case ItemKey::Kind::Datacenter: dcs.insert(key.dc); break;
      case ItemKey::Kind::Node: nodes.insert({key.dc, key.node}); break;
      case ItemKey::Kind::DeviceGroup: groups.insert({key.dc, key.node, key.group}); break;
      case ItemKey::Kind::Link: links.insert(key.link); break;
      case ItemKey::Kind::None: break;
    }
  }
  auto& topology = project.topology;
  // Innermost first and from the back, so the indices of what is still to remove stay valid.
  for (auto it = groups.rbegin(); it != groups.rend(); ++it) {
    const auto [dc, node, group] = *it;
    if (dcs.contains(dc) || nodes.contains({dc, node}) || dc >= int(topology.datacenters.size())) continue;
    auto& nodeList = topology.datacenters[dc].nodes;
    if (node >= int(nodeList.size()) || group >= int(nodeList[node].devices.size())) continue;
    nodeList[node].devices.erase(nodeList[node].devices.begin() + group);
  }
  for (auto it = nodes.rbegin(); it != nodes.rend(); ++it) {
    const auto [dc, node] = *it;
    if (dcs.contains(dc) || dc >= int(topology.datacenters.size())) continue;
    auto& nodeList = topology.datacenters[dc].nodes;
    if (node < int(nodeList.size())) nodeList.erase(nodeList.begin() + node);
  }
  std::set<std::string> removedIds;
  for (int dc : dcs) {
    if (dc < int(topology.datacenters.size())) removedIds.insert(topology.datacenters[dc].id);
  }
  for (int i = int(topology.links.size()) - 1; i >= 0; --i) {
    const archi::WanLink& link = topology.links[i];
    if (links.contains(i) || removedIds.contains(link.a) || removedIds.contains(link.b)) {
      topology.links.erase(topology.links.begin() + i);
    }
  }
  for (auto it = dcs.rbegin(); it != dcs.rend(); ++it) {
    if (*it < int(topology.datacenters.size())) topology.datacenters.erase(topology.datacenters.begin() + *it);
  }
}

void renameDatacenter(archi::Project& project, int dc, const std::string& newId) {
  if (dc < 0 || dc >= int(project.topology.datacenters.size())) return;
  const std::string oldId = project.topology.datacenters[dc].id;
  project.topology.datacenters[dc].id = newId;
  for (archi::WanLink& link : project.topology.links) {
    if (link.a == oldId) link.a = newId;
    if (link.b == oldId) link.b = newId;
  }
}

void setEnabled(archi::Project& project, const ItemKeys& groups, bool enabled) {
  for (const ItemKey& key : groups) {
    if (key.kind != ItemKey::Kind::DeviceGroup || key.dc >= int(project.topology.datacenters.size())) continue;
    auto& nodes = project.topology.datacenters[key.dc].nodes;
    if (key.node >= int(nodes.size()) || key.group >= int(nodes[key.node].devices.size())) continue;
    nodes[key.node].devices[key.group].enabled = enabled;
  }
}

void setDevicesEnabled(archi::Project& project, const QList<DeviceRef>& devices, bool enabled) {
  std::map<std::pair<int, int>, std::set<int>> byNode;
  for (const DeviceRef& d : devices) byNode[{d.dc, d.node}].insert(d.indexOnNode);
  for (const auto& [where, indices] : byNode) {
    const auto [dc, node] = where;
    if (dc < 0 || dc >= int(project.topology.datacenters.size())) continue;
    auto& nodes = project.topology.datacenters[dc].nodes;
    if (node < 0 || node >= int(nodes.size())) continue;
    // One entry per device, flip the chosen ones, then join adjacent equal ones again.
    std::vector<archi::DeviceGroup> single;
    for (const archi::DeviceGroup& group : nodes[node].devices) {
      for (int k = 0; k < group.count; ++k) {
        archi::DeviceGroup one = group;
        one.count = 1;
        single.push_back(one);
      }
      if (group.count <= 0) single.push_back(group);  // keep invalid groups visible to validation
    }
    for (int index : indices) {
      if (index >= 0 && index < int(single.size()) && single[index].count == 1) single[index].enabled = enabled;
    }
    std::vector<archi::DeviceGroup> joined;
    for (const archi::DeviceGroup& one : single) {
      archi::DeviceGroup* last = joined.empty() ? nullptr : &joined.back();
      if (last && one.count > 0 && last->count > 0 && last->type == one.type && last->emulate == one.emulate &&
          last->enabled == one.enabled) {
        last->count += one.count;
      } else {
        joined.push_back(one);
      }
    }
    nodes[node].devices = std::move(joined);
  }
}

std::optional<TopologyFragment> copyFragment(const archi::Project& project, const ItemKeys& keys) {
  const auto& dcs = project.topology.datacenters;
  auto valid = [&](const ItemKey& key) {
    if (key.dc < 0 || key.dc >= int(dcs.size())) return false;
    if (key.kind == ItemKey::Kind::Datacenter) return true;
    if (key.node < 0 || key.node >= int(dcs[key.dc].nodes.size())) return false;
    if (key.kind == ItemKey::Kind::Node) return true;
    return key.kind == ItemKey::Kind::DeviceGroup && key.group >= 0 &&
           key.group < int(dcs[key.dc].nodes[key.node].devices.size());
  };
  TopologyFragment fragment;
  fragment.content.name = project.name;
  fragment.content.run = project.run;
  std::set<std::string> copiedIds;
  for (const ItemKey& key : keys) {
    if (key.kind == ItemKey::Kind::Datacenter && valid(key)) {
      fragment.content.topology.datacenters.push_back(dcs[key.dc]);
      copiedIds.insert(dcs[key.dc].id);
    }
  }
  if (!copiedIds.empty()) {
    fragment.kind = TopologyFragment::Kind::Datacenters;
    for (const archi::WanLink& link : project.topology.links) {
      if (copiedIds.contains(link.a) && copiedIds.contains(link.b)) fragment.content.topology.links.push_back(link);
    }
    return fragment;
  }
  archi::Datacenter holder;
  for (const ItemKey& key : keys) {
    if (key.kind == ItemKey::Kind::Node && valid(key)) holder.nodes.push_back(dcs[key.dc].nodes[key.node]);
  }
  if (!holder.nodes.empty()) {
    fragment.kind = TopologyFragment::Kind::Nodes;
    fragment.content.topology.datacenters.push_back(holder);
    return fragment;
  }
  archi::Node groupHolder;
  for (const ItemKey& key : keys) {
    if (key.kind == ItemKey::Kind::DeviceGroup && valid(key)) {
      groupHolder.devices.push_back(dcs[key.dc].nodes[key.node].devices[key.group]);
    }
  }
  if (groupHolder.devices.empty()) return std::nullopt;
  fragment.kind = TopologyFragment::Kind::DeviceGroups;
  holder.nodes.push_back(groupHolder);
  fragment.content.topology.datacenters.push_back(holder);
  return fragment;
}

ItemKeys paste(archi::Project& project, const TopologyFragment& fragment, const ItemKeys& selection) {
  ItemKeys pasted;
  auto& topology = project.topology;
  const auto& source = fragment.content.topology;
  switch (fragment.kind) {
    case TopologyFragment::Kind::Datacenters: {
      constexpr double kPasteOffset = 60.0;
      std::map<std::string, std::string> renamed;
      for (archi::Datacenter dc : source.datacenters) {
        const std::string newId = uniqueDatacenterId(project, dc.id);
        renamed[dc.id] = newId;
        dc.id = newId;
        dc.position.x += kPasteOffset;
        dc.position.y += kPasteOffset;
        std::vector<archi::Node> nodes = std::move(dc.nodes);
        dc.nodes.clear();
        topology.datacenters.push_back(dc);
        for (archi::Node node : nodes) {
          freshen(project, node);
          topology.datacenters.back().nodes.push_back(node);
        }
        pasted.append(ItemKey::datacenter(int(topology.datacenters.size()) - 1));
      }
      for (archi::WanLink link : source.links) {
        link.a = renamed[link.a];
        link.b = renamed[link.b];
        topology.links.push_back(link);
      }
      break;
    }
    case TopologyFragment::Kind::Nodes: {
      const int dc = targetDatacenter(project, selection);
      if (dc < 0 || source.datacenters.empty()) break;
      for (archi::Node node : source.datacenters.front().nodes) {
        freshen(project, node);
        topology.datacenters[dc].nodes.push_back(node);
        pasted.append(ItemKey::nodeOf(dc, int(topology.datacenters[dc].nodes.size()) - 1));
      }
      break;
    }
    case TopologyFragment::Kind::DeviceGroups: {
      int dc = -1;
      int node = -1;
      for (const ItemKey& key : selection) {
        if ((key.kind == ItemKey::Kind::Node || key.kind == ItemKey::Kind::DeviceGroup) &&
            key.dc < int(topology.datacenters.size()) && key.node < int(topology.datacenters[key.dc].nodes.size())) {
          dc = key.dc;
          node = key.node;
          break;
        }
      }
      if (dc < 0 || source.datacenters.empty() || source.datacenters.front().nodes.empty()) break;
      archi::Node& target = topology.datacenters[dc].nodes[node];
      for (const archi::DeviceGroup& group : source.datacenters.front().nodes.front().devices) insertGroup(target, group);
      pasted.append(ItemKey::nodeOf(dc, node));
      break;
    }
  }
  return pasted;
}

}  // namespace topology_edits
