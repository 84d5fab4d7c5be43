#include "monitor/RoundGantt.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

#include "app/VisualStyle.h"

namespace {
constexpr int kLabelWidth = 110;
constexpr int kTitleHeight = 22;
constexpr int kLegendHeight = 20;
constexpr int kAxisHeight = 16;
}  // namespace

RoundGantt::RoundGantt(QWidget* parent) : QWidget(parent) {
  setObjectName("monitorRoundGantt");
  setMouseTracking(true);
  setMinimumHeight(140);
}

void RoundGantt::setSnapshot(const MonitorSnapshotPtr& snapshot) {
  snapshot_ = snapshot;
  update();
}

QColor RoundGantt::colorOf(MonitorGanttSegment::Kind kind, const QColor& datacenter) {
  switch (kind) {
    case MonitorGanttSegment::Kind::InnerSteps: return datacenter;
    case MonitorGanttSegment::Kind::AllReduce: return visual_style::busyColor().darker(130);
    case MonitorGanttSegment::Kind::Waiting: return visual_style::warningColor();
    case MonitorGanttSegment::Kind::LeftOut: return visual_style::unknownColor();
    case MonitorGanttSegment::Kind::Fault: return visual_style::errorColor();
  }
  return datacenter;
}

QRect RoundGantt::plotRect() const {
  return QRect(kLabelWidth, kTitleHeight, std::max(10, width() - kLabelWidth - 8),
               std::max(10, height() - kTitleHeight - kLegendHeight - kAxisHeight));
}

QString RoundGantt::describe(const MonitorGanttSegment& s) const {
  const QLocale locale;
  const QString span = tr("%1–%2 s").arg(locale.toString(s.start_s, 'f', 1), locale.toString(s.end_s, 'f', 1));
  switch (s.kind) {
    case MonitorGanttSegment::Kind::InnerSteps: return tr("round %1: inner steps, %2").arg(s.round).arg(span);
    case MonitorGanttSegment::Kind::AllReduce: return tr("round %1: WAN all-reduce, %2").arg(s.round).arg(span);
    case MonitorGanttSegment::Kind::Waiting: return tr("round %1: waiting for the other datacenters, %2").arg(s.round).arg(span);
    case MonitorGanttSegment::Kind::LeftOut: return tr("round %1: left out of the group, %2").arg(s.round).arg(span);
    case MonitorGanttSegment::Kind::Fault: return tr("fault at %1 s: %2").arg(locale.toString(s.start_s, 'f', 1), s.note);
  }
  return span;
}

