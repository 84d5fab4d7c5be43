#include "plan/PlanView.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QFrame>
#include <QGridLayout>
#include <QHeaderView>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolTip>
#include <QTreeWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

#include "app/VisualStyle.h"
#include "bridge/PlanService.h"
#include "bridge/ProjectDocument.h"

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QString syncName(archi::SyncMode mode) {
  return mode == archi::SyncMode::DiLoCo ? QObject::tr("DiLoCo") : QObject::tr("ddp (every step over the WAN)");
}

QString compressionName(archi::Compression c) {
  switch (c) {
    case archi::Compression::Int8: return QObject::tr("int8 + error feedback");
    case archi::Compression::Bf16: return QObject::tr("bf16");
    case archi::Compression::Fp32: return QObject::tr("fp32 (uncompressed)");
  }
  return QString();
}

}  // namespace

PlanView::PlanView(ProjectDocument& document, PlanService& service, QWidget* parent)
    : QWidget(parent), document_(document), service_(service), stack_(new QStackedWidget), message_(new QLabel) {
  setObjectName("planView");
  message_->setObjectName("planMessage");
  message_->setAlignment(Qt::AlignCenter);
  message_->setWordWrap(true);
  QFont big = message_->font();
  big.setPointSizeF(big.pointSizeF() * 1.2);
  message_->setFont(big);

  auto* content = new QWidget;
  auto* figuresBox = new QFrame;
  figuresBox->setObjectName("planFigures");
  figuresBox->setFrameShape(QFrame::StyledPanel);
  figures_ = new QGridLayout(figuresBox);
  figures_->setHorizontalSpacing(28);

  chart_ = new QChartView;
  chart_->setObjectName("planChart");
  chart_->setRenderHint(QPainter::Antialiasing);
  chart_->setMinimumHeight(220);

  datacenters_ = new QTreeWidget;
  datacenters_->setObjectName("planDatacenters");
  datacenters_->setRootIsDecorated(false);
  datacenters_->setAlternatingRowColors(true);
  datacenters_->setHeaderLabels({tr("Datacenter"), tr("Devices"), tr("Sequences / step"), tr("Inner steps / round"),
                                 tr("Step time"), tr("Predicted"), tr("Standalone sum")});
  datacenters_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);

  warnings_ = new QTreeWidget;
  warnings_->setObjectName("planWarnings");
  warnings_->setRootIsDecorated(false);
  warnings_->setHeaderLabels({tr("Planner warnings"), tr("Where")});
  warnings_->setWordWrap(true);
  warnings_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  warnings_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  warnings_->header()->setStretchLastSection(false);
  auto activate = [this](QTreeWidgetItem* item) { emit warningActivated(item->data(0, Qt::UserRole).value<ItemKey>()); };
  connect(warnings_, &QTreeWidget::itemClicked, this, activate);
  connect(warnings_, &QTreeWidget::itemActivated, this, activate);

  // Figures, then the per-datacenter table at full width, then the chart beside the warnings.
  auto* lower = new QSplitter(Qt::Horizontal);
  lower->addWidget(chart_);
  lower->addWidget(warnings_);
  lower->setStretchFactor(0, 3);
  lower->setStretchFactor(1, 2);
  lower->setSizes({620, 400});
  chart_->setMinimumWidth(420);
  datacenters_->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
  datacenters_->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);

  auto* layout = new QVBoxLayout(content);
  dilation_ = new QLabel;
  dilation_->setObjectName(QStringLiteral("planDilation"));
  dilation_->setWordWrap(true);
  dilation_->hide();
  layout->addWidget(dilation_);
  layout->addWidget(figuresBox);
  layout->addWidget(datacenters_);
  layout->addWidget(lower, 1);
  auto* note = new QLabel(tr("Speeds are catalog priors until devices are measured; emulated devices are paced to their catalog ratios."));
  note->setEnabled(false);
  note->setWordWrap(true);
  layout->addWidget(note);

  stack_->addWidget(message_);
  stack_->addWidget(content);
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  outer->addWidget(stack_);

  connect(&service_, &PlanService::planChanged, this, &PlanView::refresh);
  refresh();
}

QString PlanView::figure(const QString& name) const {
  auto* label = findChild<QLabel*>(QStringLiteral("planFigure_") + name);
  return label ? label->text() : QString();
}

void PlanView::setFigure(const QString& name, const QString& value, const QString& detail) {
  auto* label = findChild<QLabel*>(QStringLiteral("planFigure_") + name);
  auto* detailLabel = findChild<QLabel*>(QStringLiteral("planDetail_") + name);
  if (!label) return;
  label->setText(value);
  detailLabel->setText(detail);
}

