#pragma once
// Monitor chart (a): the run's tokens/s stacked per datacenter (datacenter colours), the run's
// total, the plan's prediction and the ideal (sum of standalone speeds) as reference lines,
// and the efficiency against the ideal in the title — the figures summarizeRun gives.

#include <QList>
#include <QStringList>

#include "bridge/MonitorSnapshot.h"
#include "monitor/MonitorChartView.h"

class QAreaSeries;
class QLineSeries;
class QValueAxis;

class ThroughputChart : public MonitorChartView {
  Q_OBJECT

 public:
  explicit ThroughputChart(QWidget* parent = nullptr);
  // Returns the number of points now drawn.
  int refresh(const MonitorSnapshot& snapshot);
  const QList<QAreaSeries*>& datacenterSeries() const { return areas_; }

 private:
  void rebuild(const MonitorSnapshot& snapshot);

  QValueAxis* x_ = nullptr;
  QValueAxis* y_ = nullptr;
  QLineSeries* total_ = nullptr;
  QLineSeries* predicted_ = nullptr;
  QLineSeries* ideal_ = nullptr;
  QList<QAreaSeries*> areas_;
  QStringList datacenterIds_;
};
