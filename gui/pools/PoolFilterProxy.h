#pragma once
// Filters the pool table by GPU type, by site and by free text, and sorts numbers as numbers.

#include <QSortFilterProxyModel>

class PoolFilterProxy : public QSortFilterProxyModel {
  Q_OBJECT

 public:
  explicit PoolFilterProxy(QObject* parent = nullptr);

  // Empty = every type / every site.
  void setTypeFilter(const QString& type);
  void setSiteFilter(const QString& datacenterId);
  void setTextFilter(const QString& text);

 protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

 private:
  QString type_;
  QString site_;
  QString text_;
};
