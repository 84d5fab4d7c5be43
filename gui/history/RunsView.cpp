#include "history/RunsView.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QShowEvent>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

#include "app/VisualStyle.h"
#include "bridge/RunHistory.h"
#include "history/RunComparison.h"
#include "history/RunsFilterProxy.h"
#include "history/RunsTableModel.h"

namespace {
constexpr int kDefaultRefresh_ms = 3000;
}  // namespace

RunsView::RunsView(QWidget* parent) : QWidget(parent) {
  setObjectName("runsView");
  history_ = new RunHistory(this);
  model_ = new RunsTableModel(this);
  proxy_ = new RunsFilterProxy(this);
  proxy_->setSourceModel(model_);

  auto* layout = new QVBoxLayout(this);
  auto* filters = new QHBoxLayout;
  search_ = new QLineEdit;
  search_->setObjectName("runSearch");
  search_->setPlaceholderText(tr("Search runs by name, project or number"));
  search_->setClearButtonEnabled(true);
  filters->addWidget(search_, 2);

  stateFilter_ = new QComboBox;
  stateFilter_->setObjectName("runStateFilter");
  stateFilter_->addItem(tr("Every state"));
  for (const archi::RunState state : {archi::RunState::Running, archi::RunState::Completed, archi::RunState::Stopped,
                                      archi::RunState::Failed, archi::RunState::Planned}) {
    stateFilter_->addItem(RunsTableModel::stateText(state), int(state));
  }
  filters->addWidget(stateFilter_);
  projectFilter_ = new QComboBox;
  projectFilter_->setObjectName("runProjectFilter");
  projectFilter_->addItem(tr("Every project"));
  projectFilter_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  filters->addWidget(projectFilter_);
  emulatedFilter_ = new QComboBox;
  emulatedFilter_->setObjectName("runEmulatedFilter");
  emulatedFilter_->addItem(tr("Emulated or real"));
  emulatedFilter_->addItem(tr("Emulated only"), true);
  emulatedFilter_->addItem(tr("Real only"), false);
  filters->addWidget(emulatedFilter_);

  auto* refreshAction = makeAction("actionRefreshRuns", tr("&Refresh"), QKeySequence(Qt::Key_F5),
                                   tr("Read the run store again (runs started by `archi run` appear too)"), [this] { refresh(); });
  auto* monitor = makeAction("actionOpenMonitor", tr("Open &Monitor"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M),
                             tr("Show the selected run in the monitor"), [this] { openMonitorForSelection(); });
  auto* report = makeAction("actionOpenReport", tr("Open &Report"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
                            tr("Show the selected run's report"), [this] { openReportForSelection(); });
  auto* remove = makeAction("actionDeleteRun", tr("&Delete…"), QKeySequence(QKeySequence::Delete),
                            tr("Delete the selected run's rows from the store and its folder (asks first; not while it runs)"),
                            [this] { deleteSelected(); });
  auto* compare = makeAction("actionCompareRuns", tr("&Compare"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D),
                             tr("Overlay the selected runs' curves and diff their settings (select two or more)"),
                             [this] { compareSelected(); });
  auto* resume = makeAction("actionResumeRun", tr("Re&sume"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U),
                            tr("Continue the selected stopped or failed run from its checkpoints"), [this] { resumeSelected(); });
  for (QAction* a : {refreshAction, monitor, report, resume, remove, compare}) {
    auto* button = new QToolButton;
    button->setDefaultAction(a);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    filters->addWidget(button);
  }
  layout->addLayout(filters);

  table_ = new QTableView;
  table_->setObjectName("runsTable");
  table_->setModel(proxy_);
  table_->setSortingEnabled(true);
  table_->sortByColumn(RunsTableModel::Id, Qt::DescendingOrder);  // newest first
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  table_->verticalHeader()->hide();
  table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setAlternatingRowColors(true);
  table_->setContextMenuPolicy(Qt::ActionsContextMenu);
  table_->addActions({monitor, report, compare, remove});
  connect(table_, &QTableView::doubleClicked, this, [this] { openReportForSelection(); });
  connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunsView::refreshActions);

  comparison_ = new RunComparison;
  comparison_->hide();
  split_ = new QSplitter(Qt::Vertical);
  split_->addWidget(table_);
  split_->addWidget(comparison_);
  split_->setStretchFactor(0, 1);
  split_->setStretchFactor(1, 3);
  layout->addWidget(split_, 1);

  auto* footer = new QHBoxLayout;
  status_ = new QLabel;
  status_->setObjectName("runsStatus");
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  message_ = new QLabel;
  message_->setObjectName("runsMessage");
  message_->setWordWrap(true);
  footer->addWidget(status_);
  footer->addWidget(message_, 1);
  layout->addLayout(footer);

  timer_ = new QTimer(this);
  timer_->setInterval(kDefaultRefresh_ms);
  connect(timer_, &QTimer::timeout, this, [this] { refresh(); });

  connect(search_, &QLineEdit::textChanged, this, &RunsView::applyFilters);
  for (QComboBox* box : {stateFilter_, projectFilter_, emulatedFilter_}) {
    connect(box, &QComboBox::currentIndexChanged, this, &RunsView::applyFilters);
  }
  connect(history_, &RunHistory::listingChanged, this, &RunsView::showListing);
  connect(history_, &RunHistory::inventoryReady, this, &RunsView::confirmDeletion);
  connect(history_, &RunHistory::deleted, this, [this](qint64 runId, const QString& error) {
    message_->setText(error.isEmpty() ? tr("Run %1 deleted.").arg(runId) : tr("Run %1 was not deleted: %2").arg(runId).arg(error));
    emit deletionFinished(runId, error);
  });
  refreshActions();
}

