#include "monitor/MonitorEventsPanel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include "monitor/MonitorEventsModel.h"

MonitorEventsPanel::MonitorEventsPanel(QWidget* parent) : QWidget(parent) {
  setObjectName("monitorEventsPanel");
  model_ = new MonitorEventsModel(this);
  filter_ = new MonitorEventsFilter(this);
  filter_->setSourceModel(model_);
  // Newest first by the time they happened: agents' journals arrive late, so stored order is not it.
  filter_->setSortRole(MonitorEventsModel::kSortRole);
  filter_->setDynamicSortFilter(true);

  level_ = new QComboBox;
  level_->setObjectName("monitorEventLevel");
  level_->addItem(tr("All levels"), QString());
  for (const char* level : {"error", "warning", "info", "debug"}) level_->addItem(QString::fromLatin1(level), QString::fromLatin1(level));
  source_ = new QComboBox;
  source_->setObjectName("monitorEventSource");
  source_->addItem(tr("All sources"), QString());
  kind_ = new QComboBox;
  kind_->setObjectName("monitorEventKind");
  kind_->addItem(tr("All kinds"), QString());
  search_ = new QLineEdit;
  search_->setObjectName("monitorEventSearch");
  search_->setPlaceholderText(tr("Search events…"));
  search_->setClearButtonEnabled(true);
  for (QComboBox* box : {level_, source_, kind_}) {
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(box, &QComboBox::currentIndexChanged, this, &MonitorEventsPanel::applyFilters);
  }
  connect(search_, &QLineEdit::textChanged, this, &MonitorEventsPanel::applyFilters);

  events_ = new QTableView;
  events_->setObjectName("monitorEventsTable");
  events_->setModel(filter_);
  events_->setSelectionBehavior(QAbstractItemView::SelectRows);
  events_->setAlternatingRowColors(true);
  events_->verticalHeader()->hide();
  events_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
  events_->horizontalHeader()->setStretchLastSection(true);
  events_->setWordWrap(false);
  events_->setSortingEnabled(true);
  events_->sortByColumn(MonitorEventsModel::Time, Qt::DescendingOrder);

  samples_ = new QTableWidget(0, 3);
  samples_->setObjectName("monitorSamplesTable");
  samples_->setHorizontalHeaderLabels({tr("Step"), tr("Prompt"), tr("Generated text")});
  samples_->verticalHeader()->hide();
  samples_->horizontalHeader()->setStretchLastSection(true);
  samples_->setEditTriggers(QAbstractItemView::NoEditTriggers);

  auto* filters = new QHBoxLayout;
  filters->addWidget(new QLabel(tr("Events")));
  filters->addWidget(level_);
  filters->addWidget(source_);
  filters->addWidget(kind_);
  filters->addWidget(search_, 1);
  auto* top = new QWidget;
  auto* topLayout = new QVBoxLayout(top);
  topLayout->setContentsMargins(0, 0, 0, 0);
  topLayout->addLayout(filters);
  topLayout->addWidget(events_);
  auto* bottom = new QWidget;
  auto* bottomLayout = new QVBoxLayout(bottom);
  bottomLayout->setContentsMargins(0, 0, 0, 0);
  bottomLayout->addWidget(new QLabel(tr("Samples (newest first)")));
  bottomLayout->addWidget(samples_);
  auto* split = new QSplitter(Qt::Vertical);
  split->addWidget(top);
  split->addWidget(bottom);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(split);
}

void MonitorEventsPanel::addChoice(QComboBox* box, QSet<QString>& known, const QString& value) {
  if (value.isEmpty() || known.contains(value)) return;
  known.insert(value);
  box->addItem(value, value);
}

void MonitorEventsPanel::refresh(const MonitorSnapshot& snapshot) {
  const qsizetype before = model_->rowCount();
  model_->sync(snapshot.events);
  if (model_->rowCount() != before) {
    for (qsizetype i = 0; i < snapshot.events.size(); ++i) {
      addChoice(source_, sources_, snapshot.events[i].source);
      addChoice(kind_, kinds_, snapshot.events[i].kind);
    }
    if (before == 0) events_->resizeColumnsToContents();
  }
  if (snapshot.samples.size() < samplesShown_) {
    samples_->setRowCount(0);
    samplesShown_ = 0;
  }
  for (qsizetype i = samplesShown_; i < snapshot.samples.size(); ++i) {
    const MonitorSample& s = snapshot.samples[i];
    samples_->insertRow(0);
    auto* step = new QTableWidgetItem(QLocale().toString(s.step));
    step->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    samples_->setItem(0, 0, step);
    samples_->setItem(0, 1, new QTableWidgetItem(s.prompt));
    samples_->setItem(0, 2, new QTableWidgetItem(s.text));
  }
  samplesShown_ = snapshot.samples.size();
}

void MonitorEventsPanel::clear() {
  model_->clear();
  samples_->setRowCount(0);
  samplesShown_ = 0;
}

void MonitorEventsPanel::applyFilters() {
  filter_->setFilters(level_->currentData().toString(), source_->currentData().toString(), kind_->currentData().toString(),
                      search_->text());
}
