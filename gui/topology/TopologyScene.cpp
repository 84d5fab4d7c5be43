#include "topology/TopologyScene.h"

#include <QGraphicsLineItem>
#include <QGraphicsSceneMouseEvent>
#include <QLocale>

#include <algorithm>
#include <cmath>

#include "app/VisualStyle.h"
#include "bridge/ProjectDocument.h"
#include "topology/TopologyEdits.h"
#include "topology/TopologyItems.h"

namespace {

constexpr int kExpandedDeviceLimit = 8;  // a node with more devices shows one chip per group

QString q(const std::string& s) { return QString::fromStdString(s); }

}  // namespace

TopologyScene::TopologyScene(ProjectDocument& document, QObject* parent) : QGraphicsScene(parent), document_(document) {
  setItemIndexMethod(QGraphicsScene::BspTreeIndex);
  connect(&document_, &ProjectDocument::projectChanged, this, &TopologyScene::rebuild);
  connect(&document_, &ProjectDocument::problemsChanged, this, &TopologyScene::applyProblems);
  connect(this, &QGraphicsScene::selectionChanged, this, [this] {
    if (!rebuilding_) emit selectionKeysChanged(selectedKeys());
  });
  rebuild();
}

bool TopologyScene::event(QEvent* event) {
  // Follow the system's light or dark palette: items read the scene palette when painting.
  if (event->type() == QEvent::PaletteChange) {
    for (QGraphicsItem* item : items()) item->update();
  }
  return QGraphicsScene::event(event);
}

