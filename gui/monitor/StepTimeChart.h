#pragma once
// Monitor chart (c), per datacenter: where a step's time goes over its workers' latest steps —
// compute, intra-datacenter all-reduce, WAN and idle, stacked.

#include <QChartView>
#include <QStringList>

#include "bridge/MonitorSnapshot.h"

class QBarCategoryAxis;
class QBarSet;
class QStackedBarSeries;
class QValueAxis;

class StepTimeChart : public QChartView {
  Q_OBJECT

 public:
  explicit StepTimeChart(QWidget* parent = nullptr);
  int refresh(const MonitorSnapshot& snapshot);  // returns the number of bars' parts drawn

 private:
  QStackedBarSeries* series_ = nullptr;
  QBarCategoryAxis* categories_ = nullptr;
  QValueAxis* y_ = nullptr;
  QBarSet* compute_ = nullptr;
  QBarSet* intra_ = nullptr;
  QBarSet* wan_ = nullptr;
  QBarSet* idle_ = nullptr;
  QStringList names_;
};
