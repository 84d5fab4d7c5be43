#include "history/RunsFilterProxy.h"

#include "history/RunsTableModel.h"

RunsFilterProxy::RunsFilterProxy(QObject* parent) : QSortFilterProxyModel(parent) {
  setSortRole(RunsTableModel::SortRole);
  setDynamicSortFilter(true);
}

void RunsFilterProxy::setStateFilter(std::optional<int> state) {
  state_ = state;
  invalidateRowsFilter();
}

void RunsFilterProxy::setProjectFilter(const QString& project) {
  project_ = project;
  invalidateRowsFilter();
}

void RunsFilterProxy::setEmulatedFilter(std::optional<bool> emulated) {
  emulated_ = emulated;
  invalidateRowsFilter();
}

void RunsFilterProxy::setTextFilter(const QString& text) {
  text_ = text.trimmed();
  invalidateRowsFilter();
}

bool RunsFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
  const QAbstractItemModel* model = sourceModel();
  const QModelIndex row = model->index(sourceRow, 0, sourceParent);
  if (state_ && row.data(RunsTableModel::StateRole).toInt() != *state_) return false;
  if (!project_.isEmpty() && row.data(RunsTableModel::ProjectRole).toString() != project_) return false;
  if (emulated_ && row.data(RunsTableModel::EmulatedRole).toBool() != *emulated_) return false;
  if (text_.isEmpty()) return true;
  for (const int column : {RunsTableModel::Id, RunsTableModel::Name, RunsTableModel::Project}) {
    if (model->index(sourceRow, column, sourceParent).data().toString().contains(text_, Qt::CaseInsensitive)) return true;
  }
  return false;
}

bool RunsFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const {
  const QVariant a = left.data(RunsTableModel::SortRole);
  const QVariant b = right.data(RunsTableModel::SortRole);
  // Unknown figures (no step yet, no plan) sort below every known one.
  if (!a.isValid() || !b.isValid()) return !a.isValid() && b.isValid();
  return QVariant::compare(a, b) == QPartialOrdering::Less;
}