void TopologyScene::rebuild() {
  const ItemKeys selection = selectedKeys();
  rebuilding_ = true;
  clear();
  items_.clear();
  datacenters_.clear();
  nodes_.clear();
  deviceGroups_.clear();
  links_.clear();
  datacenterIds_.clear();
  rubberLink_ = nullptr;
  linkSource_ = -1;
  if (!document_.project()) {
    rebuilding_ = false;
    return;
  }
  const archi::Project& project = *document_.project();
  const archi::GpuCatalog& catalog = document_.catalog();
  const double cardWidth = DatacenterItem::kWidth - 2 * DatacenterItem::kPadding;
  const double chipsWidth = cardWidth - 2 * NodeItem::kPadding;
  const int columns = std::max(1, int((chipsWidth + DeviceGroupItem::kChipGap) /
                                      (DeviceGroupItem::kChipWidth + DeviceGroupItem::kChipGap)));

  for (int di = 0; di < int(project.topology.datacenters.size()); ++di) {
    const archi::Datacenter& dc = project.topology.datacenters[di];
    DatacenterSummary summary;
    summary.name = dc.name.empty() ? q(dc.id) : q(dc.name);
    summary.region = q(dc.region);
    summary.nodes = int(dc.nodes.size());
    for (const archi::Node& node : dc.nodes) {
      for (const archi::DeviceGroup& group : node.devices) {
        const int count = std::max(group.count, 0);
        summary.devices += count;
        if (!group.enabled) continue;
        summary.enabledDevices += count;
        if (const archi::GpuSpec* spec = catalog.find(group.type)) summary.peakTflops += spec->bf16_tflops * count;
      }
    }
    auto* dcItem = new DatacenterItem(ItemKey::datacenter(di), visual_style::datacenterColor(di), summary);
    dcItem->setDescription(tr("Datacenter %1 (id %2), region %3\nFabric %4, %5 µs")
                               .arg(summary.name, q(dc.id), summary.region, visual_style::formatBandwidth(dc.fabric.gbit),
                                    QLocale().toString(dc.fabric.latency_us, 'g', 4)));
    addItem(dcItem);
    dcItem->setPos(dc.position.x, dc.position.y);
    items_.insert(dcItem->key().pointer(), dcItem);
    datacenters_.append(dcItem);
    datacenterIds_.append({dcItem, q(dc.id)});

    double y = DatacenterItem::kHeaderHeight;
    for (int ni = 0; ni < int(dc.nodes.size()); ++ni) {
      const archi::Node& node = dc.nodes[ni];
      const bool expanded = node.deviceCount() <= kExpandedDeviceLimit;
      // Lay the chips out first to know the card's height.
      QList<QList<QRectF>> chipRects;
      int slot = 0;
      for (const archi::DeviceGroup& group : node.devices) {
        QList<QRectF> rects;
        const int chips = expanded ? std::max(group.count, 1) : 1;
        for (int c = 0; c < chips; ++c, ++slot) {
          const int row = slot / columns;
          const int column = slot % columns;
          rects.append(QRectF(NodeItem::kPadding + column * (DeviceGroupItem::kChipWidth + DeviceGroupItem::kChipGap),
                              NodeItem::kHeaderHeight + row * (DeviceGroupItem::kChipHeight + DeviceGroupItem::kChipGap),
                              DeviceGroupItem::kChipWidth, DeviceGroupItem::kChipHeight));
        }
        chipRects.append(rects);
      }
      const int rows = std::max(1, (slot + columns - 1) / columns);
      const double cardHeight = NodeItem::kHeaderHeight + rows * (DeviceGroupItem::kChipHeight + DeviceGroupItem::kChipGap) +
                                NodeItem::kPadding - DeviceGroupItem::kChipGap;
      auto* nodeItem = new NodeItem(ItemKey::nodeOf(di, ni), q(node.id),
                                    QStringLiteral("%1:%2").arg(q(node.host)).arg(node.agent_port), cardWidth, cardHeight,
                                    dcItem);
      nodeItem->setPos(DatacenterItem::kPadding, y);
      nodeItem->setDescription(tr("Node %1, agent at %2:%3, %4")
                                   .arg(q(node.id), q(node.host))
                                   .arg(node.agent_port)
                                   .arg(visual_style::count(node.deviceCount(), tr("device"), tr("devices"))));
      items_.insert(nodeItem->key().pointer(), nodeItem);
      nodes_.insert(q(node.id), nodeItem);
      int deviceIndex = 0;  // as the engine numbers a node's devices (DeviceInventory): enabled ones only
      for (int gi = 0; gi < int(node.devices.size()); ++gi) {
        const archi::DeviceGroup& group = node.devices[gi];
        ChipStyle style;
        style.type = q(group.type);
        style.emulate = group.emulate;
        style.enabled = group.enabled;
        const archi::GpuSpec* spec = catalog.find(group.type);
        style.known = spec != nullptr;
        if (spec) {
          style.vendor = q(spec->vendor);
          style.memoryGib = spec->memory_gib;
        }
        auto* groupItem = new DeviceGroupItem(ItemKey::deviceGroup(di, ni, gi), style, chipRects[gi],
                                              expanded ? 1 : group.count, nodeItem);
        QString tip = tr("%1 × %2").arg(group.count).arg(style.type);
        if (spec) {
          tip += tr(" (%1, %2 GiB, %3 dense bf16 each)")
                     .arg(style.vendor, QLocale().toString(spec->memory_gib, 'f', 0), visual_style::formatFlops(spec->bf16_tflops));
        }
        if (group.emulate) tip += tr("\nemulated: computes on this machine's CPU, paced to the catalog speed");
        if (!group.enabled) tip += tr("\ndisabled: left out of the run");
        groupItem->setDescription(tip);
        items_.insert(groupItem->key().pointer(), groupItem);
        if (group.enabled) {
          QStringList ids;
          for (int k = 0; k < group.count; ++k, ++deviceIndex) ids.append(QStringLiteral("%1/%2/%3").arg(q(dc.id), q(node.id)).arg(deviceIndex));
          groupItem->setDeviceIds(ids);
        }
        deviceGroups_.append(groupItem);
      }
      y += cardHeight + DatacenterItem::kNodeGap;
    }
    dcItem->setContentHeight(std::max(0.0, y - DatacenterItem::kHeaderHeight - DatacenterItem::kNodeGap));
  }

  for (int li = 0; li < int(project.topology.links.size()); ++li) {
    const archi::WanLink& link = project.topology.links[li];
    DatacenterItem* a = nullptr;
    DatacenterItem* b = nullptr;
    for (int di = 0; di < int(project.topology.datacenters.size()); ++di) {
      if (project.topology.datacenters[di].id == link.a && !a) a = datacenters_[di];
      if (project.topology.datacenters[di].id == link.b && !b) b = datacenters_[di];
    }
    if (!a || !b || a == b) continue;  // validation reports the dangling end
    auto* linkItem = new LinkItem(ItemKey::wanLink(li), a, b, link.gbit,
                                  visual_style::formatLink(link.gbit, link.rtt_ms, link.loss_pct));
    linkItem->setDescription(tr("WAN link %1 ↔ %2\n%3").arg(q(link.a), q(link.b),
                                                              visual_style::formatLink(link.gbit, link.rtt_ms, link.loss_pct)));
    addItem(linkItem);
    items_.insert(linkItem->key().pointer(), linkItem);
    links_.append({linkItem, LiveRunState::linkKey(q(link.a), q(link.b))});
  }
  applyProblems();
  applyNodeStatuses();
  applyLiveState();
  selectKeys(selection);
  rebuilding_ = false;
}

