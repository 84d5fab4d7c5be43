#pragma once
// A WAN link between two datacenter regions: width by log bandwidth, a "100 Mbit/s · 50 ms"
// label at its middle; follows the regions while they are dragged.

#include <QLineF>
#include <QRectF>
#include <QString>

#include "topology/KeyedItem.h"

class DatacenterItem;

class LinkItem : public KeyedItem {
 public:
  LinkItem(const ItemKey& key, DatacenterItem* a, DatacenterItem* b, double gbit, const QString& label);
  // Follows the two regions (called while one is dragged).
  void updateGeometry();

  QRectF boundingRect() const override;
  QPainterPath shape() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 private:
  DatacenterItem* a_;
  DatacenterItem* b_;
  double width_;
  QString label_;
  QLineF line_;
  QRectF labelRect_;
};
