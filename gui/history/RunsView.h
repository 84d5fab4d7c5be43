#pragma once
// The History tab's Runs view (issue 13 items 9-10): every run in the store — the console's
// and those `archi run` starts on the command line, which share the store — with search and
// filters by state, project and emulation; Open Monitor, Open Report, Delete… (after saying
// what will be lost, never while the run is going) and Compare (two or more runs). The list is
// read off the GUI thread and refreshed every few seconds while the view is shown, keeping the
// selection and the sort.

#include <QList>
#include <QWidget>

#include <functional>

#include "core/DataLayout.h"

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QSplitter;
class QTableView;
class QTimer;
class RunComparison;
class RunHistory;
class RunsFilterProxy;
class RunsTableModel;
struct RunDeletionInventory;

class RunsView : public QWidget {
  Q_OBJECT

 public:
  explicit RunsView(QWidget* parent = nullptr);

  void setDataLayout(const archi::DataLayout& layout);
  // Reads the store again now (F5); the view also does so every few seconds while shown.
  void refresh();
  void setRefreshInterval(int interval_ms);

  QList<qint64> selectedRunIds() const;
  void selectRuns(const QList<qint64>& runIds);

  void openMonitorForSelection();
  void openReportForSelection();
  // Emits resumeRun for the one selected run when it stopped or failed.
  void resumeSelected();
  // Counts what deleting the selected run removes, asks, then deletes it on a worker thread.
  void deleteSelected();
  void compareSelected();

  // Replaces the delete confirmation (tests answer without a modal loop).
  void setConfirm(std::function<bool(const QString& title, const QString& text)> confirm) { confirm_ = std::move(confirm); }

  RunsTableModel* model() const { return model_; }
  RunsFilterProxy* proxy() const { return proxy_; }
  QTableView* table() const { return table_; }
  RunComparison* comparison() const { return comparison_; }
  RunHistory* history() const { return history_; }
  QAction* action(const QString& objectName) const;
  QComboBox* stateFilter() const { return stateFilter_; }
  QComboBox* projectFilter() const { return projectFilter_; }
  QComboBox* emulatedFilter() const { return emulatedFilter_; }
  QLineEdit* searchField() const { return search_; }
  QString statusText() const;

 signals:
  void openMonitor(qint64 runId);
  void openReport(qint64 runId);
  // Resume asked for the selected run (stopped or failed): it continues from its checkpoints.
  void resumeRun(qint64 runId, const QString& runName);
  // After a deletion was asked for: `error` empty when it went, else why not (refused, declined
  // or failed).
  void deletionFinished(qint64 runId, const QString& error);

 protected:
  void showEvent(QShowEvent* event) override;
  void hideEvent(QHideEvent* event) override;

 private:
  QAction* makeAction(const QString& name, const QString& text, const QKeySequence& shortcut, const QString& tip,
                      const std::function<void()>& slot);
  void showListing();
  void refreshProjects();
  void refreshComparison();
  void refreshActions();
  void applyFilters();
  void confirmDeletion(const RunDeletionInventory& inventory);
  bool confirm(const QString& title, const QString& text);
  bool selectionHasRunning() const;
  bool selectionIsResumable() const;

  RunHistory* history_;
  RunsTableModel* model_;
  RunsFilterProxy* proxy_;
  QTableView* table_;
  QLineEdit* search_;
  QComboBox* stateFilter_;
  QComboBox* projectFilter_;
  QComboBox* emulatedFilter_;
  QLabel* status_;
  QLabel* message_;
  QSplitter* split_;
  RunComparison* comparison_;
  QTimer* timer_;
  QList<QAction*> actions_;
  std::function<bool(const QString&, const QString&)> confirm_;
};
