#include "plan/DeviceInventory.h"

namespace archi {

std::vector<InventoryDevice> listDevices(const Project& project, const GpuCatalog& catalog) {
  std::vector<InventoryDevice> devices;
  const auto& datacenters = project.topology.datacenters;
  for (std::size_t di = 0; di < datacenters.size(); ++di) {
    const Datacenter& dc = datacenters[di];
    for (std::size_t ni = 0; ni < dc.nodes.size(); ++ni) {
      const Node& node = dc.nodes[ni];
      int index = 0;
      for (std::size_t gi = 0; gi < node.devices.size(); ++gi) {
        const DeviceGroup& group = node.devices[gi];
        if (!group.enabled) continue;  // the operator left it out of the run (pools view)
        const std::string pointer =
            "/datacenters/" + std::to_string(di) + "/nodes/" + std::to_string(ni) + "/devices/" + std::to_string(gi);
        for (int k = 0; k < group.count; ++k, ++index) {
          devices.push_back({dc.id + "/" + node.id + "/" + std::to_string(index), dc.id, node.id, index, group.type,
                             catalog.find(group.type), group.emulate, pointer});
        }
      }
    }
  }
  return devices;
}

}  // namespace archi