void PlanView::refresh() {
  const auto plan = service_.plan();
  if (!plan) {
    message_->setText(service_.state() == PlanService::State::Planning ? tr("Planning…") : service_.reason());
    stack_->setCurrentIndex(0);
    return;
  }
  // Build the figure grid once: title over value over detail, six columns.
  if (figures_->count() == 0) {
    const QList<QPair<QString, QString>> names = {{"throughput", tr("Predicted throughput")},
                                                  {"sync", tr("Synchronisation")},
                                                  {"inner", tr("Inner steps per round")},
                                                  {"round", tr("Round")},
                                                  {"wan", tr("WAN per round")},
                                                  {"outer", tr("Outer optimiser")}};
    for (int i = 0; i < names.size(); ++i) {
      auto* title = new QLabel(names[i].second);
      title->setEnabled(false);
      auto* value = new QLabel;
      value->setObjectName(QStringLiteral("planFigure_") + names[i].first);
      QFont f = value->font();
      f.setPointSizeF(f.pointSizeF() * 1.35);
      f.setBold(true);
      value->setFont(f);
      auto* detail = new QLabel;
      detail->setObjectName(QStringLiteral("planDetail_") + names[i].first);
      detail->setWordWrap(true);
      figures_->addWidget(title, 0, i);
      figures_->addWidget(value, 1, i);
      figures_->addWidget(detail, 2, i, Qt::AlignTop);
      figures_->setColumnStretch(i, 1);
    }
  }
  const QLocale locale;
  const archi::Plan& p = *plan;
  // Emulated devices are dilated by default (as archi run does): the figures are on the emulated clock.
  dilation_->setVisible(p.dilation != 1.0);
  dilation_->setText(tr("Dilated rehearsal ×%1 (devices emulated): links are shaped %1 times slower, and the times below are "
                        "on the emulated clock; divide them by %1 for real time.")
                         .arg(locale.toString(p.dilation, 'g', 4)));
  dilation_->setToolTip(QString::fromStdString(p.dilation_derivation));
  setFigure("throughput", visual_style::formatRate(p.predicted_tokens_per_s),
            tr("%1% of the ideal %2").arg(locale.toString(100.0 * p.efficiency, 'f', 1), visual_style::formatRate(p.ideal_tokens_per_s)));
  QString syncDetail = compressionName(p.compression);
  if (p.recommended_sync != p.sync) syncDetail += '\n' + tr("⚠ the links call for %1").arg(syncName(p.recommended_sync));
  setFigure("sync", syncName(p.sync), syncDetail);
  setFigure("inner", p.sync == archi::SyncMode::Ddp ? tr("—") : locale.toString(p.inner_steps),
            p.recommended_inner_steps != p.inner_steps && p.sync == archi::SyncMode::DiLoCo
                ? tr("recommended: %1").arg(locale.toString(p.recommended_inner_steps))
                : tr("fastest datacenter"));
  setFigure("round", visual_style::formatDuration(p.round_ms),
            tr("WAN %1% of it").arg(locale.toString(100.0 * p.comm_share, 'f', 1)));
  setFigure("wan", visual_style::formatBytes(p.wan.bytes_per_round),
            tr("per leader · all-reduce %1 · %2 stream(s) per link")
                .arg(visual_style::formatDuration(p.wan.allreduce_ms))
                .arg(p.wan.streams_per_link));
  setFigure("outer", p.sync == archi::SyncMode::Ddp ? tr("—") : tr("lr %1").arg(locale.toString(p.outer_lr, 'g', 3)),
            p.sync == archi::SyncMode::Ddp ? QString() : tr("momentum %1").arg(locale.toString(p.outer_momentum, 'g', 3)));

  datacenters_->clear();
  const auto& dcs = document_.project() ? document_.project()->topology.datacenters : std::vector<archi::Datacenter>{};
  for (const archi::DatacenterPlan& dc : p.datacenters) {
    int index = 0;
    for (int i = 0; i < int(dcs.size()); ++i) {
      if (dcs[i].id == dc.id) index = i;
    }
    int active = 0;
    for (const auto& d : dc.devices) active += d.excluded ? 0 : 1;
    auto* item = new QTreeWidgetItem(datacenters_, {dc.name.empty() ? q(dc.id) : q(dc.name),
                                                    active == int(dc.devices.size())
                                                        ? locale.toString(active)
                                                        : tr("%1 of %2").arg(active).arg(dc.devices.size()),
                                                    locale.toString(dc.sequences_per_step),
                                                    p.sync == archi::SyncMode::Ddp ? tr("—") : locale.toString(dc.inner_steps_per_round),
                                                    visual_style::formatDuration(dc.step_ms),
                                                    visual_style::formatRate(dc.tokens_per_s),
                                                    visual_style::formatRate(dc.standalone_tokens_per_s)});
    QPixmap swatch(12, 12);
    swatch.fill(visual_style::datacenterColor(index));
    item->setIcon(0, QIcon(swatch));
    for (int c = 1; c < 7; ++c) item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
  }

  // As tall as its rows (up to eight), so the chart gets the rest.
  const int rowHeight = std::max(datacenters_->sizeHintForRow(0), datacenters_->fontMetrics().height() + 6);
  datacenters_->setFixedHeight(datacenters_->header()->sizeHint().height() +
                               rowHeight * std::min<int>(int(p.datacenters.size()), 8) + 2 * datacenters_->frameWidth() + 4);

  warnings_->clear();
  for (const archi::Diagnostic& w : p.warnings.all()) {
    auto* item = new QTreeWidgetItem(warnings_, {QStringLiteral("⚠ ") + q(w.message), q(w.pointer)});
    item->setData(0, Qt::UserRole, QVariant::fromValue(ItemKey::fromPointer(w.pointer)));
    item->setToolTip(0, q(w.message));
    item->setForeground(0, visual_style::warningColor().darker(visual_style::isDark(palette()) ? 80 : 130));
  }
  if (p.warnings.empty()) new QTreeWidgetItem(warnings_, {tr("✓ No warnings: every device holds the model and the links suit the sync mode")});
  refreshChart();
  stack_->setCurrentIndex(1);
}

