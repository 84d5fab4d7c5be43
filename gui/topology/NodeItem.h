#pragma once
// A node card inside its datacenter: id, agent endpoint, the agent's state as a badge
// (glyph + word, never colour alone; details in the tooltip), and its device chips as children.

#include <QSizeF>

#include "bridge/NodeStatus.h"
#include "topology/KeyedItem.h"

class NodeItem : public KeyedItem {
 public:
  static constexpr double kHeaderHeight = 28.0;
  static constexpr double kPadding = 10.0;

  NodeItem(const ItemKey& key, const QString& id, const QString& endpoint, double width, double height,
           QGraphicsItem* parent);
  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
  void setDropTarget(bool on);
  void setAgentStatus(const NodeStatus& status);
  const NodeStatus& agentStatus() const { return status_; }
  const QString& nodeId() const { return id_; }

  // The badge's glyph and word, and its colour, for a state (also used by tests and the legend).
  // A node the console never approved is drawn grey: not set up yet, rather than down.
  static QString badgeGlyph(const NodeStatus& status);
  static QString badgeText(const NodeStatus& status);
  static QString slurmNote(const NodeStatus& status);
  static QColor badgeColor(const NodeStatus& status);
  static QColor badgeColor(NodeStatus::State state);

 private:
  void paintBadge(QPainter* painter, const QRectF& room) const;

  QString id_;
  QString endpoint_;
  QSizeF size_;
  bool dropTarget_ = false;
  NodeStatus status_;
};
