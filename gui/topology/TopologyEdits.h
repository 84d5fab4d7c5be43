#pragma once
// The editor's operations as plain transformations of a Project value: the canvas, the
// properties dock and the pools view compute the edited project with these and push it to
// ProjectDocument::applyEdit, which makes it one undoable step.

#include <QString>

#include <optional>
#include <vector>

#include "bridge/ItemKey.h"
#include "bridge/ProjectClipboard.h"
#include "core/Project.h"

namespace topology_edits {

inline constexpr int kFirstAgentPort = 7401;
inline constexpr double kDefaultLinkGbit = 0.1;   // 100 Mbit/s, the WAN the design targets
inline constexpr double kDefaultLinkRttMs = 50.0;

std::string uniqueDatacenterId(const archi::Project& project, const std::string& base);
std::string uniqueNodeId(const archi::Project& project, const std::string& base);
int nextFreePort(const archi::Project& project, const std::string& host);

// Each returns the key of what it created.
ItemKey addDatacenter(archi::Project& project, archi::CanvasPosition position);
ItemKey addNode(archi::Project& project, int dc);
// Adds one device of `type` to the node, joining an existing group of that type when there is one.
ItemKey addDevice(archi::Project& project, int dc, int node, const std::string& type);
// Invalid key when the datacenters are the same or already linked.
ItemKey addLink(archi::Project& project, int dcA, int dcB);

// Removes the items; a datacenter takes its nodes and links with it. Keys inside a removed
// parent are ignored.
void removeItems(archi::Project& project, const ItemKeys& keys);
// Changes a datacenter id and every link that names it.
void renameDatacenter(archi::Project& project, int dc, const std::string& newId);
void setEnabled(archi::Project& project, const ItemKeys& groups, bool enabled);

// One device, by its position among all devices of its node (groups expanded in order): the
// same numbering as the planner's inventory ids "<dc>/<node>/<index>".
struct DeviceRef {
  int dc = -1;
  int node = -1;
  int indexOnNode = -1;
  bool operator==(const DeviceRef&) const = default;
};
// Enables or disables single devices: their groups are split where needed and adjacent equal
// groups of the touched nodes joined again, so a whole-group change keeps the groups as they were.
void setDevicesEnabled(archi::Project& project, const QList<DeviceRef>& devices, bool enabled);

// What copying the selection puts on the clipboard: datacenters when any is selected, else
// nodes (of the first selected node's datacenter), else device groups.
std::optional<TopologyFragment> copyFragment(const archi::Project& project, const ItemKeys& keys);
// Pastes next to the selection with fresh ids and ports; returns the pasted items.
ItemKeys paste(archi::Project& project, const TopologyFragment& fragment, const ItemKeys& selection);

}  // namespace topology_edits
