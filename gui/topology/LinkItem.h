#pragma once
// A WAN link between two datacenter regions: width by log bandwidth, a "100 Mbit/s · 50 ms"
// label at its middle; follows the regions while they are dragged. During a run it also shows
// the measured Mbit/s as a second label line and a fill along the line (its share of the
// bandwidth), amber with the words "waited on" when the latest round waited on this link.

#include <QLineF>
#include <QRectF>
#include <QString>

#include "topology/KeyedItem.h"

class DatacenterItem;
struct LiveLink;

class LinkItem : public KeyedItem {
 public:
  LinkItem(const ItemKey& key, DatacenterItem* a, DatacenterItem* b, double gbit, const QString& label);
  // Follows the two regions (called while one is dragged).
  void updateGeometry();

  QRectF boundingRect() const override;
  QPainterPath shape() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

  // The link's live figures, or none (nullptr) to remove the overlay.
  void setLive(const LiveLink* link, const QString& runName);
  // "42 Mbit/s · 42%" (+ " · waited on"), empty when there is no overlay.
  const QString& liveText() const { return liveLabel_; }
  bool isWaitedOn() const { return waitedOn_; }

 private:
  DatacenterItem* a_;
  DatacenterItem* b_;
  double width_;
  double gbit_;
  QString label_;
  QString liveLabel_;
  double liveShare_ = 0.0;  // measured / bandwidth, 0..1
  bool waitedOn_ = false;
  QLineF line_;
  QRectF labelRect_;
};
