#pragma once
// The small round handle in a datacenter's header: drag from it to another datacenter to draw
// a WAN link (the scene handles the drag).

#include <QGraphicsItem>

class LinkHandleItem : public QGraphicsItem {
 public:
  explicit LinkHandleItem(QGraphicsItem* parent);
  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
  static constexpr double kRadius = 9.0;
};