QAction* RunsView::makeAction(const QString& name, const QString& text, const QKeySequence& shortcut, const QString& tip,
                              const std::function<void()>& slot) {
  auto* a = new QAction(text, this);
  a->setObjectName(name);
  a->setShortcut(shortcut);
  // The main window has its own Delete and F5: these act only while the Runs view has focus.
  a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  a->setStatusTip(tip);
  a->setToolTip(QStringLiteral("%1 (%2)").arg(QString(text).remove('&'), shortcut.toString(QKeySequence::NativeText)));
  connect(a, &QAction::triggered, this, slot);
  addAction(a);
  actions_.push_back(a);
  return a;
}

QAction* RunsView::action(const QString& objectName) const {
  for (QAction* a : actions_) {
    if (a->objectName() == objectName) return a;
  }
  return nullptr;
}

void RunsView::setDataLayout(const archi::DataLayout& layout) {
  history_->setDataLayout(layout);
  status_->setText(tr("Store: %1").arg(history_->storePath()));
}

void RunsView::refresh() { history_->refresh(); }

void RunsView::setRefreshInterval(int interval_ms) { timer_->setInterval(interval_ms); }

QString RunsView::statusText() const { return status_->text() + QLatin1Char(' ') + message_->text(); }

void RunsView::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  refresh();
  timer_->start();
}

void RunsView::hideEvent(QHideEvent* event) {
  QWidget::hideEvent(event);
  timer_->stop();
}

void RunsView::showListing() {
  const RunHistory::Listing& listing = history_->listing();
  const bool first = model_->rowCount() == 0;
  model_->setRuns(listing.runs);
  // Columns fit the first runs shown; later refreshes keep the widths the operator chose.
  if (first && model_->rowCount() > 0) table_->resizeColumnsToContents();
  refreshProjects();
  refreshComparison();
  const QString store = history_->storePath();
  if (!listing.error.isEmpty()) {
    status_->setText(tr("Could not read %1: %2").arg(store, listing.error));
  } else if (!listing.storeExists) {
    status_->setText(tr("No runs yet: %1 does not exist (it is made by the first run)").arg(store));
  } else {
    status_->setText(tr("%1 in %2").arg(visual_style::count(listing.runs.size(), tr("run"), tr("runs")), store));
  }
  refreshActions();
}

