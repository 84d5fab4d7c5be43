#pragma once
// Monitor chart (b): training loss per datacenter, raw (faint) and smoothed by a
// bias-corrected EMA whose weight the user sets; validation loss per datacenter; outer
// rounds marked on the X axis, which is the step, the tokens or the wall time.

#include <QList>
#include <QStringList>

#include "bridge/MonitorSnapshot.h"
#include "monitor/MonitorChartView.h"

class QLineSeries;
class QScatterSeries;
class QValueAxis;

class LossChart : public MonitorChartView {
  Q_OBJECT

 public:
  enum class XAxis { Step, Tokens, WallTime };

  explicit LossChart(QWidget* parent = nullptr);
  void setXAxis(XAxis axis);
  XAxis xAxis() const { return axis_; }
  // 0 draws the raw loss; 0.99 smooths over about a hundred steps.
  void setSmoothing(double weight) { weight_ = weight; }
  double smoothing() const { return weight_; }
  int refresh(const MonitorSnapshot& snapshot);

  // The EMA with TensorBoard's bias correction: the first points are not pulled towards 0.
  static QList<QPointF> smooth(const QList<QPointF>& points, double weight);

  struct DatacenterSeries {
    QLineSeries* raw = nullptr;
    QLineSeries* smoothed = nullptr;
    QScatterSeries* validation = nullptr;
  };
  const QList<DatacenterSeries>& datacenterSeries() const { return series_; }

 private:
  void rebuild(const MonitorSnapshot& snapshot);
  double xOf(const MonitorPoint& p) const;
  double xOf(const MonitorRoundMark& m) const;

  XAxis axis_ = XAxis::Step;
  double weight_ = 0.6;
  QValueAxis* x_ = nullptr;
  QValueAxis* y_ = nullptr;
  QLineSeries* rounds_ = nullptr;
  QList<DatacenterSeries> series_;
  QStringList datacenterIds_;
};
