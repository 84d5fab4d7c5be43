#pragma once
// Filters the runs table by state, project, emulation and free text (run name, project, id),
// and sorts numbers and times as numbers.

#include <QSortFilterProxyModel>

#include <optional>

class RunsFilterProxy : public QSortFilterProxyModel {
  Q_OBJECT

 public:
  explicit RunsFilterProxy(QObject* parent = nullptr);

  // nullopt = every state / every project / emulated or not.
  void setStateFilter(std::optional<int> state);
  void setProjectFilter(const QString& project);  // empty = every project
  void setEmulatedFilter(std::optional<bool> emulated);
  void setTextFilter(const QString& text);

 protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
  bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

 private:
  std::optional<int> state_;
  QString project_;
  std::optional<bool> emulated_;
  QString text_;
};
