#include "history/RunComparison.h"

#include <QAction>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QGraphicsSimpleTextItem>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QListWidget>
#include <QLocale>
#include <QPainter>
#include <QPixmap>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QValueAxis>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "app/VisualStyle.h"
#include "core/SeriesDownsampler.h"
#include "history/SettingsDiffModel.h"

namespace {

// A run's curve is thinned above this many points (to at most 5 × kBuckets, see SeriesDownsampler.h).
constexpr int kMaxPointsPerSeries = 2000;
constexpr int kBuckets = 400;

const std::vector<run_curves::Point>& pointsOf(const ComparedRun& run, RunComparison::Curve curve) {
  switch (curve) {
    case RunComparison::TrainingLoss: return run.curves.trainingLoss;
    case RunComparison::ValidationLoss: return run.curves.validationLoss;
    default: return run.curves.throughput;
  }
}

QColor runColor(int index) { return visual_style::datacenterColor(index); }

QIcon swatch(const QColor& color) {
  QPixmap pixmap(12, 12);
  pixmap.fill(Qt::transparent);
  QPainter painter(&pixmap);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setBrush(color);
  painter.setPen(color.darker(130));
  painter.drawRoundedRect(QRectF(1, 1, 10, 10), 2, 2);
  return QIcon(pixmap);
}

}  // namespace

RunComparison::RunComparison(QWidget* parent) : QWidget(parent) {
  setObjectName("runComparison");
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);

  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("Align by:")));
  axisChoice_ = new QComboBox;
  axisChoice_->setObjectName("alignBy");
  axisChoice_->addItem(tr("Tokens"));
  axisChoice_->addItem(tr("Wall time since start"));
  axisChoice_->setToolTip(tr("Put the runs' curves side by side by tokens processed, or by time since each run started"));
  connect(axisChoice_, &QComboBox::currentIndexChanged, this, [this](int i) { setAxis(i == 0 ? Axis::Tokens : Axis::WallTime); });
  bar->addWidget(axisChoice_);
  pin_ = new QAction(tr("Pin as &Baseline"), this);
  pin_->setObjectName("actionPinBaseline");
  pin_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
  pin_->setStatusTip(tr("Draw the run chosen in the list thicker and show the other runs' differences to it"));
  pin_->setEnabled(false);
  connect(pin_, &QAction::triggered, this, &RunComparison::pinSelected);
  addAction(pin_);
  auto* pinButton = new QToolButton;
  pinButton->setDefaultAction(pin_);
  bar->addWidget(pinButton);
  status_ = new QLabel;
  status_->setObjectName("comparisonStatus");
  bar->addWidget(status_, 1);
  layout->addLayout(bar);

  auto* split = new QSplitter(Qt::Horizontal);
  legend_ = new QListWidget;
  legend_->setObjectName("comparedRuns");
  legend_->setToolTip(tr("Runs compared; choose one and Pin as Baseline"));
  legend_->setMaximumWidth(220);
  legend_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  legend_->setTextElideMode(Qt::ElideMiddle);
  connect(legend_, &QListWidget::currentRowChanged, this, [this](int row) { pin_->setEnabled(row >= 0); });
  connect(legend_, &QListWidget::itemDoubleClicked, this, [this] { pinSelected(); });
  split->addWidget(legend_);

  auto* charts = new QWidget;
  auto* chartRow = new QHBoxLayout(charts);
  chartRow->setContentsMargins(0, 0, 0, 0);
  const QString titles[CurveCount] = {tr("Training loss"), tr("Validation loss"), tr("Throughput")};
  for (int c = 0; c < CurveCount; ++c) {
    ChartPane& pane = panes_[c];
    pane.chart = new QChart;
    pane.chart->setTitle(titles[c]);
    pane.chart->setAnimationOptions(QChart::NoAnimation);
    pane.chart->legend()->setVisible(false);  // the run list beside the charts is the legend
    pane.chart->setMargins(QMargins(4, 4, 4, 4));
    pane.chart->setLocalizeNumbers(true);  // "400,000 tok" with the locale's separators
    pane.note = new QGraphicsSimpleTextItem(pane.chart);
    pane.note->setZValue(10);
    connect(pane.chart, &QChart::plotAreaChanged, this, [this, c] { placeNote(panes_[c]); });
    pane.view = new QChartView(pane.chart);
    pane.view->setObjectName(QStringLiteral("comparisonChart%1").arg(c));
    pane.view->setRenderHint(QPainter::Antialiasing);
    pane.view->setMinimumSize(220, 180);
    chartRow->addWidget(pane.view);
  }
  split->addWidget(charts);
  split->setStretchFactor(1, 1);

  settings_ = new SettingsDiffModel(this);
  settingsTable_ = new QTableView;
  settingsTable_->setObjectName("settingsDiff");
  settingsTable_->setModel(settings_);
  settingsTable_->verticalHeader()->hide();
  settingsTable_->setSelectionMode(QAbstractItemView::NoSelection);
  settingsTable_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);

  auto* vertical = new QSplitter(Qt::Vertical);
  vertical->addWidget(split);
  vertical->addWidget(settingsTable_);
  vertical->setStretchFactor(0, 1);
  vertical->setStretchFactor(1, 1);
  layout->addWidget(vertical, 1);

  connect(&watcher_, &QFutureWatcher<RunComparisonData>::finished, this, [this] {
    data_ = watcher_.result();
    showData();
    emit loaded();
  });
  seriesByCurve_.resize(CurveCount);
}

