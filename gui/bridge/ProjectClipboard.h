#pragma once
// Copy/paste of parts of a topology between canvases (and console instances): a fragment is
// a small project in the engine's own JSON format, tagged with what it holds.

#include <QByteArray>
#include <QString>

#include <optional>

#include "core/Project.h"

struct TopologyFragment {
  enum class Kind { Datacenters, Nodes, DeviceGroups };
  Kind kind = Kind::Datacenters;
  // Datacenters: the copied datacenters and the links among them. Nodes: one datacenter
  // holding the copied nodes. DeviceGroups: one datacenter, one node holding the groups.
  archi::Project content;
};

inline constexpr const char* kFragmentMimeType = "application/x-archipelago-topology";

QByteArray encodeFragment(const TopologyFragment& fragment);
// nullopt when the bytes are not a fragment this console wrote.
std::optional<TopologyFragment> decodeFragment(const QByteArray& bytes);
