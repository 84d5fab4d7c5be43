#include "pools/PoolFilterProxy.h"

#include "pools/PoolTableModel.h"

PoolFilterProxy::PoolFilterProxy(QObject* parent) : QSortFilterProxyModel(parent) {
  setSortRole(PoolTableModel::SortRole);
  setSortCaseSensitivity(Qt::CaseInsensitive);
}

void PoolFilterProxy::setTypeFilter(const QString& type) {
  type_ = type;
  invalidateRowsFilter();
}

void PoolFilterProxy::setSiteFilter(const QString& datacenterId) {
  site_ = datacenterId;
  invalidateRowsFilter();
}

void PoolFilterProxy::setTextFilter(const QString& text) {
  text_ = text.trimmed();
  invalidateRowsFilter();
}

bool PoolFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
  const QAbstractItemModel* model = sourceModel();
  const QModelIndex first = model->index(sourceRow, 0, sourceParent);
  if (!type_.isEmpty() && model->data(first, PoolTableModel::TypeRole).toString() != type_) return false;
  if (!site_.isEmpty() && model->data(first, PoolTableModel::DatacenterIdRole).toString() != site_) return false;
  if (text_.isEmpty()) return true;
  for (int column = 0; column < model->columnCount(sourceParent); ++column) {
    if (model->data(model->index(sourceRow, column, sourceParent), Qt::DisplayRole).toString().contains(text_, Qt::CaseInsensitive)) {
      return true;
    }
  }
  return false;
}
