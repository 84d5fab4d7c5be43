#pragma once
// Every run in the store as a table row (issue 13 item 9): state, project, start and end,
// duration, tokens, throughput, final loss, efficiency against the ideal, and whether devices
// were emulated — the figures of report/RunSummary.h as they are, formatted with the console's
// units. Updates merge by run id (rows change in place, new runs are inserted, deleted ones
// removed) so that a view keeps its selection and sort across refreshes.

#include <QAbstractTableModel>
#include <QList>

#include "report/RunSummary.h"

class RunsTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { Id, Name, State, Project, Started, Ended, Duration, Tokens, Throughput, FinalLoss, Efficiency, Emulated, ColumnCount };
  enum Role {
    SortRole = Qt::UserRole + 1,  // numbers as numbers, times as seconds since the epoch
    RunIdRole,
    StateRole,     // archi::RunState as int
    ProjectRole,   // the project's name
    EmulatedRole,  // bool
  };

  explicit RunsTableModel(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  void setRuns(const QList<archi::RunSummary>& runs);
  const QList<archi::RunSummary>& runs() const { return runs_; }
  int rowOf(qint64 runId) const;
  const archi::RunSummary* summaryAt(int row) const { return row >= 0 && row < runs_.size() ? &runs_[row] : nullptr; }

  // "✓ completed", "▶ running"…: a symbol and a word, so state never relies on colour alone.
  static QString stateText(archi::RunState state);

 private:
  QVariant display(const archi::RunSummary& run, int column) const;
  QVariant sortValue(const archi::RunSummary& run, int column) const;

  QList<archi::RunSummary> runs_;
};