void TopologyScene::applyProblems() {
  for (KeyedItem* item : std::as_const(items_)) item->clearProblems();
  for (const archi::Diagnostic& d : document_.problems().all()) {
    KeyedItem* item = itemFor(ItemKey::fromPointer(d.pointer));
    if (!item) continue;
    const QString field = q(d.pointer).section('/', -1);
    item->addProblem(d.severity == archi::Severity::Error ? KeyedItem::Problem::Error : KeyedItem::Problem::Warning,
                     QStringLiteral("%1: %2").arg(field, q(d.message)));
  }
}

void TopologyScene::setNodeStatuses(const NodeStatuses& statuses) {
  nodeStatuses_ = statuses;
  applyNodeStatuses();
}

void TopologyScene::setLiveState(const LiveRunState& state) {
  liveState_ = state;
  applyLiveState();
}

void TopologyScene::applyLiveState() {
  const LiveRunState& s = liveState_;
  for (DeviceGroupItem* group : std::as_const(deviceGroups_)) group->setLiveState(s);
  for (const auto& [item, key] : std::as_const(links_)) {
    const auto it = s.links.constFind(key);
    item->setLive(s.running && it != s.links.constEnd() ? &it.value() : nullptr, s.runName);
  }
  for (const auto& [item, id] : std::as_const(datacenterIds_)) {
    const auto it = s.datacenters.constFind(id);
    item->setLive(s.running && it != s.datacenters.constEnd() ? &it.value() : nullptr, s.runName);
  }
}

void TopologyScene::applyNodeStatuses() {
  for (NodeItem* item : std::as_const(nodes_)) {
    NodeStatus status;
    status.nodeId = item->nodeId();
    for (const NodeStatus& known : std::as_const(nodeStatuses_)) {
      if (known.nodeId == status.nodeId) status = known;
    }
    item->setAgentStatus(status);
  }
}

KeyedItem* TopologyScene::itemFor(const ItemKey& key) const {
  ItemKey k = key;
  // Fall back to the parent when the exact item is not drawn (e.g. a node with no devices).
  while (k.isValid()) {
    if (KeyedItem* item = items_.value(k.pointer())) return item;
    if (k.kind == ItemKey::Kind::DeviceGroup) {
      k = ItemKey::nodeOf(k.dc, k.node);
    } else if (k.kind == ItemKey::Kind::Node) {
      k = ItemKey::datacenter(k.dc);
    } else {
      break;
    }
  }
  return nullptr;
}

