#pragma once
// One device group on a node card: a chip per device in the vendor's colour (dashed and
// labelled when emulated, faded when disabled), or one chip with a count badge.

#include <QList>
#include <QPainterPath>
#include <QRectF>

#include "topology/KeyedItem.h"

struct ChipStyle {
  QString type;
  QString vendor;
  double memoryGib = 0.0;
  bool known = true;  // the type is in the catalog
  bool emulate = false;
  bool enabled = true;
};

class DeviceGroupItem : public KeyedItem {
 public:
  static constexpr double kChipWidth = 74.0;
  static constexpr double kChipHeight = 40.0;
  static constexpr double kChipGap = 6.0;

  DeviceGroupItem(const ItemKey& key, const ChipStyle& style, const QList<QRectF>& chips, int countBadge,
                  QGraphicsItem* parent);
  QRectF boundingRect() const override;
  QPainterPath shape() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 private:
  ChipStyle style_;
  QList<QRectF> chips_;
  int countBadge_;
  QPainterPath shape_;
};
