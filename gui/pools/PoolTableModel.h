#pragma once
// Every device of the open project as a table row: where it is, what it is, what it offers,
// and whether it is enabled for the run (checkable; toggling is an undoable edit).

#include <QAbstractTableModel>
#include <QHash>

#include "bridge/ItemKey.h"
#include "topology/TopologyEdits.h"

class ProjectDocument;

class PoolTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { Enabled, Datacenter, Node, Device, Type, Vendor, MemoryGib, PeakTflops, MeasuredTokensPerS, Mode, ColumnCount };
  enum Role { SortRole = Qt::UserRole + 1, KeyRole, DeviceIdRole, DatacenterIdRole, TypeRole };

  explicit PoolTableModel(ProjectDocument& document, QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role) override;

  // The device group a row belongs to (what the canvas selects).
  ItemKey keyAt(int row) const { return row >= 0 && row < rows_.size() ? rows_[row].group : ItemKey{}; }
  topology_edits::DeviceRef deviceAt(int row) const {
    return row >= 0 && row < rows_.size() ? rows_[row].device : topology_edits::DeviceRef{};
  }
  // Measured speeds by device id (from the run store), and the run they come from.
  void setMeasured(const QHash<QString, double>& tokensPerSecond, const QString& runName);

  // One undoable edit for all of them.
  void setEnabled(const QList<topology_edits::DeviceRef>& devices, bool enabled);

 private:
  void reload();

  struct Row {
    ItemKey group;
    topology_edits::DeviceRef device;
    bool operator==(const Row&) const = default;
  };

  ProjectDocument& document_;
  QList<Row> rows_;
  QHash<QString, double> measured_;
  QString measuredRun_;
};