void RoundGantt::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), palette().color(QPalette::Base));
  QFont bold = font();
  bold.setBold(true);
  painter.setFont(bold);
  painter.setPen(palette().color(QPalette::WindowText));
  painter.drawText(QRect(4, 0, width() - 8, kTitleHeight), Qt::AlignVCenter | Qt::AlignLeft, tr("Outer rounds per datacenter"));
  painter.setFont(font());

  // Legend along the bottom.
  struct Entry {
    MonitorGanttSegment::Kind kind;
    QString label;
  };
  const Entry entries[] = {{MonitorGanttSegment::Kind::InnerSteps, tr("inner steps")},
                           {MonitorGanttSegment::Kind::Waiting, tr("waiting")},
                           {MonitorGanttSegment::Kind::AllReduce, tr("WAN all-reduce")},
                           {MonitorGanttSegment::Kind::LeftOut, tr("left out")},
                           {MonitorGanttSegment::Kind::Fault, tr("fault")}};
  int x = kLabelWidth;
  const int legendY = height() - kLegendHeight + 4;
  for (const Entry& e : entries) {
    painter.fillRect(x, legendY + 2, 12, 10, colorOf(e.kind, visual_style::datacenterColor(0)));
    if (e.kind == MonitorGanttSegment::Kind::LeftOut) painter.fillRect(x, legendY + 2, 12, 10, QBrush(palette().color(QPalette::Base), Qt::BDiagPattern));
    painter.setPen(palette().color(QPalette::WindowText));
    const int w = painter.fontMetrics().horizontalAdvance(e.label);
    painter.drawText(x + 16, legendY, w + 4, 14, Qt::AlignVCenter | Qt::AlignLeft, e.label);
    x += 16 + w + 14;
  }

  if (!snapshot_ || snapshot_->datacenters.isEmpty()) return;
  const QRect plot = plotRect();
  const double span_s = std::max(snapshot_->span_s, 1.0);
  const int rows = static_cast<int>(snapshot_->datacenters.size());
  const double rowHeight = plot.height() / double(rows);
  auto xOf = [&](double t_s) { return plot.left() + (t_s / span_s) * plot.width(); };

  for (int r = 0; r < rows; ++r) {
    const MonitorDatacenter& dc = snapshot_->datacenters[r];
    const double y0 = plot.top() + r * rowHeight + rowHeight * 0.15;
    const double h = rowHeight * 0.7;
    painter.setPen(palette().color(QPalette::WindowText));
    painter.fillRect(QRectF(kLabelWidth - 8, y0, 4, h), visual_style::datacenterColor(dc.colorIndex));
    painter.drawText(QRectF(2, y0, kLabelWidth - 14, h), Qt::AlignVCenter | Qt::AlignRight, dc.name);
  }
  if (snapshot_->gantt.isEmpty()) {
    painter.setPen(palette().color(QPalette::Disabled, QPalette::Text));
    painter.drawText(plot, Qt::AlignCenter, tr("no outer round stored yet"));
  }
  for (const MonitorGanttSegment& s : snapshot_->gantt) {
    const double y0 = plot.top() + s.datacenter * rowHeight + rowHeight * 0.15;
    const double h = rowHeight * 0.7;
    const QColor dcColor = visual_style::datacenterColor(snapshot_->datacenters[s.datacenter].colorIndex);
    if (s.kind == MonitorGanttSegment::Kind::Fault) {
      const double fx = xOf(s.start_s);
      painter.setPen(QPen(colorOf(s.kind, dcColor), 2.0));
      painter.drawLine(QPointF(fx, y0 - 2), QPointF(fx, y0 + h + 2));
      painter.setBrush(colorOf(s.kind, dcColor));
      painter.drawEllipse(QPointF(fx, y0 - 2), 3.0, 3.0);
      painter.setBrush(Qt::NoBrush);
      continue;
    }
    const QRectF bar(xOf(s.start_s), y0, std::max(1.0, xOf(s.end_s) - xOf(s.start_s)), h);
    painter.fillRect(bar, colorOf(s.kind, dcColor));
    if (s.kind == MonitorGanttSegment::Kind::LeftOut) {
      painter.fillRect(bar, QBrush(palette().color(QPalette::Base), Qt::BDiagPattern));
      painter.setPen(palette().color(QPalette::WindowText));
      if (bar.width() > 60) painter.drawText(bar, Qt::AlignCenter, tr("left out"));
    }
  }
  painter.setPen(palette().color(QPalette::Disabled, QPalette::Text));
  const QRect axis(plot.left(), plot.bottom() + 1, plot.width(), kAxisHeight);
  painter.drawText(axis, Qt::AlignLeft | Qt::AlignVCenter, tr("0 s"));
  painter.drawText(axis, Qt::AlignHCenter | Qt::AlignVCenter, tr("wall time since start (s)"));
  painter.drawText(axis, Qt::AlignRight | Qt::AlignVCenter, tr("%1 s").arg(QLocale().toString(span_s, 'f', 0)));
}

bool RoundGantt::event(QEvent* event) {
  if (event->type() != QEvent::ToolTip) return QWidget::event(event);
  auto* help = static_cast<QHelpEvent*>(event);
  const QRect plot = plotRect();
  if (!snapshot_ || snapshot_->datacenters.isEmpty() || !plot.contains(help->pos())) {
    QToolTip::hideText();
    return true;
  }
  const double span_s = std::max(snapshot_->span_s, 1.0);
  const int row = std::clamp(static_cast<int>((help->pos().y() - plot.top()) * snapshot_->datacenters.size() / plot.height()), 0,
                             static_cast<int>(snapshot_->datacenters.size()) - 1);
  const double t_s = (help->pos().x() - plot.left()) * span_s / plot.width();
  const double slack_s = 3.0 * span_s / plot.width();  // fault marks are thin: a few pixels either side
  QStringList lines{snapshot_->datacenters[row].name};
  for (const MonitorGanttSegment& s : snapshot_->gantt) {
    if (s.datacenter != row) continue;
    const bool hit = s.kind == MonitorGanttSegment::Kind::Fault ? std::abs(s.start_s - t_s) <= slack_s : s.start_s <= t_s && t_s <= s.end_s;
    if (hit) lines << describe(s);
  }
  QToolTip::showText(help->globalPos(), lines.join(QLatin1Char('\n')), this);
  return true;
}
