#include "monitor/MonitorChartView.h"

#include <QAbstractSeries>
#include <QAreaSeries>
#include <QChart>
#include <QGraphicsSimpleTextItem>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QToolTip>
#include <QValueAxis>
#include <QXYSeries>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/SeriesDownsampler.h"

MonitorChartView::MonitorChartView(QWidget* parent) : QChartView(new QChart, parent) {
  setRenderHint(QPainter::Antialiasing);
  setRubberBand(QChartView::RectangleRubberBand);
  setMouseTracking(true);
  chart()->setMargins(QMargins(4, 4, 4, 4));
  chart()->setBackgroundRoundness(0);
  chart()->legend()->setAlignment(Qt::AlignBottom);
  note_ = new QGraphicsSimpleTextItem(chart());
  note_->setZValue(20);
  note_->setBrush(palette().color(QPalette::Disabled, QPalette::Text));
  formatX_ = [](double x) { return QLocale().toString(x, 'f', 1); };
}

void MonitorChartView::resetZoom() {
  zoomed_ = false;
  chart()->zoomReset();
}

void MonitorChartView::beginRefresh() {
  shown_ = 0;
  stored_ = 0;
}

int MonitorChartView::setPoints(QXYSeries* series, const QList<QPointF>& points) {
  stored_ += points.size();
  if (points.size() <= 5 * kDrawBuckets) {
    series->replace(points);
    shown_ += points.size();
    return static_cast<int>(points.size());
  }
  std::vector<archi::SeriesPoint> all;
  all.reserve(static_cast<std::size_t>(points.size()));
  for (const QPointF& p : points) all.push_back({p.x(), p.y()});
  const std::vector<archi::SeriesPoint> kept = archi::downsampleMinMax(all, kDrawBuckets);
  QList<QPointF> drawn;
  drawn.reserve(static_cast<qsizetype>(kept.size()));
  for (const archi::SeriesPoint& p : kept) drawn.append({p.x, p.y});
  series->replace(drawn);
  shown_ += drawn.size();
  return static_cast<int>(drawn.size());
}

void MonitorChartView::finishRefresh() {
  if (shown_ < stored_) {
    const QLocale locale;
    note_->setText(tr("thinned: %1 of %2 points").arg(locale.toString(shown_), locale.toString(stored_)));
  } else {
    note_->setText(QString());
  }
  placeNote();
}

QString MonitorChartView::thinnedNote() const { return note_->text(); }

void MonitorChartView::fitAxis(QValueAxis* axis, double min, double max, Fit fit) {
  if (zoomed_) return;
  if (!std::isfinite(min) || !std::isfinite(max)) return;
  if (max <= min) max = min + 1.0;
  // The range changes under fixed ticks: a range of 60,000 tokens under the interval of a
  // 10-step range would make tens of thousands of tick items.
  if (fit == Fit::RoundNumbers) {
    axis->setTickType(QValueAxis::TicksFixed);
    axis->setRange(min, max);
    axis->applyNiceNumbers();  // ticks at 0, 50, 100 rather than 0, 26, 51
    return;
  }
  // About five ticks at 1, 2 or 5 times a power of ten, from 0.
  const double rough = (max - min) / 5.0;
  const double power = std::pow(10.0, std::floor(std::log10(rough)));
  const double step = rough / power < 1.5 ? power : rough / power < 3.5 ? 2 * power : rough / power < 7.5 ? 5 * power : 10 * power;
  axis->setTickType(QValueAxis::TicksFixed);
  axis->setRange(min, max);
  axis->setTickAnchor(0.0);
  axis->setTickInterval(step);
  axis->setTickType(QValueAxis::TicksDynamic);
}

void MonitorChartView::connectLegendMarkers() {
  for (QLegendMarker* marker : chart()->legend()->markers()) {
    if (marker->property("monitorConnected").toBool()) continue;
    marker->setProperty("monitorConnected", true);
    connect(marker, &QLegendMarker::clicked, this, [this, marker] {
      QAbstractSeries* series = marker->series();
      series->setVisible(!series->isVisible());
      for (QAbstractSeries* follower : companions_.value(series)) follower->setVisible(series->isVisible());
      marker->setVisible(true);  // the marker stays, dimmed, so the series can be shown again
      QColor label = marker->labelBrush().color();
      label.setAlphaF(series->isVisible() ? 1.0 : 0.4);
      marker->setLabelBrush(label);
    });
  }
}

