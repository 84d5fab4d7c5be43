#include "monitor/MonitorView.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSlider>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

#include "app/VisualStyle.h"
#include "bridge/MonitorService.h"
#include "monitor/DeviceHeatMap.h"
#include "monitor/LossChart.h"
#include "monitor/MonitorEventsPanel.h"
#include "monitor/RoundGantt.h"
#include "monitor/StepTimeChart.h"
#include "monitor/ThroughputChart.h"
#include "monitor/WanChart.h"

MonitorView::MonitorView(QWidget* parent) : QWidget(parent) {
  setObjectName("monitorView");
  service_ = new MonitorService(this);
  connect(service_, &MonitorService::snapshotChanged, this, [this](const MonitorSnapshotPtr& snapshot) {
    pending_ = snapshot;
    dirty_ = true;
    scheduleRedraw();
  });
  redrawTimer_.setSingleShot(true);
  connect(&redrawTimer_, &QTimer::timeout, this, &MonitorView::redraw);

  title_ = new QLabel(tr("No run followed. Start a run, or open one from History."));
  title_->setObjectName("monitorTitle");
  QFont bold = title_->font();
  bold.setBold(true);
  title_->setFont(bold);
  figures_ = new QLabel;
  figures_->setObjectName("monitorFigures");
  figures_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  xAxis_ = new QComboBox;
  xAxis_->setObjectName("monitorXAxis");
  xAxis_->addItem(tr("Step"), int(LossChart::XAxis::Step));
  xAxis_->addItem(tr("Tokens"), int(LossChart::XAxis::Tokens));
  xAxis_->addItem(tr("Wall time"), int(LossChart::XAxis::WallTime));
  xAxis_->setToolTip(tr("What the loss chart's X axis shows"));
  smoothing_ = new QSlider(Qt::Horizontal);
  smoothing_->setObjectName("monitorSmoothing");
  smoothing_->setRange(0, 99);
  smoothing_->setValue(60);
  smoothing_->setFixedWidth(140);
  smoothing_->setToolTip(tr("Weight of the bias-corrected moving average drawn over the raw loss (0: none, 0.99: strongest)"));
  smoothingValue_ = new QLabel(QLocale().toString(0.6, 'f', 2));

  auto* controls = new QHBoxLayout;
  controls->addWidget(title_);
  controls->addStretch(1);
  controls->addWidget(new QLabel(tr("Loss X axis:")));
  controls->addWidget(xAxis_);
  controls->addSpacing(12);
  controls->addWidget(new QLabel(tr("Smoothing:")));
  controls->addWidget(smoothing_);
  controls->addWidget(smoothingValue_);

  throughput_ = new ThroughputChart;
  loss_ = new LossChart;
  stepTime_ = new StepTimeChart;
  heat_ = new DeviceHeatMap;
  wan_ = new WanChart;
  gantt_ = new RoundGantt;
  events_ = new MonitorEventsPanel;
  for (QWidget* chart : std::initializer_list<QWidget*>{throughput_, loss_, stepTime_, heat_, wan_, gantt_}) chart->setMinimumSize(320, 200);

  auto* overview = new QWidget;
  auto* grid = new QGridLayout(overview);
  grid->setContentsMargins(0, 0, 0, 0);
  grid->setSpacing(4);
  grid->addWidget(throughput_, 0, 0);
  grid->addWidget(loss_, 0, 1);
  grid->addWidget(stepTime_, 1, 0);
  grid->addWidget(heat_, 1, 1);
  grid->addWidget(wan_, 2, 0);
  grid->addWidget(gantt_, 2, 1);
  for (int row = 0; row < 3; ++row) grid->setRowStretch(row, 1);
  pages_ = new QTabWidget;
  pages_->setObjectName("monitorPages");
  pages_->setDocumentMode(true);
  pages_->addTab(overview, tr("Charts"));
  pages_->addTab(events_, tr("Events and samples"));

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(controls);
  layout->addWidget(figures_);
  layout->addWidget(pages_, 1);

  connect(xAxis_, &QComboBox::currentIndexChanged, this, [this] {
    loss_->setXAxis(static_cast<LossChart::XAxis>(xAxis_->currentData().toInt()));
    dirty_ = true;
    scheduleRedraw();
  });
  connect(smoothing_, &QSlider::valueChanged, this, [this](int value) {
    loss_->setSmoothing(value / 100.0);
    smoothingValue_->setText(QLocale().toString(value / 100.0, 'f', 2));
    dirty_ = true;
    scheduleRedraw();
  });
  loss_->setSmoothing(smoothing_->value() / 100.0);
}

