#pragma once
// Monitor chart (d): the WAN, Mbit/s per link over time from the stored link samples, each
// against the link's bandwidth as drawn in the run's topology (dashed). A store without link
// samples says so instead of showing an empty plot.

#include <QList>
#include <QStringList>

#include "bridge/MonitorSnapshot.h"
#include "monitor/MonitorChartView.h"

class QGraphicsSimpleTextItem;
class QLineSeries;
class QValueAxis;

class WanChart : public MonitorChartView {
  Q_OBJECT

 public:
  explicit WanChart(QWidget* parent = nullptr);
  int refresh(const MonitorSnapshot& snapshot);
  bool showsNoSamplesNote() const;

 private:
  void rebuild(const MonitorSnapshot& snapshot);

  QValueAxis* x_ = nullptr;
  QValueAxis* y_ = nullptr;
  QList<QLineSeries*> measured_;
  QList<QLineSeries*> bandwidth_;
  QStringList linkKeys_;
  QGraphicsSimpleTextItem* empty_ = nullptr;
};
