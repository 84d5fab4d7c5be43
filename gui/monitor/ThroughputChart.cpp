#include "monitor/ThroughputChart.h"

#include <QAreaSeries>
#include <QChart>
#include <QLineSeries>
#include <QLocale>
#include <QPen>
#include <QValueAxis>

#include <algorithm>

#include "app/VisualStyle.h"

ThroughputChart::ThroughputChart(QWidget* parent) : MonitorChartView(parent) {
  setObjectName("monitorThroughputChart");
  x_ = new QValueAxis(this);
  x_->setTitleText(tr("wall time since start (s)"));
  x_->setLabelFormat("%.0f");
  y_ = new QValueAxis(this);
  y_->setTitleText(tr("throughput (tokens/s)"));
  y_->setLabelFormat("%.0f");
  chart()->addAxis(x_, Qt::AlignBottom);
  chart()->addAxis(y_, Qt::AlignLeft);
  chart()->setTitle(tr("Throughput"));
  setXFormatter([](double x) { return tr("%1 s since start").arg(QLocale().toString(x, 'f', 1)); });
}

void ThroughputChart::rebuild(const MonitorSnapshot& snapshot) {
  chart()->removeAllSeries();
  forgetSeries();
  areas_.clear();
  datacenterIds_.clear();
  for (const MonitorDatacenter& dc : snapshot.datacenters) {
    auto* upper = new QLineSeries(this);
    auto* lower = new QLineSeries(this);
    auto* area = new QAreaSeries(upper, lower);
    area->setName(dc.name);
    QColor fill = visual_style::datacenterColor(dc.colorIndex);
    area->setPen(QPen(fill, 1.0));
    fill.setAlpha(150);
    area->setBrush(fill);
    chart()->addSeries(area);
    area->attachAxis(x_);
    area->attachAxis(y_);
    areas_.append(area);
    datacenterIds_.append(dc.id);
  }
  auto line = [this](const QString& name, const QPen& pen) {
    auto* series = new QLineSeries(this);
    series->setName(name);
    series->setPen(pen);
    chart()->addSeries(series);
    series->attachAxis(x_);
    series->attachAxis(y_);
    return series;
  };
  const QColor text = palette().color(QPalette::WindowText);
  total_ = line(tr("run total"), QPen(text, 2.0));
  predicted_ = line(tr("plan's prediction"), QPen(text, 1.5, Qt::DashLine));
  ideal_ = line(tr("ideal (sum of standalone speeds)"), QPen(visual_style::okColor(), 1.5, Qt::DotLine));
  connectLegendMarkers();
}

int ThroughputChart::refresh(const MonitorSnapshot& snapshot) {
  QStringList ids;
  for (const MonitorDatacenter& dc : snapshot.datacenters) ids.append(dc.id);
  if (ids != datacenterIds_ || !total_) rebuild(snapshot);

  beginRefresh();
  int drawn = 0;
  // Stacked: each datacenter's band sits on the ones before it, in project order.
  QList<QPointF> base;
  for (const QPointF& p : snapshot.runThroughput) base.append({p.x(), 0.0});
  double top = 0.0;
  for (qsizetype i = 0; i < snapshot.datacenters.size(); ++i) {
    const QList<QPointF>& own = snapshot.datacenters[i].throughput;
    QList<QPointF> upper = base;
    for (qsizetype j = 0; j < upper.size() && j < own.size(); ++j) upper[j].ry() += own[j].y();
    drawn += setPoints(areas_[i]->lowerSeries(), base);
    drawn += setPoints(areas_[i]->upperSeries(), upper);
    base = upper;
  }
  drawn += setPoints(total_, snapshot.runThroughput);
  for (const QPointF& p : snapshot.runThroughput) top = std::max(top, p.y());

  const double end_s = std::max(snapshot.span_s, 1.0);
  auto reference = [&](QLineSeries* series, const std::optional<double>& value) {
    if (value) {
      drawn += setPoints(series, {{0.0, *value}, {end_s, *value}});
      top = std::max(top, *value);
    } else {
      series->clear();
    }
  };
  reference(predicted_, snapshot.predictedTokensPerSecond);
  reference(ideal_, snapshot.idealTokensPerSecond);
  finishRefresh();
  fitAxis(x_, 0.0, end_s, Fit::ExactSpan);
  fitAxis(y_, 0.0, top * 1.1);

  QString title = tr("Throughput");
  if (snapshot.tokensPerSecond) title += tr(" · %1").arg(visual_style::formatRate(*snapshot.tokensPerSecond));
  if (snapshot.efficiency) {
    title += tr(" · efficiency %1% of ideal").arg(QLocale().toString(*snapshot.efficiency * 100.0, 'f', 1));
  }
  chart()->setTitle(title);
  return drawn;
}