void RunsView::refreshComparison() {
  // A compared run still going gets its new points with the list; finished ones do not change.
  if (comparison_->isHidden() || comparison_->isLoading()) return;
  // (read again until the comparison itself has seen every run finish, so the last points come too)
  const QList<ComparedRun>& compared = comparison_->data().runs;
  const bool going = std::any_of(compared.begin(), compared.end(),
                                 [](const ComparedRun& run) { return run.summary.run.state == archi::RunState::Running; });
  if (going) comparison_->compare(history_->storePath(), comparison_->runIds());
}

void RunsView::refreshProjects() {
  QStringList projects;
  for (const archi::RunSummary& run : model_->runs()) {
    const QString name = QString::fromStdString(run.run.project_name);
    if (!projects.contains(name)) projects.push_back(name);
  }
  projects.sort(Qt::CaseInsensitive);
  QStringList shown;
  for (int i = 1; i < projectFilter_->count(); ++i) shown.push_back(projectFilter_->itemText(i));
  if (shown == projects) return;
  const QString current = projectFilter_->currentIndex() > 0 ? projectFilter_->currentText() : QString();
  const QSignalBlocker block(projectFilter_);
  while (projectFilter_->count() > 1) projectFilter_->removeItem(1);
  projectFilter_->addItems(projects);
  // A project whose runs were all deleted leaves the filter on "every project".
  const int index = current.isEmpty() ? 0 : projectFilter_->findText(current);
  projectFilter_->setCurrentIndex(std::max(index, 0));
  if (index < 0) applyFilters();
}

void RunsView::applyFilters() {
  const QVariant state = stateFilter_->currentData();
  proxy_->setStateFilter(state.isValid() ? std::optional<int>(state.toInt()) : std::nullopt);
  proxy_->setProjectFilter(projectFilter_->currentIndex() > 0 ? projectFilter_->currentText() : QString());
  const QVariant emulated = emulatedFilter_->currentData();
  proxy_->setEmulatedFilter(emulated.isValid() ? std::optional<bool>(emulated.toBool()) : std::nullopt);
  proxy_->setTextFilter(search_->text());
  refreshActions();
}

QList<qint64> RunsView::selectedRunIds() const {
  QList<qint64> ids;
  for (const QModelIndex& row : table_->selectionModel()->selectedRows()) ids.push_back(row.data(RunsTableModel::RunIdRole).toLongLong());
  std::sort(ids.begin(), ids.end());
  return ids;
}

