#pragma once
// The settings diff as a table: a mark column ("≠" on a setting that differs between the runs,
// the row also tinted — never colour alone), the setting's name, then one column per run. With
// a baseline pinned, every other run's numbers also show their difference to it.

#include <QAbstractTableModel>
#include <QList>

#include "history/SettingsDiff.h"

class SettingsDiffModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { Mark, Setting, FirstRun };
  enum Role { KeyRole = Qt::UserRole + 1, DiffersRole };

  explicit SettingsDiffModel(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  // `runNames` label the run columns, in the order of the rows' cells.
  void setRows(const QList<SettingsDiffRow>& rows, const QStringList& runNames);
  void setBaseline(int runIndex);  // -1: none
  int baseline() const { return baseline_; }
  const QList<SettingsDiffRow>& rows() const { return rows_; }

 private:
  QString cellText(const SettingsDiffRow& row, int run) const;

  QList<SettingsDiffRow> rows_;
  QStringList runNames_;
  int baseline_ = -1;
};
