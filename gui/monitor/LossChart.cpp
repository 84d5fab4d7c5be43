#include "monitor/LossChart.h"

#include <QChart>
#include <QLineSeries>
#include <QLocale>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

#include "app/VisualStyle.h"

LossChart::LossChart(QWidget* parent) : MonitorChartView(parent) {
  setObjectName("monitorLossChart");
  x_ = new QValueAxis(this);
  x_->setLabelFormat("%.0f");
  y_ = new QValueAxis(this);
  y_->setTitleText(tr("loss (nats per token)"));
  y_->setLabelFormat("%.2f");
  chart()->addAxis(x_, Qt::AlignBottom);
  chart()->addAxis(y_, Qt::AlignLeft);
  chart()->setTitle(tr("Loss — smoothed (raw faint), validation as squares"));
  setXAxis(XAxis::Step);
}

void LossChart::setXAxis(XAxis axis) {
  if (axis != axis_) resetZoom();  // a zoom on steps means nothing on tokens
  axis_ = axis;
  switch (axis) {
    case XAxis::Step:
      x_->setTitleText(tr("step"));
      setXFormatter([](double x) { return tr("step %1").arg(QLocale().toString(x, 'f', 0)); });
      break;
    case XAxis::Tokens:
      x_->setTitleText(tr("tokens (whole run)"));
      setXFormatter([](double x) { return tr("%1 tokens").arg(QLocale().toString(x, 'f', 0)); });
      break;
    case XAxis::WallTime:
      x_->setTitleText(tr("wall time since start (s)"));
      setXFormatter([](double x) { return tr("%1 s since start").arg(QLocale().toString(x, 'f', 1)); });
      break;
  }
}

double LossChart::xOf(const MonitorPoint& p) const {
  switch (axis_) {
    case XAxis::Tokens: return p.tokens;
    case XAxis::WallTime: return p.wall_s;
    case XAxis::Step: break;
  }
  return p.step;
}

double LossChart::xOf(const MonitorRoundMark& m) const {
  switch (axis_) {
    case XAxis::Tokens: return m.tokens;
    case XAxis::WallTime: return m.wall_s;
    case XAxis::Step: break;
  }
  return m.step;
}

QList<QPointF> LossChart::smooth(const QList<QPointF>& points, double weight) {
  QList<QPointF> out;
  out.reserve(points.size());
  double ema = 0.0;
  double debias = 1.0;  // weight^n
  for (const QPointF& p : points) {
    if (!std::isfinite(p.y())) {
      out.append(p);  // a NaN must show, not vanish into the average
      continue;
    }
    ema = weight * ema + (1.0 - weight) * p.y();
    debias *= weight;
    out.append({p.x(), debias < 1.0 ? ema / (1.0 - debias) : p.y()});
  }
  return out;
}

void LossChart::rebuild(const MonitorSnapshot& snapshot) {
  chart()->removeAllSeries();
  forgetSeries();
  series_.clear();
  datacenterIds_.clear();
  auto attach = [this](QXYSeries* series) {
    chart()->addSeries(series);
    series->attachAxis(x_);
    series->attachAxis(y_);
  };
  for (const MonitorDatacenter& dc : snapshot.datacenters) {
    const QColor color = visual_style::datacenterColor(dc.colorIndex);
    DatacenterSeries s;
    s.raw = new QLineSeries(this);
    s.raw->setName(tr("%1 raw").arg(dc.name));
    QColor faint = color;
    faint.setAlpha(70);
    s.raw->setPen(QPen(faint, 1.0));
    attach(s.raw);
    s.smoothed = new QLineSeries(this);
    s.smoothed->setName(dc.name);
    s.smoothed->setPen(QPen(color, 2.0));
    attach(s.smoothed);
    s.validation = new QScatterSeries(this);
    s.validation->setName(tr("%1 validation").arg(dc.name));
    s.validation->setColor(color.darker(130));
    s.validation->setBorderColor(palette().color(QPalette::Base));
    s.validation->setMarkerSize(9.0);
    s.validation->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    attach(s.validation);
    series_.append(s);
    datacenterIds_.append(dc.id);
  }
  rounds_ = new QLineSeries(this);
  rounds_->setName(tr("outer rounds"));
  QColor mark = palette().color(QPalette::Disabled, QPalette::Text);
  rounds_->setPen(QPen(mark, 1.0, Qt::DashLine));
  attach(rounds_);
  excludeFromHover(rounds_);
  // One legend entry per datacenter: its raw curve and validation points go with it.
  for (const DatacenterSeries& s : series_) {
    addCompanion(s.smoothed, s.raw);
    addCompanion(s.smoothed, s.validation);
  }
  connectLegendMarkers();
}

int LossChart::refresh(const MonitorSnapshot& snapshot) {
  QStringList ids;
  for (const MonitorDatacenter& dc : snapshot.datacenters) ids.append(dc.id);
  if (ids != datacenterIds_ || !rounds_) rebuild(snapshot);

  beginRefresh();
  int drawn = 0;
  double minX = std::numeric_limits<double>::infinity(), maxX = -minX;
  double minY = minX, maxY = -minX;
  auto extend = [&](const QList<QPointF>& points) {
    for (const QPointF& p : points) {
      if (!std::isfinite(p.y())) continue;
      minX = std::min(minX, p.x());
      maxX = std::max(maxX, p.x());
      minY = std::min(minY, p.y());
      maxY = std::max(maxY, p.y());
    }
  };
  for (qsizetype i = 0; i < snapshot.datacenters.size(); ++i) {
    const MonitorDatacenter& dc = snapshot.datacenters[i];
    QList<QPointF> raw;
    raw.reserve(dc.trainingLoss.size());
    for (const MonitorPoint& p : dc.trainingLoss) raw.append({xOf(p), p.value});
    // Steps are ordered; tokens and wall time follow them, but keep the series ordered by x.
    std::stable_sort(raw.begin(), raw.end(), [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); });
    QList<QPointF> validation;
    for (const MonitorPoint& p : dc.validationLoss) validation.append({xOf(p), p.value});
    std::stable_sort(validation.begin(), validation.end(), [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); });
    extend(raw);
    extend(validation);
    drawn += setPoints(series_[i].raw, raw);
    drawn += setPoints(series_[i].smoothed, smooth(raw, weight_));
    drawn += setPoints(series_[i].validation, validation);
  }
  if (std::isfinite(minX)) {
    fitAxis(x_, minX, maxX, Fit::ExactSpan);
    const double pad = (maxY - minY) * 0.05;
    fitAxis(y_, minY - pad, maxY + pad);
  }
  // Each round is a vertical mark from the bottom of the plot to the top; the marks are one
  // series joined along the bottom edge, so that forty rounds are not forty legend entries.
  const double low = y_->min();
  const double high = y_->max();
  QList<QPointF> marks;
  for (const MonitorRoundMark& m : snapshot.roundMarks) {
    const double x = xOf(m);
    marks << QPointF(x, low) << QPointF(x, high) << QPointF(x, low);
  }
  drawn += setPoints(rounds_, marks);
  finishRefresh();
  return drawn;
}