void PlanView::refreshChart() {
  const auto plan = service_.plan();
  auto* chart = new QChart;
  chart->setTitle(tr("Batch share per device (sequences per step)"));
  chart->legend()->setAlignment(Qt::AlignBottom);
  chart->setBackgroundBrush(palette().color(QPalette::Base));
  chart->setTitleBrush(palette().color(QPalette::Text));
  chart->legend()->setLabelColor(palette().color(QPalette::Text));
  chart->setAnimationOptions(QChart::NoAnimation);
  chart->setMargins(QMargins(4, 4, 4, 4));

  QStringList categories;
  QList<const archi::DevicePlan*> devices;
  for (const archi::DatacenterPlan& dc : plan->datacenters) {
    for (const archi::DevicePlan& d : dc.devices) {
      devices.append(&d);
      // The colour names the datacenter, so the label is node, index and type.
      categories.append(QStringLiteral("%1/%2 · %3").arg(q(d.device.node_id)).arg(d.device.index_on_node).arg(q(d.device.type)));
    }
  }
  // Horizontal bars grow upwards: reverse so the first device reads at the top.
  std::reverse(categories.begin(), categories.end());
  std::reverse(devices.begin(), devices.end());
  auto* series = new QHorizontalStackedBarSeries;
  const auto& dcs = document_.project() ? document_.project()->topology.datacenters : std::vector<archi::Datacenter>{};
  int maxSequences = 1;
  for (const archi::DatacenterPlan& dc : plan->datacenters) {
    int index = 0;
    for (int i = 0; i < int(dcs.size()); ++i) {
      if (dcs[i].id == dc.id) index = i;
    }
    auto* set = new QBarSet(dc.name.empty() ? q(dc.id) : q(dc.name));
    set->setColor(visual_style::datacenterColor(index));
    set->setBorderColor(visual_style::datacenterColor(index).darker(130));
    for (const archi::DevicePlan* d : devices) {
      const bool mine = d->device.datacenter_id == dc.id;
      set->append(mine ? d->sequences_per_step : 0);
      if (mine) maxSequences = std::max(maxSequences, d->sequences_per_step);
    }
    series->append(set);
  }
  connect(series, &QHorizontalStackedBarSeries::hovered, this, [devices](bool on, int index, QBarSet*) {
    if (!on || index < 0 || index >= devices.size()) {
      QToolTip::hideText();
      return;
    }
    const archi::DevicePlan& d = *devices[index];
    QToolTip::showText(QCursor::pos(),
                       tr("%1 (%2)\n%3 sequences per step · %4 standalone (%5)\ncompute %6 per step%7")
                           .arg(q(d.device.id), q(d.device.type))
                           .arg(d.sequences_per_step)
                           .arg(visual_style::formatRate(d.tokens_per_s),
                                d.source == archi::ProfileSource::Measured ? tr("measured") : tr("catalog prior"),
                                visual_style::formatDuration(d.compute_ms),
                                d.excluded ? tr("\nleft out: cannot hold one sequence") : QString()));
  });
  chart->addSeries(series);
  auto* axisY = new QBarCategoryAxis;
  axisY->append(categories);
  axisY->setLabelsColor(palette().color(QPalette::Text));
  auto* axisX = new QValueAxis;
  axisX->setRange(0, maxSequences);
  axisX->setTickCount(std::min(maxSequences, 8) + 1);
  axisX->setLabelFormat("%d");
  axisX->setTitleText(tr("sequences per step"));
  axisX->setLabelsColor(palette().color(QPalette::Text));
  axisX->setTitleBrush(palette().color(QPalette::Text));
  chart->addAxis(axisY, Qt::AlignLeft);
  chart->addAxis(axisX, Qt::AlignBottom);
  series->attachAxis(axisY);
  series->attachAxis(axisX);
  QChart* old = chart_->chart();
  chart_->setChart(chart);
  delete old;
}
