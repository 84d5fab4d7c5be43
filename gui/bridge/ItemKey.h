#pragma once
// Names one drawable part of a project (datacenter, node, device group, WAN link) by its
// indices, and converts engine JSON pointers such as /datacenters/1/nodes/0/devices/2/type
// into the deepest part they point into, so a problem can mark and select its item.

#include <QList>
#include <QMetaType>
#include <QString>

#include <string>

struct ItemKey {
  enum class Kind { None, Datacenter, Node, DeviceGroup, Link };

  Kind kind = Kind::None;
  int dc = -1;
  int node = -1;
  int group = -1;
  int link = -1;

  static ItemKey datacenter(int dcIndex) { return {Kind::Datacenter, dcIndex, -1, -1, -1}; }
  static ItemKey nodeOf(int dcIndex, int nodeIndex) { return {Kind::Node, dcIndex, nodeIndex, -1, -1}; }
  static ItemKey deviceGroup(int dcIndex, int nodeIndex, int groupIndex) {
    return {Kind::DeviceGroup, dcIndex, nodeIndex, groupIndex, -1};
  }
  static ItemKey wanLink(int linkIndex) { return {Kind::Link, -1, -1, -1, linkIndex}; }
  // The deepest item the pointer lies in; Kind::None for project-level pointers (/name, /run/...).
  static ItemKey fromPointer(const std::string& pointer);

  bool isValid() const { return kind != Kind::None; }
  // The JSON pointer of the item itself, e.g. "/datacenters/1/nodes/0".
  QString pointer() const;
  // The datacenter this item lies in (itself for a datacenter); invalid for links.
  ItemKey datacenterKey() const { return dc >= 0 ? datacenter(dc) : ItemKey{}; }

  bool operator==(const ItemKey&) const = default;
  auto operator<=>(const ItemKey&) const = default;
};

using ItemKeys = QList<ItemKey>;

Q_DECLARE_METATYPE(ItemKey)
