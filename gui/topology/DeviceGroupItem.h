#pragma once
// One device group on a node card: a chip per device in the vendor's colour (dashed and
// labelled when emulated, faded when disabled), or one chip with a count badge. During a run
// each chip also shows its device's utilisation (a bar and a percentage; a collapsed chip the
// mean of its devices).

#include <QList>
#include <QPainterPath>
#include <QRectF>
#include <QStringList>
#include <QVector>

#include "topology/KeyedItem.h"

struct LiveRunState;

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

  // The run's worker ids of this group's devices, in chip order ("<dc>/<node>/<index>");
  // empty for a disabled group, which has no workers.
  void setDeviceIds(const QStringList& ids) { deviceIds_ = ids; }
  const QStringList& deviceIds() const { return deviceIds_; }
  // Shows the state's utilisation of these devices; a state that is not running removes it.
  // Labels and tooltips are made here, once per state, so painting allocates nothing.
  void setLiveState(const LiveRunState& state);
  bool isLive() const { return live_; }
  // The live label of a chip ("73%"), empty when there is no overlay or no figure for it.
  QString liveText(int chip = 0) const { return live_ ? chipLabels_.value(chip) : QString(); }

 private:
  void paintLive(QPainter* painter, const QRectF& chip, qsizetype index, const QColor& text) const;

  ChipStyle style_;
  QList<QRectF> chips_;
  int countBadge_;
  QPainterPath shape_;
  QStringList deviceIds_;
  bool live_ = false;
  QVector<double> chipUtilisation_;  // per chip, 0..1; < 0 when the run has no figure for it
  QVector<bool> chipStalled_;
  QStringList chipLabels_;
};