ItemKeys TopologyScene::selectedKeys() const {
  ItemKeys keys;
  for (QGraphicsItem* item : selectedItems()) {
    if (auto* keyed = dynamic_cast<KeyedItem*>(item)) keys.append(keyed->key());
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

void TopologyScene::selectKeys(const ItemKeys& keys) {
  const bool wasRebuilding = rebuilding_;
  rebuilding_ = true;
  clearSelection();
  for (const ItemKey& key : keys) {
    if (KeyedItem* item = itemFor(key)) item->setSelected(true);
  }
  rebuilding_ = wasRebuilding;
}

DatacenterItem* TopologyScene::datacenterAt(const QPointF& scenePos) const {
  for (QGraphicsItem* item : items(scenePos)) {
    for (QGraphicsItem* up = item; up; up = up->parentItem()) {
      if (auto* dc = dynamic_cast<DatacenterItem*>(up)) return dc;
    }
  }
  return nullptr;
}

NodeItem* TopologyScene::nodeAt(const QPointF& scenePos) const {
  for (QGraphicsItem* item : items(scenePos)) {
    for (QGraphicsItem* up = item; up; up = up->parentItem()) {
      if (auto* node = dynamic_cast<NodeItem*>(up)) return node;
    }
  }
  return nullptr;
}

QRectF TopologyScene::contentRect() const { return itemsBoundingRect(); }

void TopologyScene::mousePressEvent(QGraphicsSceneMouseEvent* event) {
  if (event->button() == Qt::LeftButton) {
    const QList<QGraphicsItem*> under = items(event->scenePos());
    const bool onHandle = !under.isEmpty() && dynamic_cast<LinkHandleItem*>(under.front()) != nullptr;
    DatacenterItem* dc = datacenterAt(event->scenePos());
    if (dc && (onHandle || connectMode_)) {
      linkSource_ = dc->key().dc;
      rubberLink_ = addLine(QLineF(dc->sceneBoundingRect().center(), event->scenePos()),
                            QPen(visual_style::busyColor(), 2.0, Qt::DashLine));
      rubberLink_->setZValue(10);
      event->accept();
      return;
    }
  }
  QGraphicsScene::mousePressEvent(event);
}

void TopologyScene::mouseMoveEvent(QGraphicsSceneMouseEvent* event) {
  if (rubberLink_) {
    QLineF line = rubberLink_->line();
    line.setP2(event->scenePos());
    rubberLink_->setLine(line);
    event->accept();
    return;
  }
  QGraphicsScene::mouseMoveEvent(event);
}

void TopologyScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
  if (rubberLink_) {
    const int source = linkSource_;
    delete rubberLink_;
    rubberLink_ = nullptr;
    linkSource_ = -1;
    DatacenterItem* target = datacenterAt(event->scenePos());
    if (target && target->key().dc != source && document_.project()) {
      archi::Project project = *document_.project();
      const ItemKey created = topology_edits::addLink(project, source, target->key().dc);
      if (created.isValid()) {
        document_.applyEdit(tr("Draw WAN link"), project);
        selectKeys({created});
        emit selectionKeysChanged(selectedKeys());
      }
    }
    event->accept();
    return;
  }
  QGraphicsScene::mouseReleaseEvent(event);
  // After the event has left the items: committing rebuilds the scene.
  QMetaObject::invokeMethod(this, &TopologyScene::commitMoves, Qt::QueuedConnection);
}

void TopologyScene::commitMoves() {
  if (!document_.project()) return;
  archi::Project project = *document_.project();
  int moved = 0;
  for (DatacenterItem* item : std::as_const(datacenters_)) {
    archi::Datacenter& dc = project.topology.datacenters[item->key().dc];
    if (dc.position.x != item->pos().x() || dc.position.y != item->pos().y()) {
      dc.position = {item->pos().x(), item->pos().y()};
      ++moved;
    }
  }
  if (moved > 0) document_.applyEdit(tr("Move %1").arg(visual_style::count(moved, tr("datacenter"), tr("datacenters"))), project);
}

bool TopologyScene::hasOverlaps() const {
  for (int i = 0; i < datacenters_.size(); ++i) {
    for (int j = i + 1; j < datacenters_.size(); ++j) {
      if (datacenters_[i]->sceneBoundingRect().intersects(datacenters_[j]->sceneBoundingRect())) return true;
    }
  }
  return false;
}

void TopologyScene::autoLayout() {
  if (!document_.project() || datacenters_.isEmpty()) return;
  constexpr double kGap = 120.0;  // room for the link labels between regions
  const int columns = std::max(1, int(std::ceil(std::sqrt(double(datacenters_.size())))));
  archi::Project project = *document_.project();
  double y = 0.0;
  for (int row = 0; row * columns < datacenters_.size(); ++row) {
    double rowHeight = 0.0;
    for (int c = 0; c < columns && row * columns + c < datacenters_.size(); ++c) {
      const int i = row * columns + c;
      // Odd rows shift by half a region so links between rows do not run through regions.
      const double shift = (row % 2 == 1) ? (DatacenterItem::kWidth + kGap) / 2 : 0.0;
      project.topology.datacenters[i].position = {c * (DatacenterItem::kWidth + kGap) + shift, y};
      rowHeight = std::max(rowHeight, datacenters_[i]->shape().boundingRect().height());
    }
    y += rowHeight + kGap;
  }
  document_.applyEdit(tr("Auto layout"), project);
}

QList<int> TopologyScene::selectedDatacenters() const {
  QList<int> result;
  for (const ItemKey& key : selectedKeys()) {
    if (key.dc >= 0 && !result.contains(key.dc)) result.append(key.dc);
  }
  return result;
}

void TopologyScene::nudgeSelection(double dx, double dy) {
  const QList<int> dcs = selectedDatacenters();
  if (dcs.isEmpty() || !document_.project()) return;
  archi::Project project = *document_.project();
  for (int dc : dcs) {
    project.topology.datacenters[dc].position.x += dx;
    project.topology.datacenters[dc].position.y += dy;
  }
  constexpr int kNudgeMergeId = 0x6e756467;  // consecutive arrow presses are one undo step
  document_.applyEdit(tr("Move %1").arg(visual_style::count(dcs.size(), tr("datacenter"), tr("datacenters"))), project, kNudgeMergeId);
}

bool TopologyScene::alignSelection(Alignment alignment) {
  const QList<int> dcs = selectedDatacenters();
  if (dcs.size() < 2 || !document_.project()) return false;
  QList<QRectF> rects;
  for (int dc : dcs) rects.append(datacenters_[dc]->mapRectToScene(datacenters_[dc]->shape().boundingRect()));
  double target = 0.0;
  auto extreme = [&](auto get, bool smallest) {
    double v = get(rects.front());
    for (const QRectF& r : rects) v = smallest ? std::min(v, get(r)) : std::max(v, get(r));
    return v;
  };
  switch (alignment) {
    case Alignment::Left: target = extreme([](const QRectF& r) { return r.left(); }, true); break;
    case Alignment::Right: target = extreme([](const QRectF& r) { return r.right(); }, false); break;
    case Alignment::Top: target = extreme([](const QRectF& r) { return r.top(); }, true); break;
    case Alignment::Bottom: target = extreme([](const QRectF& r) { return r.bottom(); }, false); break;
    case Alignment::HorizontalCenter: target = rects.front().center().y(); break;
    case Alignment::VerticalCenter: target = rects.front().center().x(); break;
  }
  archi::Project project = *document_.project();
  for (int i = 0; i < dcs.size(); ++i) {
    archi::CanvasPosition& p = project.topology.datacenters[dcs[i]].position;
    const QRectF& r = rects[i];
    switch (alignment) {
      case Alignment::Left: p.x = target; break;
      case Alignment::Right: p.x = target - r.width(); break;
      case Alignment::Top: p.y = target; break;
      case Alignment::Bottom: p.y = target - r.height(); break;
      case Alignment::HorizontalCenter: p.y = std::round(target - r.height() / 2); break;
      case Alignment::VerticalCenter: p.x = std::round(target - r.width() / 2); break;
    }
  }
  document_.applyEdit(tr("Align %1").arg(visual_style::count(dcs.size(), tr("datacenter"), tr("datacenters"))), project);
  return true;
}
