#include "core/Topology.h"

#include <numeric>

namespace archi {

int Node::deviceCount() const {
  return std::accumulate(devices.begin(), devices.end(), 0,
                         [](int sum, const DeviceGroup& group) { return sum + group.count; });
}

int Datacenter::deviceCount() const {
  return std::accumulate(nodes.begin(), nodes.end(), 0,
                         [](int sum, const Node& node) { return sum + node.deviceCount(); });
}

const Datacenter* Topology::findDatacenter(const std::string& id) const {
  for (const Datacenter& dc : datacenters) {
    if (dc.id == id) return &dc;
  }
  return nullptr;
}

int Topology::deviceCount() const {
  return std::accumulate(datacenters.begin(), datacenters.end(), 0,
                         [](int sum, const Datacenter& dc) { return sum + dc.deviceCount(); });
}

}  // namespace archi