void MonitorChartView::addCompanion(QAbstractSeries* leader, QAbstractSeries* follower) {
  companions_[leader].append(follower);
  for (QLegendMarker* marker : chart()->legend()->markers(follower)) marker->setVisible(false);
}

void MonitorChartView::forgetSeries() {
  companions_.clear();
  hoverExcluded_.clear();
}

void MonitorChartView::mousePressEvent(QMouseEvent* event) {
  if (event->button() == Qt::RightButton) {
    resetZoom();
    event->accept();
    return;
  }
  QChartView::mousePressEvent(event);
}

void MonitorChartView::mouseReleaseEvent(QMouseEvent* event) {
  if (event->button() == Qt::RightButton) {
    event->accept();
    return;
  }
  // A rubber band that zoomed changed the axes' ranges; a plain click did not.
  QList<QPair<double, double>> before;
  const QList<QAbstractAxis*> axes = chart()->axes();
  for (QAbstractAxis* axis : axes) {
    if (auto* value = qobject_cast<QValueAxis*>(axis)) before.append({value->min(), value->max()});
  }
  QChartView::mouseReleaseEvent(event);
  qsizetype i = 0;
  for (QAbstractAxis* axis : axes) {
    auto* value = qobject_cast<QValueAxis*>(axis);
    if (!value) continue;
    if (before[i].first != value->min() || before[i].second != value->max()) zoomed_ = true;
    ++i;
  }
}

void MonitorChartView::mouseDoubleClickEvent(QMouseEvent* event) {
  resetZoom();
  event->accept();
}

void MonitorChartView::mouseMoveEvent(QMouseEvent* event) {
  QChartView::mouseMoveEvent(event);
  if (event->buttons() != Qt::NoButton) return;
  const QPointF inScene = mapToScene(event->position().toPoint());
  const QPointF inChart = chart()->mapFromScene(inScene);
  if (!chart()->plotArea().contains(inChart)) {
    QToolTip::hideText();
    return;
  }
  QStringList lines;
  double shownX = 0.0;
  bool any = false;
  // The point of `series` nearest to x (series are ordered by x).
  auto nearest = [](const QXYSeries* series, double x) {
    const QList<QPointF> points = series->points();
    const auto after = std::lower_bound(points.begin(), points.end(), x, [](const QPointF& p, double v) { return p.x() < v; });
    auto found = after;
    if (after == points.end() || (after != points.begin() && x - std::prev(after)->x() < after->x() - x)) found = std::prev(after);
    return *found;
  };
  for (QAbstractSeries* abstract : chart()->series()) {
    if (!abstract->isVisible()) continue;
    const double x = chart()->mapToValue(inChart, abstract).x();
    QPointF point;
    if (auto* area = qobject_cast<QAreaSeries*>(abstract)) {
      // A stacked band: its own share is the distance between its edges.
      if (area->upperSeries()->count() == 0) continue;
      point = nearest(area->upperSeries(), x);
      if (area->lowerSeries() && area->lowerSeries()->count() > 0) point.ry() -= nearest(area->lowerSeries(), x).y();
    } else if (auto* series = qobject_cast<QXYSeries*>(abstract)) {
      if (series->count() == 0 || hoverExcluded_.contains(series)) continue;
      point = nearest(series, x);
    } else {
      continue;
    }
    if (!any) shownX = point.x();
    any = true;
    lines << QStringLiteral("%1: %2").arg(abstract->name(), QLocale().toString(point.y(), 'g', 6));
  }
  if (!any) return;
  lines.prepend(formatX_(shownX));
  QToolTip::showText(event->globalPosition().toPoint(), lines.join(QLatin1Char('\n')), this);
}

void MonitorChartView::resizeEvent(QResizeEvent* event) {
  QChartView::resizeEvent(event);
  placeNote();
}

void MonitorChartView::placeNote() {
  const QRectF plot = chart()->plotArea();
  note_->setPos(plot.right() - note_->boundingRect().width() - 4, plot.top() + 2);
}
