#include "bridge/ProjectClipboard.h"

#include <nlohmann/json.hpp>

#include "core/ProjectJson.h"

namespace {

const char* kindName(TopologyFragment::Kind kind) {
  switch (kind) {
    case TopologyFragment::Kind::Datacenters: return "datacenters";
    case TopologyFragment::Kind::Nodes: return "nodes";
    case TopologyFragment::Kind::DeviceGroups: return "devices";
  }
  return "datacenters";
}

}  // namespace

QByteArray encodeFragment(const TopologyFragment& fragment) {
  nlohmann::ordered_json root = {{"archipelago_fragment", 1},
                                 {"kind", kindName(fragment.kind)},
                                 {"project", archi::projectToJson(fragment.content)}};
  return QByteArray::fromStdString(root.dump(2));
}

std::optional<TopologyFragment> decodeFragment(const QByteArray& bytes) {
  const nlohmann::json root = nlohmann::json::parse(bytes.toStdString(), nullptr, false);
  if (root.is_discarded() || !root.is_object() || !root.contains("archipelago_fragment") || !root.contains("kind") ||
      !root.contains("project") || !root["kind"].is_string()) {
    return std::nullopt;
  }
  TopologyFragment fragment;
  const std::string kind = root["kind"].get<std::string>();
  if (kind == "datacenters") {
    fragment.kind = TopologyFragment::Kind::Datacenters;
  } else if (kind == "nodes") {
    fragment.kind = TopologyFragment::Kind::Nodes;
  } else if (kind == "devices") {
    fragment.kind = TopologyFragment::Kind::DeviceGroups;
  } else {
    return std::nullopt;
  }
  archi::Diagnostics diagnostics;
  std::optional<archi::Project> content = archi::parseProject(root["project"].dump(), diagnostics);
  if (!content || diagnostics.hasErrors()) return std::nullopt;
  fragment.content = std::move(*content);
  return fragment;
}