void RunsView::selectRuns(const QList<qint64>& runIds) {
  QItemSelection selection;
  for (int row = 0; row < proxy_->rowCount(); ++row) {
    const QModelIndex index = proxy_->index(row, 0);
    if (runIds.contains(index.data(RunsTableModel::RunIdRole).toLongLong())) selection.select(index, index);
  }
  table_->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

bool RunsView::selectionHasRunning() const {
  for (const QModelIndex& row : table_->selectionModel()->selectedRows()) {
    if (row.data(RunsTableModel::StateRole).toInt() == int(archi::RunState::Running)) return true;
  }
  return false;
}

bool RunsView::selectionIsResumable() const {
  const QModelIndexList rows = table_->selectionModel()->selectedRows();
  if (rows.size() != 1) return false;
  const int state = rows.front().data(RunsTableModel::StateRole).toInt();
  return state == int(archi::RunState::Stopped) || state == int(archi::RunState::Failed);
}

void RunsView::resumeSelected() {
  const QList<qint64> ids = selectedRunIds();
  if (ids.size() != 1 || !selectionIsResumable()) return;
  for (const archi::RunSummary& run : model_->runs()) {
    if (run.run.id == ids.front()) emit resumeRun(run.run.id, QString::fromStdString(run.run.name));
  }
}

void RunsView::refreshActions() {
  const qsizetype selected = table_->selectionModel()->selectedRows().size();
  action("actionOpenMonitor")->setEnabled(selected == 1);
  action("actionOpenReport")->setEnabled(selected == 1);
  action("actionResumeRun")->setEnabled(selectionIsResumable());
  action("actionDeleteRun")->setEnabled(selected == 1 && !selectionHasRunning() && !history_->isDeleting());
  action("actionDeleteRun")->setToolTip(selectionHasRunning() ? tr("A running run cannot be deleted: stop it first")
                                                               : action("actionDeleteRun")->statusTip());
  action("actionCompareRuns")->setEnabled(selected >= 2);
}

void RunsView::openMonitorForSelection() {
  const QList<qint64> ids = selectedRunIds();
  if (ids.size() == 1) emit openMonitor(ids.front());
}

void RunsView::openReportForSelection() {
  const QList<qint64> ids = selectedRunIds();
  if (ids.size() == 1) emit openReport(ids.front());
}

void RunsView::compareSelected() {
  const QList<qint64> ids = selectedRunIds();
  if (ids.size() < 2) {
    message_->setText(tr("Select two or more runs to compare them."));
    return;
  }
  if (comparison_->isHidden()) {
    comparison_->show();
    // The comparison opens below a short list: the selection stays in view, the charts get the room.
    // (after the splitter has laid the newly shown pane out, or it would ignore the sizes)
    QTimer::singleShot(0, this, [this] {
      const int total = split_->height();
      split_->setSizes({total / 5, total - total / 5});
    });
  }
  comparison_->compare(history_->storePath(), ids);
}

void RunsView::deleteSelected() {
  const QList<qint64> ids = selectedRunIds();
  if (ids.size() != 1) {
    message_->setText(tr("Select one run to delete."));
    return;
  }
  if (selectionHasRunning()) {
    const QString why = tr("run %1 is going: stop it before deleting it").arg(ids.front());
    message_->setText(tr("Run %1 was not deleted: %2").arg(ids.front()).arg(why));
    emit deletionFinished(ids.front(), why);
    return;
  }
  history_->inspectDeletion(ids.front());
}

void RunsView::confirmDeletion(const RunDeletionInventory& inventory) {
  QString why;
  if (!inventory.error.isEmpty()) {
    why = inventory.error;
  } else if (inventory.running) {
    why = tr("run %1 is going: stop it before deleting it").arg(inventory.runName);
  }
  if (!why.isEmpty()) {
    message_->setText(tr("Run %1 was not deleted: %2").arg(inventory.runId).arg(why));
    emit deletionFinished(inventory.runId, why);
    return;
  }
  const QLocale locale;
  QString text = tr("Delete run “%1” (#%2)?\n\nThis removes %3 from %4: %5 step metrics, %6 outer rounds, %7 validations, %8 events, "
                    "%9 samples, %10 checkpoint records and %11 link samples.")
                     .arg(inventory.runName, locale.toString(inventory.runId),
                          visual_style::count(inventory.rows(), tr("stored row"), tr("stored rows")), history_->storePath(),
                          locale.toString(inventory.stepRows), locale.toString(inventory.roundRows),
                          locale.toString(inventory.validationRows), locale.toString(inventory.eventRows))
                     .arg(locale.toString(inventory.sampleRows), locale.toString(inventory.checkpointRows),
                          locale.toString(inventory.linkRows));
  if (!inventory.folder.isEmpty()) {
    text += QStringLiteral("\n\n") + tr("Its folder %1 (%2: journals, checkpoints, logs) is deleted as well.")
                                          .arg(inventory.folder, visual_style::formatBytes(double(inventory.folderBytes)));
  } else {
    text += QStringLiteral("\n\n") + tr("It has no folder under %1; files it left elsewhere are kept.")
                                          .arg(QString::fromStdString(history_->dataLayout().runsDirectory().string()));
  }
  text += QStringLiteral("\n\n") + tr("This cannot be undone.");
  if (!confirm(tr("Delete Run"), text)) {
    message_->setText(tr("Run %1 was kept.").arg(inventory.runName));
    emit deletionFinished(inventory.runId, tr("declined"));
    return;
  }
  message_->setText(tr("Deleting run %1…").arg(inventory.runName));
  history_->deleteRun(inventory.runId);
  refreshActions();
}

bool RunsView::confirm(const QString& title, const QString& text) {
  if (confirm_) return confirm_(title, text);
  QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::NoButton, this);
  QPushButton* yes = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
  box.setDefaultButton(box.addButton(QMessageBox::Cancel));
  box.exec();
  return box.clickedButton() == yes;
}
