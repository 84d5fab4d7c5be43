#pragma once
// A datacenter on the canvas: a rounded region in its stable colour, with name, region and
// totals in the header; movable (snapping to a grid), dragging its links along. During a run,
// one left out of the outer group is marked with an icon and the words "left out" and a dashed
// amber outline (never colour alone).

#include <QColor>
#include <QList>

#include "topology/KeyedItem.h"

class LinkItem;
struct LiveDatacenter;

struct DatacenterSummary {
  QString name;
  QString region;
  int nodes = 0;
  int devices = 0;
  int enabledDevices = 0;
  double peakTflops = 0.0;  // enabled devices only
};

class DatacenterItem : public KeyedItem {
 public:
  static constexpr double kWidth = 360.0;
  static constexpr double kHeaderHeight = 56.0;
  static constexpr double kPadding = 12.0;
  static constexpr double kNodeGap = 10.0;
  static constexpr double kGrid = 10.0;

  DatacenterItem(const ItemKey& key, const QColor& color, const DatacenterSummary& summary);
  void setContentHeight(double height);  // of the node cards, without header and padding
  void addLink(LinkItem* link) { links_.append(link); }
  const QColor& color() const { return color_; }
  // The datacenter's live figures, or none (nullptr) to remove the overlay.
  void setLive(const LiveDatacenter* live, const QString& runName);
  // "left out" while the run leaves it out of the outer group, otherwise empty.
  const QString& liveText() const { return liveLabel_; }

  QRectF boundingRect() const override;
  QPainterPath shape() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 protected:
  QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

 private:
  QColor color_;
  DatacenterSummary summary_;
  double height_ = kHeaderHeight + 2 * kPadding;
  QList<LinkItem*> links_;
  QString liveLabel_;
};
