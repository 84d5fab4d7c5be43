// The pools table: the source model and its filter proxy under QAbstractItemModelTester
// through resets and edits, filters by type, site and text, bulk enable/disable, and totals.

#include <QtTest>

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QItemSelectionModel>
#include <QTableView>
#include <QTreeWidget>
#include <QUndoStack>

#include "bridge/ProjectDocument.h"
#include "pools/PoolFilterProxy.h"
#include "pools/PoolTableModel.h"
#include "pools/PoolsView.h"

class PoolsModelTest : public QObject {
  Q_OBJECT

 private slots:
  void init();
  void modelsPassTheTester();
  void rowsDescribeEachGroup();
  void filters_data();
  void filters();
  void bulkDisableActsOnShownRows();
  void totalsCountEnabledDevices();

 private:
  std::unique_ptr<ProjectDocument> document_;
};

void PoolsModelTest::init() {
  document_ = std::make_unique<ProjectDocument>();
  QVERIFY(document_->loadCatalog());
  QVERIFY(document_->open(QStringLiteral(ARCHIPELAGO_SOURCE_DIR "/resources/examples/local-demo.archipelago.json")));
}

void PoolsModelTest::modelsPassTheTester() {
  PoolTableModel model(*document_);
  PoolFilterProxy proxy;
  proxy.setSourceModel(&model);
  QAbstractItemModelTester sourceTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
  QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
  QCOMPARE(model.rowCount(), 10);  // one row per device
  proxy.sort(PoolTableModel::PeakTflops, Qt::DescendingOrder);
  proxy.setTypeFilter("H20");
  QCOMPARE(proxy.rowCount(), 6);
  // Value edits keep the shape; structural edits reset; both must keep the models consistent.
  QVERIFY(model.setData(model.index(1, PoolTableModel::Enabled), Qt::Unchecked, Qt::CheckStateRole));
  archi::Project bigger = *document_->project();
  bigger.topology.datacenters[0].nodes[0].devices.push_back({"H20", 3, false, true});
  document_->applyEdit("add", bigger);
  QCOMPARE(model.rowCount(), 13);
  QCOMPARE(proxy.rowCount(), 9);
  document_->undoStack()->undo();
  document_->undoStack()->undo();
  QCOMPARE(model.rowCount(), 10);
  document_->newProject();
  QCOMPARE(model.rowCount(), 0);
  QCOMPARE(proxy.rowCount(), 0);
}

