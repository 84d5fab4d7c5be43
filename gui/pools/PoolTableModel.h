#pragma once
// Every device group of the open project as a table row: where it is, what it is, what it
// offers, and whether it is enabled for the run (checkable; toggling is an undoable edit).

#include <QAbstractTableModel>

#include "bridge/ItemKey.h"

class ProjectDocument;

class PoolTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { Enabled, Datacenter, Node, Type, Vendor, Devices, MemoryGib, PeakTflops, MeasuredTokensPerS, Mode, ColumnCount };
  enum Role { SortRole = Qt::UserRole + 1, KeyRole, DatacenterIdRole, TypeRole };

  explicit PoolTableModel(ProjectDocument& document, QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role) override;

  ItemKey keyAt(int row) const { return row >= 0 && row < rows_.size() ? rows_[row] : ItemKey{}; }
  // One undoable edit for all of them.
  void setEnabled(const ItemKeys& groups, bool enabled);

 private:
  void reload();

  ProjectDocument& document_;
  ItemKeys rows_;
};
