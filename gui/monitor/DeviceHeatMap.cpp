#include "monitor/DeviceHeatMap.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

#include "app/VisualStyle.h"

namespace {
constexpr int kLabelWidth = 150;
constexpr int kTitleHeight = 22;
constexpr int kAxisHeight = 18;
}  // namespace

DeviceHeatMap::DeviceHeatMap(QWidget* parent) : QWidget(parent) {
  setObjectName("monitorDeviceHeatMap");
  setMouseTracking(true);
  setMinimumHeight(160);
}

void DeviceHeatMap::setSnapshot(const MonitorSnapshotPtr& snapshot) {
  snapshot_ = snapshot;
  update();
}

QColor DeviceHeatMap::colorOf(double utilisation) {
  const double u = std::clamp(utilisation, 0.0, 1.0);
  // From a pale blue (waiting) to a deep blue (computing all the time).
  const QColor low(0xe8, 0xf1, 0xfa);
  const QColor high(0x08, 0x30, 0x6b);
  return QColor::fromRgbF(static_cast<float>(low.redF() + (high.redF() - low.redF()) * u),
                          static_cast<float>(low.greenF() + (high.greenF() - low.greenF()) * u),
                          static_cast<float>(low.blueF() + (high.blueF() - low.blueF()) * u));
}

QRect DeviceHeatMap::gridRect() const {
  return QRect(kLabelWidth, kTitleHeight, std::max(10, width() - kLabelWidth - 8), std::max(10, height() - kTitleHeight - kAxisHeight));
}

void DeviceHeatMap::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), palette().color(QPalette::Base));
  painter.setPen(palette().color(QPalette::WindowText));
  QFont bold = font();
  bold.setBold(true);
  painter.setFont(bold);
  painter.drawText(QRect(4, 0, width() - 8, kTitleHeight), Qt::AlignVCenter | Qt::AlignLeft,
                   tr("Device utilisation (compute / step time)"));
  painter.setFont(font());
  // The scale, right-aligned in the title row.
  const QRect scale(width() - 168, 6, 100, 10);
  for (int i = 0; i < scale.width(); ++i) painter.fillRect(scale.x() + i, scale.y(), 1, scale.height(), colorOf(i / double(scale.width() - 1)));
  painter.drawText(QRect(scale.x() - 30, 0, 28, kTitleHeight), Qt::AlignVCenter | Qt::AlignRight, QStringLiteral("0%"));
  painter.drawText(QRect(scale.right() + 4, 0, 40, kTitleHeight), Qt::AlignVCenter | Qt::AlignLeft, QStringLiteral("100%"));

  if (!snapshot_ || snapshot_->heat.workers.isEmpty() || snapshot_->heat.buckets == 0) {
    painter.setPen(palette().color(QPalette::Disabled, QPalette::Text));
    painter.drawText(rect(), Qt::AlignCenter, tr("no step metrics stored yet"));
    return;
  }
  const MonitorHeatMap& heat = snapshot_->heat;
  const QRect grid = gridRect();
  const int rows = static_cast<int>(heat.workers.size());
  const double rowHeight = grid.height() / double(rows);
  const double columnWidth = grid.width() / double(heat.buckets);
  for (int r = 0; r < rows; ++r) {
    const int y0 = grid.top() + static_cast<int>(std::floor(r * rowHeight));
    const int y1 = grid.top() + static_cast<int>(std::floor((r + 1) * rowHeight));
    const int h = std::max(1, y1 - y0 - (rowHeight >= 6 ? 1 : 0));
    double sum = 0.0;
    int cells = 0;
    for (int b = 0; b < heat.buckets; ++b) {
      const float u = heat.utilisation[r * heat.buckets + b];
      if (u < 0.0f) continue;
      sum += u;
      ++cells;
      const int x0 = grid.left() + static_cast<int>(std::floor(b * columnWidth));
      const int x1 = grid.left() + static_cast<int>(std::floor((b + 1) * columnWidth));
      painter.fillRect(x0, y0, std::max(1, x1 - x0), h, colorOf(u));
    }
    const int dc = heat.workerDatacenter[r];
    painter.fillRect(kLabelWidth - 6, y0, 4, h, visual_style::datacenterColor(dc));
    if (rowHeight >= 11) {
      painter.setPen(palette().color(QPalette::WindowText));
      const QString mean = cells > 0 ? QStringLiteral(" %1%").arg(QLocale().toString(100.0 * sum / cells, 'f', 0)) : QString();
      painter.drawText(QRect(2, y0, kLabelWidth - 10, h), Qt::AlignVCenter | Qt::AlignRight,
                       painter.fontMetrics().elidedText(heat.workers[r], Qt::ElideLeft, kLabelWidth - 50) + mean);
    }
  }
  // Time axis: start and end of the run.
  painter.setPen(palette().color(QPalette::Disabled, QPalette::Text));
  const QRect axis(grid.left(), grid.bottom() + 2, grid.width(), kAxisHeight - 2);
  painter.drawText(axis, Qt::AlignLeft | Qt::AlignVCenter, tr("0 s"));
  painter.drawText(axis, Qt::AlignHCenter | Qt::AlignVCenter, tr("wall time since start (s)"));
  painter.drawText(axis, Qt::AlignRight | Qt::AlignVCenter,
                   tr("%1 s").arg(QLocale().toString(heat.buckets * heat.bucket_s, 'f', 0)));
}

bool DeviceHeatMap::event(QEvent* event) {
  if (event->type() != QEvent::ToolTip) return QWidget::event(event);
  auto* help = static_cast<QHelpEvent*>(event);
  const QRect grid = gridRect();
  if (!snapshot_ || snapshot_->heat.workers.isEmpty() || !grid.contains(help->pos())) {
    QToolTip::hideText();
    return true;
  }
  const MonitorHeatMap& heat = snapshot_->heat;
  const int row = std::clamp(static_cast<int>((help->pos().y() - grid.top()) * heat.workers.size() / grid.height()), 0,
                             static_cast<int>(heat.workers.size()) - 1);
  const int column = std::clamp((help->pos().x() - grid.left()) * heat.buckets / grid.width(), 0, heat.buckets - 1);
  const float u = heat.utilisation[row * heat.buckets + column];
  const QString when = tr("%1–%2 s").arg(QLocale().toString(column * heat.bucket_s, 'f', 0),
                                         QLocale().toString((column + 1) * heat.bucket_s, 'f', 0));
  const QString value = u < 0.0f ? tr("no step") : tr("utilisation %1%").arg(QLocale().toString(100.0 * u, 'f', 1));
  QToolTip::showText(help->globalPos(), QStringLiteral("%1\n%2 · %3").arg(heat.workers[row], when, value), this);
  return true;
}
