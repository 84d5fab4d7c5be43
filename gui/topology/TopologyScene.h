#pragma once
// The topology canvas's scene: rebuilt from the open project whenever it changes, marks the
// items that validation complains about, keeps the selection by ItemKey across rebuilds, and
// turns drags (moving datacenters, drawing links) into undoable edits.

#include <QGraphicsScene>
#include <QHash>
#include <QPointer>

#include "bridge/ItemKey.h"
#include "bridge/LiveRunState.h"
#include "bridge/NodeStatus.h"

class DatacenterItem;
class DeviceGroupItem;
class LinkItem;
class KeyedItem;
class NodeItem;
class ProjectDocument;
class QGraphicsLineItem;

class TopologyScene : public QGraphicsScene {
  Q_OBJECT

 public:
  explicit TopologyScene(ProjectDocument& document, QObject* parent = nullptr);

  ItemKeys selectedKeys() const;
  // Selects exactly these items (parents stand in for missing children); no signal is sent.
  void selectKeys(const ItemKeys& keys);
  KeyedItem* itemFor(const ItemKey& key) const;
  NodeItem* nodeItem(const QString& nodeId) const { return nodes_.value(nodeId); }
  // The agents' states, drawn as badges on the node cards (kept across rebuilds).
  void setNodeStatuses(const NodeStatuses& statuses);
  // The run's live figures over the canvas (device utilisation, link throughput, datacenters
  // left out), kept across rebuilds; a state that is not running removes the overlay.
  void setLiveState(const LiveRunState& state);
  const LiveRunState& liveState() const { return liveState_; }
  DatacenterItem* datacenterAt(const QPointF& scenePos) const;
  NodeItem* nodeAt(const QPointF& scenePos) const;
  // The bounding rectangle of everything drawn, for "fit to view".
  QRectF contentRect() const;

  // While on, a drag from anywhere in a datacenter draws a link instead of moving it.
  void setConnectMode(bool on) { connectMode_ = on; }
  bool connectMode() const { return connectMode_; }

  // Moves the selected datacenters by (dx, dy) scene units as one edit (keyboard nudging).
  void nudgeSelection(double dx, double dy);
  enum class Alignment { Left, Right, Top, Bottom, HorizontalCenter, VerticalCenter };
  // True when two datacenter regions overlap (e.g. a hand-written file without positions).
  bool hasOverlaps() const;
  // Arranges every datacenter in a grid, in project order, as one undoable edit.
  void autoLayout();
  // Aligns the selected datacenters (or the datacenters of the selected items).
  bool alignSelection(Alignment alignment);

 signals:
  // The operator changed the selection on the canvas.
  void selectionKeysChanged(const ItemKeys& keys);

 protected:
  void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
  void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
  void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
  bool event(QEvent* event) override;

 private:
  void rebuild();
  void applyProblems();
  void applyNodeStatuses();
  void applyLiveState();
  void commitMoves();
  QList<int> selectedDatacenters() const;

  ProjectDocument& document_;
  QHash<QString, KeyedItem*> items_;  // by ItemKey::pointer()
  QList<DatacenterItem*> datacenters_;
  QHash<QString, NodeItem*> nodes_;  // by node id
  NodeStatuses nodeStatuses_;
  LiveRunState liveState_;
  // The items the overlay draws on, with the run's names for them (rebuilt with the scene).
  QList<DeviceGroupItem*> deviceGroups_;
  QList<QPair<LinkItem*, QString>> links_;               // link key "a|b"
  QList<QPair<DatacenterItem*, QString>> datacenterIds_;  // datacenter id
  bool rebuilding_ = false;
  bool connectMode_ = false;
  int linkSource_ = -1;
  QGraphicsLineItem* rubberLink_ = nullptr;
};