void PoolsModelTest::rowsDescribeEachGroup() {
  PoolTableModel model(*document_);
  auto cell = [&](int row, int column) { return model.index(row, column).data().toString(); };
  // Rows: Beijing A100 #0 #1, H20 #2 #3; Guiyang Ascend #0 #1; Ulanqab H20 #0-#3.
  QCOMPARE(cell(5, PoolTableModel::Datacenter), QString("Guiyang"));
  QCOMPARE(cell(5, PoolTableModel::Node), QString("gy-node-01"));
  QCOMPARE(cell(5, PoolTableModel::Device), QString("#1"));
  QCOMPARE(cell(5, PoolTableModel::Type), QString("Ascend-910B"));
  QCOMPARE(cell(5, PoolTableModel::Vendor), QString("Huawei"));
  QCOMPARE(cell(5, PoolTableModel::MemoryGib), QString("64"));
  QCOMPARE(cell(5, PoolTableModel::PeakTflops), QString("320.0"));
  QCOMPARE(cell(5, PoolTableModel::Mode), QString("emulated"));
  QCOMPARE(cell(5, PoolTableModel::MeasuredTokensPerS), QString("—"));
  QCOMPARE(model.index(3, 0).data(PoolTableModel::DeviceIdRole).toString(), QString("beijing/bj-node-01/3"));
  QCOMPARE(cell(3, PoolTableModel::Type), QString("H20"));
  QCOMPARE(model.index(5, PoolTableModel::Enabled).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
  QCOMPARE(model.index(0, PoolTableModel::PeakTflops).data(PoolTableModel::SortRole).toDouble(), 312.0);
  QVERIFY(model.flags(model.index(0, PoolTableModel::Enabled)) & Qt::ItemIsUserCheckable);
  QVERIFY(!(model.flags(model.index(0, PoolTableModel::Type)) & Qt::ItemIsUserCheckable));
}

void PoolsModelTest::filters_data() {
  QTest::addColumn<QString>("type");
  QTest::addColumn<QString>("site");
  QTest::addColumn<QString>("text");
  QTest::addColumn<int>("rows");
  QTest::newRow("everything") << "" << "" << "" << 10;
  QTest::newRow("one type") << "H20" << "" << "" << 6;
  QTest::newRow("one site") << "" << "beijing" << "" << 4;
  QTest::newRow("type and site") << "H20" << "ulanqab" << "" << 4;
  QTest::newRow("type absent at site") << "Ascend-910B" << "beijing" << "" << 0;
  QTest::newRow("text matches vendor") << "" << "" << "huawei" << 2;
  QTest::newRow("text matches node") << "" << "" << "bj-node" << 4;
}

void PoolsModelTest::filters() {
  QFETCH(QString, type);
  QFETCH(QString, site);
  QFETCH(QString, text);
  QFETCH(int, rows);
  PoolTableModel model(*document_);
  PoolFilterProxy proxy;
  proxy.setSourceModel(&model);
  QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
  proxy.setTypeFilter(type);
  proxy.setSiteFilter(site);
  proxy.setTextFilter(text);
  QCOMPARE(proxy.rowCount(), rows);
}

void PoolsModelTest::bulkDisableActsOnShownRows() {
  PoolsView view(*document_);
  auto* typeFilter = view.findChild<QComboBox*>("poolTypeFilter");
  QCOMPARE(typeFilter->count(), 4);  // all types + A100-80G, Ascend-910B, H20
  typeFilter->setCurrentIndex(typeFilter->findData("H20"));
  QCOMPARE(view.proxy()->rowCount(), 6);
  view.setShownEnabled(false);  // no selection: every shown row
  const auto& dcs = document_->project()->topology.datacenters;
  QVERIFY(!dcs[0].nodes[0].devices[1].enabled);
  QVERIFY(!dcs[2].nodes[0].devices[0].enabled);
  QVERIFY(dcs[0].nodes[0].devices[0].enabled);
  QCOMPARE(document_->undoStack()->count(), 1);
  // The filter survives the edit.
  QCOMPARE(typeFilter->currentData().toString(), QString("H20"));
  // With a selection, only the selected rows: one A100 of Beijing's two.
  typeFilter->setCurrentIndex(0);
  int row = -1;
  for (int r = 0; r < view.proxy()->rowCount(); ++r) {
    if (view.proxy()->index(r, 0).data(PoolTableModel::DeviceIdRole).toString() == "beijing/bj-node-01/1") row = r;
  }
  QVERIFY(row >= 0);
  view.table()->selectionModel()->select(view.proxy()->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  view.setShownEnabled(false);
  const auto& groups = document_->project()->topology.datacenters[0].nodes[0].devices;
  QCOMPARE(groups.size(), std::size_t{3});  // A100 on, A100 off, H20 off
  QVERIFY(groups[0].enabled && groups[0].count == 1);
  QVERIFY(!groups[1].enabled && groups[1].count == 1 && groups[1].type == "A100-80G");
  QVERIFY(!groups[2].enabled && groups[2].count == 2);
  // The selection survives the edit; enabling it again joins the A100s back into one group.
  QCOMPARE(view.table()->selectionModel()->selectedRows().size(), 1);
  view.setShownEnabled(true);
  QCOMPARE(document_->project()->topology.datacenters[0].nodes[0].devices.size(), std::size_t{2});
  QCOMPARE(document_->project()->topology.datacenters[0].nodes[0].devices[0].count, 2);
  QVERIFY(!document_->project()->topology.datacenters[0].nodes[0].devices[1].enabled);  // H20s untouched
  QCOMPARE(document_->undoStack()->count(), 3);
  for (int i = 0; i < 3; ++i) document_->undoStack()->undo();
  for (const auto& dc : document_->project()->topology.datacenters)
    for (const auto& node : dc.nodes)
      for (const auto& g : node.devices) QVERIFY(g.enabled);
}

void PoolsModelTest::totalsCountEnabledDevices() {
  PoolsView view(*document_);
  auto* byType = view.findChild<QTreeWidget*>("poolTotalsByType");
  auto* bySite = view.findChild<QTreeWidget*>("poolTotalsBySite");
  QCOMPARE(byType->topLevelItemCount(), 4);  // three types and the total
  QCOMPARE(bySite->topLevelItemCount(), 4);  // three sites and the total
  QCOMPARE(byType->topLevelItem(2)->text(0), QString("H20"));
  QCOMPARE(byType->topLevelItem(2)->text(1), QString("6 / 6"));
  QCOMPARE(bySite->topLevelItem(3)->text(1), QString("10 / 10"));
  QCOMPARE(bySite->topLevelItem(3)->text(3), QString("2.15 PFLOPS"));
  archi::Project p = *document_->project();
  p.topology.datacenters[2].nodes[0].devices[0].enabled = false;  // Ulanqab's 4 × H20
  document_->applyEdit("disable", p);
  QCOMPARE(byType->topLevelItem(2)->text(1), QString("2 / 6"));
  QCOMPARE(bySite->topLevelItem(2)->text(1), QString("0 / 4"));
  QCOMPARE(bySite->topLevelItem(3)->text(1), QString("6 / 10"));
  QCOMPARE(bySite->topLevelItem(3)->text(3), QString("1.56 PFLOPS"));
}

QTEST_MAIN(PoolsModelTest)
#include "tst_pools_model.moc"
