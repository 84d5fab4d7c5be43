#pragma once
// A node card inside its datacenter: id, agent endpoint, and its device chips as children.

#include <QSizeF>

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

 private:
  QString id_;
  QString endpoint_;
  QSizeF size_;
  bool dropTarget_ = false;
};
