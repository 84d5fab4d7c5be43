#pragma once
// The followed run's events, newest first (issue 13, Monitor 6): time, level, source, kind
// and sentence, with a proxy that filters by level, source and kind and searches the text.

#include <QAbstractTableModel>
#include <QList>
#include <QSortFilterProxyModel>

#include "bridge/MonitorSnapshot.h"

class MonitorEventsModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { Time, Level, Source, Kind, Text, ColumnCount };
  // Sorts by the number behind a cell (seconds since start), not its text.
  static constexpr int kSortRole = Qt::UserRole + 1;
  using QAbstractTableModel::QAbstractTableModel;

  // Events arrive in the order stored; those past the ones already shown go on top.
  void sync(const QList<MonitorEvent>& events);
  void clear();
  const MonitorEvent& eventAt(int row) const { return events_[events_.size() - 1 - row]; }

  int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : static_cast<int>(events_.size()); }
  int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : ColumnCount; }
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  QList<MonitorEvent> events_;  // oldest first; row 0 shows the last
};

class MonitorEventsFilter : public QSortFilterProxyModel {
  Q_OBJECT

 public:
  using QSortFilterProxyModel::QSortFilterProxyModel;
  // An empty string lets every value through.
  void setFilters(const QString& level, const QString& source, const QString& kind, const QString& search);

 protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

 private:
  QString level_;
  QString source_;
  QString kind_;
  QString search_;
};