RunComparison::~RunComparison() { watcher_.waitForFinished(); }

void RunComparison::compare(const QString& storePath, const QList<qint64>& runIds) {
  watcher_.waitForFinished();  // one read at a time; the newest request wins
  status_->setText(tr("Reading %n run(s)…", nullptr, int(runIds.size())));
  const std::filesystem::path path = storePath.toStdString();
  watcher_.setFuture(QtConcurrent::run([path, runIds] { return loadRunComparison(path, runIds); }));
}

QList<qint64> RunComparison::runIds() const {
  QList<qint64> ids;
  for (const ComparedRun& run : data_.runs) ids.push_back(run.summary.run.id);
  return ids;
}

int RunComparison::runIndex(qint64 runId) const {
  for (int i = 0; i < data_.runs.size(); ++i) {
    if (data_.runs[i].summary.run.id == runId) return i;
  }
  return -1;
}

void RunComparison::showData() {
  if (!data_.error.isEmpty()) {
    status_->setText(tr("Could not read the runs: %1").arg(data_.error));
  } else {
    status_->setText(tr("%n run(s) compared", nullptr, int(data_.runs.size())));
  }
  if (runIndex(baseline_) < 0) baseline_ = 0;
  QStringList names;
  for (const ComparedRun& run : data_.runs) names << QString::fromStdString(run.summary.run.name);
  settings_->setRows(SettingsDiff::build(data_.runs), names);
  settings_->setBaseline(runIndex(baseline_));
  settingsTable_->resizeColumnsToContents();
  refreshLegend();
  redraw();
}

void RunComparison::refreshLegend() {
  const int current = legend_->currentRow();
  legend_->clear();
  for (int i = 0; i < data_.runs.size(); ++i) {
    const archi::RunRecord& run = data_.runs[i].summary.run;
    const QString name = QString::fromStdString(run.name);
    auto* item = new QListWidgetItem(swatch(runColor(i)), run.id == baseline_ ? tr("%1 (baseline)").arg(name) : name);
    item->setData(Qt::UserRole, qint64(run.id));
    item->setToolTip(tr("Run #%1 of %2").arg(run.id).arg(QString::fromStdString(run.project_name)));
    if (run.id == baseline_) {
      QFont font = item->font();
      font.setBold(true);
      item->setFont(font);
    }
    legend_->addItem(item);
  }
  if (current >= 0 && current < legend_->count()) legend_->setCurrentRow(current);
}

void RunComparison::setAxis(Axis axis) {
  if (axis == axis_) return;
  axis_ = axis;
  const QSignalBlocker block(axisChoice_);
  axisChoice_->setCurrentIndex(axis == Axis::Tokens ? 0 : 1);
  redraw();
}

void RunComparison::pinBaseline(qint64 runId) {
  baseline_ = runIndex(runId) >= 0 ? runId : 0;
  settings_->setBaseline(runIndex(baseline_));
  settingsTable_->resizeColumnsToContents();
  refreshLegend();
  redraw();
}

void RunComparison::pinSelected() {
  const QListWidgetItem* item = legend_->currentItem();
  if (!item) return;
  const qint64 id = item->data(Qt::UserRole).toLongLong();
  pinBaseline(id == baseline_ ? 0 : id);  // pinning the baseline again unpins it
}

QLineSeries* RunComparison::series(Curve curve, qint64 runId) const {
  const int i = runIndex(runId);
  if (curve < 0 || curve >= CurveCount || i < 0 || i >= seriesByCurve_[curve].size()) return nullptr;
  return seriesByCurve_[curve][i];
}

QString RunComparison::thinningNote(Curve curve) const { return curve >= 0 && curve < CurveCount ? panes_[curve].noteText : QString(); }

