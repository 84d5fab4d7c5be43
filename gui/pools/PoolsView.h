#pragma once
// The Pools tab: the device table with type/site/text filters, bulk enable/disable of the
// selected (or all shown) rows, and totals per GPU type and per site.

#include <QWidget>

class ProjectDocument;
class PoolFilterProxy;
class PoolTableModel;
class QComboBox;
class QLineEdit;
class QTableView;
class QTreeWidget;

class PoolsView : public QWidget {
  Q_OBJECT

 public:
  explicit PoolsView(ProjectDocument& document, QWidget* parent = nullptr);

  PoolTableModel* model() const { return model_; }
  PoolFilterProxy* proxy() const { return proxy_; }
  QTableView* table() const { return table_; }
  // Enables or disables the selected rows, or every shown row when none is selected.
  void setShownEnabled(bool enabled);

 private:
  void refreshFilters();
  void refreshTotals();

  ProjectDocument& document_;
  PoolTableModel* model_;
  PoolFilterProxy* proxy_;
  QTableView* table_;
  QComboBox* typeFilter_;
  QComboBox* siteFilter_;
  QLineEdit* search_;
  QTreeWidget* byType_;
  QTreeWidget* bySite_;
};
