#pragma once
// The canvas's items (UI.md "Canvas"): a datacenter is a rounded region with a header of
// name, region and totals; nodes are cards inside it; a device group is a row of chips
// coloured by vendor; WAN links join the regions and carry a bandwidth/RTT label. Items carry
// the ItemKey of what they draw and can be marked with validation problems.

#include <QGraphicsItem>
#include <QList>
#include <QRectF>
#include <QString>

#include "bridge/ItemKey.h"

class LinkItem;

class KeyedItem : public QGraphicsItem {
 public:
  enum class Problem { None, Warning, Error };

  KeyedItem(const ItemKey& key, QGraphicsItem* parent);
  const ItemKey& key() const { return key_; }

  // Sets the item's own description; problems are appended to it in the tooltip.
  void setDescription(const QString& text);
  void clearProblems();
  void addProblem(Problem level, const QString& message);
  Problem problem() const { return problem_; }

 protected:
  // Outline for the selection (palette highlight) and for problems (red or amber, thicker).
  void paintMarks(QPainter* painter, const QPainterPath& outline) const;

 private:
  void refreshToolTip();

  ItemKey key_;
  QString description_;
  QStringList problems_;
  Problem problem_ = Problem::None;
};

struct DatacenterSummary {
  QString name;
  QString region;
  int nodes = 0;
  int devices = 0;
  int enabledDevices = 0;
  double peakTflops = 0.0;  // enabled devices only
};

// The small round handle in a datacenter's header: drag from it to another datacenter to draw a link.
class LinkHandleItem : public QGraphicsItem {
 public:
  explicit LinkHandleItem(QGraphicsItem* parent);
  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
  static constexpr double kRadius = 9.0;
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
};

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

struct ChipStyle {
  QString type;
  QString vendor;
  double memoryGib = 0.0;
  bool known = true;  // the type is in the catalog
  bool emulate = false;
  bool enabled = true;
};

// One device group: `chips` rectangles (one per device, or one with a count badge when the
// node has too many devices to show them all).
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
