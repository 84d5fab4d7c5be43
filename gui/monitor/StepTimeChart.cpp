#include "monitor/StepTimeChart.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QLegend>
#include <QLocale>
#include <QStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>

#include "app/VisualStyle.h"
#include "bridge/MonitorFold.h"

StepTimeChart::StepTimeChart(QWidget* parent) : QChartView(new QChart, parent) {
  setObjectName("monitorStepTimeChart");
  setRenderHint(QPainter::Antialiasing);
  chart()->setMargins(QMargins(4, 4, 4, 4));
  chart()->setBackgroundRoundness(0);
  chart()->setTitle(tr("Step time per datacenter (mean of the latest %1 steps)").arg(MonitorFold::kRecentSteps));
  chart()->legend()->setAlignment(Qt::AlignBottom);
  series_ = new QStackedBarSeries(this);
  auto set = [this](const QString& name, const QColor& color) {
    auto* s = new QBarSet(name, this);
    s->setColor(color);
    s->setBorderColor(color.darker(120));
    series_->append(s);
    return s;
  };
  compute_ = set(tr("compute"), visual_style::busyColor());
  intra_ = set(tr("intra-DC all-reduce"), QColor(0x9e, 0xc5, 0xe8));
  wan_ = set(tr("WAN"), visual_style::warningColor());
  idle_ = set(tr("idle"), visual_style::unknownColor());
  chart()->addSeries(series_);
  categories_ = new QBarCategoryAxis(this);
  y_ = new QValueAxis(this);
  y_->setTitleText(tr("time per step (ms)"));
  y_->setLabelFormat("%.0f");
  chart()->addAxis(categories_, Qt::AlignBottom);
  chart()->addAxis(y_, Qt::AlignLeft);
  series_->attachAxis(categories_);
  series_->attachAxis(y_);
  connect(series_, &QStackedBarSeries::hovered, this, [this](bool on, int index, QBarSet* set) {
    if (!on) {
      QToolTip::hideText();
      return;
    }
    const QString dc = index < names_.size() ? names_[index] : QString();
    QToolTip::showText(QCursor::pos(), tr("%1 · %2: %3 ms per step").arg(dc, set->label(), QLocale().toString(set->at(index), 'f', 1)), this);
  });
}

int StepTimeChart::refresh(const MonitorSnapshot& snapshot) {
  QStringList names;
  for (const MonitorDatacenter& dc : snapshot.datacenters) names.append(dc.name);
  if (names != names_) {
    names_ = names;
    categories_->clear();
    categories_->append(names);
  }
  double top = 1.0;
  auto fill = [](QBarSet* set, const QList<qreal>& values) {
    if (set->count() != values.size()) {
      set->remove(0, set->count());
      set->append(values);
      return;
    }
    for (qsizetype i = 0; i < values.size(); ++i) {
      if (set->at(i) != values[i]) set->replace(i, values[i]);
    }
  };
  QList<qreal> compute, intra, wan, idle;
  for (const MonitorDatacenter& dc : snapshot.datacenters) {
    compute.append(dc.compute_ms);
    intra.append(dc.intra_ms);
    wan.append(dc.inter_ms);
    idle.append(dc.idle_ms);
    top = std::max(top, dc.compute_ms + dc.intra_ms + dc.inter_ms + dc.idle_ms);
  }
  fill(compute_, compute);
  fill(intra_, intra);
  fill(wan_, wan);
  fill(idle_, idle);
  y_->setRange(0.0, top * 1.1);
  y_->applyNiceNumbers();
  return static_cast<int>(4 * snapshot.datacenters.size());
}
