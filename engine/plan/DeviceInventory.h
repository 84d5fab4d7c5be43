#pragma once
// The project's devices one by one (a DeviceGroup of count 4 becomes four devices), each with
// a stable id used by the planner, the launcher, worker specs and metrics.

#include <string>
#include <vector>

#include "core/GpuCatalog.h"
#include "core/Project.h"

namespace archi {

struct InventoryDevice {
  std::string id;             // "<datacenter>/<node>/<index on node>", e.g. "beijing/bj-node-01/2"
  std::string datacenter_id;
  std::string node_id;
  int index_on_node = 0;
  std::string type;
  const GpuSpec* spec = nullptr;  // nullptr when the type is not in the catalog
  bool emulated = false;
  std::string pointer;        // the DeviceGroup it came from: "/datacenters/0/nodes/0/devices/1"
};

std::vector<InventoryDevice> listDevices(const Project& project, const GpuCatalog& catalog);

}  // namespace archi
