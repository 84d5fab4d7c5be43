#include "app/ProjectTree.h"

#include <QHeaderView>
#include <QLocale>
#include <QPixmap>

#include "app/VisualStyle.h"
#include "bridge/ProjectDocument.h"

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QIcon swatch(const QColor& color) {
  QPixmap pixmap(12, 12);
  pixmap.fill(color);
  return QIcon(pixmap);
}

}  // namespace

ProjectTree::ProjectTree(ProjectDocument& document, QWidget* parent) : QTreeWidget(parent), document_(document) {
  setObjectName("topologyTree");
  setHeaderLabels({tr("Datacenter / node / device"), tr("Details")});
  header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  setSelectionMode(QAbstractItemView::ExtendedSelection);
  setAccessibleName(tr("Project tree"));
  connect(&document_, &ProjectDocument::projectChanged, this, &ProjectTree::rebuild);
  connect(this, &QTreeWidget::itemSelectionChanged, this, [this] {
    if (!updating_) emit selectionKeysChanged(selectedKeys());
  });
  rebuild();
}

void ProjectTree::rebuild() {
  const ItemKeys selection = selectedKeys();
  updating_ = true;
  clear();
  if (const auto& project = document_.project()) {
    const archi::GpuCatalog& catalog = document_.catalog();
    for (int d = 0; d < int(project->topology.datacenters.size()); ++d) {
      const archi::Datacenter& dc = project->topology.datacenters[d];
      auto* dcItem = new QTreeWidgetItem(this, {dc.name.empty() ? q(dc.id) : q(dc.name),
                                                tr("%1 · %2").arg(q(dc.region), visual_style::count(dc.deviceCount(), tr("device"), tr("devices")))});
      dcItem->setIcon(0, swatch(visual_style::datacenterColor(d)));
      dcItem->setData(0, Qt::UserRole, QVariant::fromValue(ItemKey::datacenter(d)));
      for (int n = 0; n < int(dc.nodes.size()); ++n) {
        const archi::Node& node = dc.nodes[n];
        auto* nodeItem = new QTreeWidgetItem(dcItem, {q(node.id), QStringLiteral("%1:%2").arg(q(node.host)).arg(node.agent_port)});
        nodeItem->setData(0, Qt::UserRole, QVariant::fromValue(ItemKey::nodeOf(d, n)));
        for (int g = 0; g < int(node.devices.size()); ++g) {
          const archi::DeviceGroup& group = node.devices[g];
          QStringList notes;
          if (group.emulate) notes << tr("emulated");
          if (!group.enabled) notes << tr("disabled");
          auto* groupItem = new QTreeWidgetItem(nodeItem, {QStringLiteral("%1 × %2").arg(q(group.type)).arg(group.count),
                                                           notes.join(QStringLiteral(", "))});
          const archi::GpuSpec* spec = catalog.find(group.type);
          groupItem->setIcon(0, swatch(visual_style::vendorColor(spec ? q(spec->vendor) : QString())));
          groupItem->setData(0, Qt::UserRole, QVariant::fromValue(ItemKey::deviceGroup(d, n, g)));
        }
      }
    }
    if (!project->topology.links.empty()) {
      auto* links = new QTreeWidgetItem(this, {tr("WAN links"), QLocale().toString(qint64(project->topology.links.size()))});
      links->setFlags(Qt::ItemIsEnabled);
      for (int l = 0; l < int(project->topology.links.size()); ++l) {
        const archi::WanLink& link = project->topology.links[l];
        auto* item = new QTreeWidgetItem(links, {QStringLiteral("%1 ↔ %2").arg(q(link.a), q(link.b)),
                                                 visual_style::formatLink(link.gbit, link.rtt_ms, link.loss_pct)});
        item->setData(0, Qt::UserRole, QVariant::fromValue(ItemKey::wanLink(l)));
      }
    }
  }
  expandAll();
  updating_ = false;
  selectKeys(selection);
}

ItemKeys ProjectTree::selectedKeys() const {
  ItemKeys keys;
  for (QTreeWidgetItem* item : selectedItems()) {
    const QVariant v = item->data(0, Qt::UserRole);
    if (v.canConvert<ItemKey>()) keys.append(v.value<ItemKey>());
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

void ProjectTree::selectKeys(const ItemKeys& keys) {
  updating_ = true;
  clearSelection();
  QTreeWidgetItemIterator it(this);
  QTreeWidgetItem* first = nullptr;
  for (; *it; ++it) {
    const QVariant v = (*it)->data(0, Qt::UserRole);
    if (v.canConvert<ItemKey>() && keys.contains(v.value<ItemKey>())) {
      (*it)->setSelected(true);
      if (!first) first = *it;
    }
  }
  if (first) {
    setCurrentItem(first, 0, QItemSelectionModel::NoUpdate);
    scrollToItem(first);
  }
  updating_ = false;
}