void RunComparison::redraw() {
  for (int c = 0; c < CurveCount; ++c) drawCurve(Curve(c));
}

void RunComparison::drawCurve(Curve curve) {
  ChartPane& pane = panes_[curve];
  pane.chart->removeAllSeries();
  for (QAbstractAxis* axis : pane.chart->axes()) {
    pane.chart->removeAxis(axis);
    delete axis;
  }
  seriesByCurve_[curve].clear();

  auto* axisX = new QValueAxis;
  axisX->setTitleText(axis_ == Axis::Tokens ? tr("Tokens (tok)") : tr("Time since start (s)"));
  axisX->setLabelFormat(QStringLiteral("%.0f"));
  auto* axisY = new QValueAxis;
  axisY->setTitleText(curve == Throughput ? tr("Throughput (tok/s)") : tr("Loss (nats/token)"));
  axisY->setLabelFormat(curve == Throughput ? QStringLiteral("%.0f") : QStringLiteral("%.2f"));
  pane.chart->addAxis(axisX, Qt::AlignBottom);
  pane.chart->addAxis(axisY, Qt::AlignLeft);

  double minX = std::numeric_limits<double>::infinity(), maxX = -minX, minY = minX, maxY = -minX;
  qint64 drawn = 0, stored = 0;
  QLineSeries* baselineSeries = nullptr;
  for (int i = 0; i < data_.runs.size(); ++i) {
    const std::vector<run_curves::Point>& points = pointsOf(data_.runs[i], curve);
    if (points.empty()) {
      seriesByCurve_[curve].push_back(nullptr);
      continue;
    }
    std::vector<archi::SeriesPoint> xy;
    xy.reserve(points.size());
    for (const run_curves::Point& p : points) xy.push_back({axis_ == Axis::Tokens ? p.tokens : p.seconds, p.value});
    // Time order is token order for one run, so both axes hand the downsampler x in order.
    stored += qint64(xy.size());
    if (int(xy.size()) > kMaxPointsPerSeries) xy = archi::downsampleMinMax(xy, kBuckets);
    drawn += qint64(xy.size());

    auto* series = new QLineSeries;
    series->setName(QString::fromStdString(data_.runs[i].summary.run.name));
    QPen pen(runColor(i));
    const bool isBaseline = data_.runs[i].summary.run.id == baseline_;
    pen.setWidthF(isBaseline ? 3.5 : 1.5);
    series->setPen(pen);
    series->setPointsVisible(curve == ValidationLoss);
    QList<QPointF> qpoints;
    qpoints.reserve(qsizetype(xy.size()));
    for (const archi::SeriesPoint& p : xy) {
      qpoints.push_back({p.x, p.y});
      if (!std::isfinite(p.y)) continue;
      minX = std::min(minX, p.x);
      maxX = std::max(maxX, p.x);
      minY = std::min(minY, p.y);
      maxY = std::max(maxY, p.y);
    }
    series->replace(qpoints);
    seriesByCurve_[curve].push_back(series);
    if (isBaseline) {
      baselineSeries = series;
      continue;
    }
    pane.chart->addSeries(series);
  }
  // Added last, the baseline is drawn over the others.
  if (baselineSeries) pane.chart->addSeries(baselineSeries);
  for (QAbstractSeries* series : pane.chart->series()) {
    series->attachAxis(axisX);
    series->attachAxis(axisY);
  }
  if (std::isfinite(minX)) {
    axisX->setRange(minX, maxX > minX ? maxX : minX + 1.0);
    const double pad = (maxY - minY) * 0.05;
    axisY->setRange(curve == Throughput ? 0.0 : minY - pad, maxY > minY ? maxY + pad : minY + 1.0);
    axisX->applyNiceNumbers();
    axisY->applyNiceNumbers();
  }
  const QLocale locale;
  if (drawn < stored) {
    pane.noteText = tr("thinned: %1 of %2 points").arg(locale.toString(drawn), locale.toString(stored));
  } else if (stored == 0) {
    pane.noteText = curve == ValidationLoss ? tr("no validation stored") : tr("no steps stored");
  } else {
    pane.noteText.clear();
  }
  pane.note->setText(pane.noteText);
  placeNote(pane);
}

void RunComparison::placeNote(ChartPane& pane) {
  const QRectF plot = pane.chart->plotArea();
  const QRectF text = pane.note->boundingRect();
  pane.note->setPos(plot.right() - text.width() - 4, plot.top() + 2);
  pane.note->setBrush(palette().color(QPalette::Disabled, QPalette::WindowText));
}