MonitorView::~MonitorView() { service_->stop(); }

void MonitorView::followRun(const QString& storePath, qint64 runId) {
  service_->followRun(storePath, runId);
  pending_.reset();
  shown_.reset();
  events_->clear();
  throughput_->resetZoom();
  loss_->resetZoom();
  wan_->resetZoom();
  title_->setText(tr("Run %1: reading the store…").arg(runId));
  figures_->clear();
}

void MonitorView::stop() { service_->stop(); }

void MonitorView::scheduleRedraw() {
  if (!dirty_ || redrawTimer_.isActive()) return;
  const qint64 since_ms = sinceRedraw_.isValid() ? sinceRedraw_.elapsed() : kMinRedrawInterval_ms;
  redrawTimer_.start(static_cast<int>(std::max<qint64>(0, kMinRedrawInterval_ms - since_ms)));
}

void MonitorView::redraw() {
  if (pending_) shown_ = pending_;
  dirty_ = false;
  sinceRedraw_.restart();
  if (!shown_) return;
  ++redraws_;
  const MonitorSnapshot& s = *shown_;
  showHeader(s);
  if (!s.error.isEmpty()) return;
  points_ += throughput_->refresh(s);
  points_ += loss_->refresh(s);
  points_ += stepTime_->refresh(s);
  points_ += wan_->refresh(s);
  heat_->setSnapshot(shown_);
  gantt_->setSnapshot(shown_);
  points_ += static_cast<qint64>(s.heat.utilisation.size() + s.gantt.size());
  events_->refresh(s);
}

void MonitorView::showHeader(const MonitorSnapshot& s) {
  if (!s.error.isEmpty()) {
    title_->setText(tr("Run %1 cannot be shown").arg(s.runId));
    figures_->setText(s.error);
    figures_->setStyleSheet(QStringLiteral("color: %1").arg(visual_style::errorColor().name()));
    return;
  }
  figures_->setStyleSheet(QString());
  const QString state = s.running ? tr("● running") : s.state;
  title_->setText(tr("Run “%1” (%2) — %3").arg(s.runName).arg(s.runId).arg(state));
  const QLocale locale;
  QStringList parts;
  parts << tr("%1 tokens").arg(locale.toString(s.tokens));
  parts << tr("step %1").arg(locale.toString(s.steps));
  parts << tr("%1 rounds").arg(locale.toString(s.rounds));
  parts << tr("%1 elapsed").arg(visual_style::formatDuration(s.span_s * 1e3));
  const QString unknown = tr("not known");
  parts << tr("measured %1").arg(s.tokensPerSecond ? visual_style::formatRate(*s.tokensPerSecond) : unknown);
  parts << tr("predicted %1").arg(s.predictedTokensPerSecond ? visual_style::formatRate(*s.predictedTokensPerSecond) : unknown);
  parts << tr("ideal %1").arg(s.idealTokensPerSecond ? visual_style::formatRate(*s.idealTokensPerSecond) : unknown);
  parts << tr("efficiency %1 of ideal")
               .arg(s.efficiency ? tr("%1%").arg(locale.toString(*s.efficiency * 100.0, 'f', 1)) : unknown);
  if (s.finalLoss) parts << tr("loss %1").arg(locale.toString(*s.finalLoss, 'f', 3));
  if (s.dilation != 1.0) {
    parts << tr("dilated rehearsal ×%1: real-time equivalent %2")
                 .arg(locale.toString(s.dilation, 'g', 4))
                 .arg(s.tokensPerSecond ? visual_style::formatRate(*s.tokensPerSecond * s.dilation) : unknown);
  }
  figures_->setText(parts.join(QStringLiteral("  ·  ")));
}
