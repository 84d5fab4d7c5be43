#include "monitor/WanChart.h"

#include <QChart>
#include <QGraphicsSimpleTextItem>
#include <QLineSeries>
#include <QLocale>
#include <QPen>
#include <QValueAxis>

#include <algorithm>

#include "app/VisualStyle.h"

namespace {
// Links have no colour of their own in the palette: spread hues that stay apart from the
// datacenters' Tableau colours by being darker.
QColor linkColor(int index) { return QColor::fromHsv((index * 67 + 200) % 360, 200, 150); }
}  // namespace

WanChart::WanChart(QWidget* parent) : MonitorChartView(parent) {
  setObjectName("monitorWanChart");
  x_ = new QValueAxis(this);
  x_->setTitleText(tr("wall time since start (s)"));
  x_->setLabelFormat("%.0f");
  y_ = new QValueAxis(this);
  y_->setTitleText(tr("throughput (Mbit/s)"));
  y_->setLabelFormat("%.0f");
  chart()->addAxis(x_, Qt::AlignBottom);
  chart()->addAxis(y_, Qt::AlignLeft);
  chart()->setTitle(tr("WAN links — measured, and bandwidth dashed"));
  empty_ = new QGraphicsSimpleTextItem(chart());
  empty_->setZValue(20);
  empty_->setBrush(palette().color(QPalette::Disabled, QPalette::Text));
  setXFormatter([](double x) { return tr("%1 s since start").arg(QLocale().toString(x, 'f', 1)); });
}

bool WanChart::showsNoSamplesNote() const { return empty_->isVisible() && !empty_->text().isEmpty(); }

void WanChart::rebuild(const MonitorSnapshot& snapshot) {
  chart()->removeAllSeries();
  forgetSeries();
  measured_.clear();
  bandwidth_.clear();
  linkKeys_.clear();
  int index = 0;
  for (const MonitorLink& link : snapshot.links) {
    const QColor color = linkColor(index++);
    auto* measured = new QLineSeries(this);
    measured->setName(tr("%1 ↔ %2").arg(link.a, link.b));
    measured->setPen(QPen(color, 2.0));
    measured->setPointsVisible(true);
    auto* bandwidth = new QLineSeries(this);
    bandwidth->setName(tr("%1 ↔ %2 bandwidth").arg(link.a, link.b));
    bandwidth->setPen(QPen(color, 1.0, Qt::DashLine));
    for (QLineSeries* s : {measured, bandwidth}) {
      chart()->addSeries(s);
      s->attachAxis(x_);
      s->attachAxis(y_);
    }
    addCompanion(measured, bandwidth);
    measured_.append(measured);
    bandwidth_.append(bandwidth);
    linkKeys_.append(LiveRunState::linkKey(link.a, link.b));
  }
  connectLegendMarkers();
}

int WanChart::refresh(const MonitorSnapshot& snapshot) {
  QStringList keys;
  for (const MonitorLink& link : snapshot.links) keys.append(LiveRunState::linkKey(link.a, link.b));
  if (keys != linkKeys_) rebuild(snapshot);

  beginRefresh();
  int drawn = 0;
  bool anySample = false;
  double top = 1.0;
  const double end_s = std::max(snapshot.span_s, 1.0);
  for (qsizetype i = 0; i < snapshot.links.size(); ++i) {
    const MonitorLink& link = snapshot.links[i];
    anySample = anySample || !link.mbitPerSecond.isEmpty();
    drawn += setPoints(measured_[i], link.mbitPerSecond);
    for (const QPointF& p : link.mbitPerSecond) top = std::max(top, p.y());
    if (link.bandwidthMbit > 0.0) {
      drawn += setPoints(bandwidth_[i], {{0.0, link.bandwidthMbit}, {end_s, link.bandwidthMbit}});
      top = std::max(top, link.bandwidthMbit);
    } else {
      bandwidth_[i]->clear();
    }
  }
  finishRefresh();
  fitAxis(x_, 0.0, end_s, Fit::ExactSpan);
  fitAxis(y_, 0.0, top * 1.1);
  empty_->setText(anySample ? QString() : tr("no link samples stored"));
  const QRectF plot = chart()->plotArea();
  empty_->setPos(plot.center() - empty_->boundingRect().center());
  return drawn;
}
