// Editing the topology through the canvas, the properties dock and the pools table, offscreen:
// each edit gives the expected project, undo returns exactly to the original, redo exactly to
// the edit; validation problems mark their items.

#include <QtTest>

#include <QAbstractItemModelTester>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QUndoStack>

#include "app/MainWindow.h"
#include "bridge/ProjectDocument.h"
#include "pools/PoolTableModel.h"
#include "pools/PoolsView.h"
#include "topology/TopologyItems.h"
#include "topology/TopologyScene.h"
#include "topology/TopologyView.h"

namespace {

int enabledDevices(const archi::Project& project) {
  int n = 0;
  for (const auto& dc : project.topology.datacenters)
    for (const auto& node : dc.nodes)
      for (const auto& g : node.devices) n += g.enabled ? g.count : 0;
  return n;
}

}  // namespace

class TopologyEditingTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
  void init();
  void cleanup();
  void editThenUndoRedo_data();
  void editThenUndoRedo();
  void problemsMarkTheirItems();
  void pointersMapToItems_data();
  void pointersMapToItems();

 private:
  QPoint viewPoint(const QPointF& scenePos) const { return window_->topologyView()->mapFromScene(scenePos); }
  QPointF dcOrigin(int dc) const { return window_->scene()->itemFor(ItemKey::datacenter(dc))->scenePos(); }
  void perform(const QString& operation);

  std::unique_ptr<ProjectDocument> document_;
  std::unique_ptr<MainWindow> window_;
};

void TopologyEditingTest::init() {
  document_ = std::make_unique<ProjectDocument>();
  QVERIFY(document_->loadCatalog());
  window_ = std::make_unique<MainWindow>(*document_);
  window_->setSaveChangesPrompt([] { return QMessageBox::Discard; });
  window_->resize(1400, 900);
  window_->show();
  QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
  QVERIFY(window_->openProject(QStringLiteral(ARCHIPELAGO_SOURCE_DIR "/resources/examples/local-demo.archipelago.json")));
  window_->topologyView()->resetZoom();
  window_->topologyView()->centerOn(window_->scene()->contentRect().center());
}

void TopologyEditingTest::cleanup() {
  window_.reset();
  document_.reset();
}

void TopologyEditingTest::perform(const QString& op) {
  TopologyScene* scene = window_->scene();
  TopologyView* view = window_->topologyView();
  QWidget* viewport = view->viewport();
  if (op == "drop GPU on node") {
    const QPointF onNode = scene->itemFor(ItemKey::nodeOf(1, 0))->sceneBoundingRect().center();
    QVERIFY(view->dropGpuType("H200", onNode));
  } else if (op == "drop GPU on datacenter header") {
    QVERIFY(view->dropGpuType("MI300X", dcOrigin(2) + QPointF(60, 20)));
  } else if (op == "drop GPU on empty canvas") {
    QVERIFY(view->dropGpuType("L20", QPointF(-1500, 900)));
  } else if (op == "draw link from handle") {
    QVERIFY(view->dropGpuType("L20", QPointF(-600, 0)));  // a fourth datacenter, not yet linked
    const QPointF handle = dcOrigin(3) + QPointF(DatacenterItem::kWidth - 22, 22);
    const QPointF target = scene->itemFor(ItemKey::datacenter(0))->sceneBoundingRect().center();
    QTest::mousePress(viewport, Qt::LeftButton, {}, viewPoint(handle));
    QTest::mouseMove(viewport, viewPoint((handle + target) / 2));
    QTest::mouseMove(viewport, viewPoint(target));
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, viewPoint(target));
    QCOMPARE(document_->project()->topology.links.back().a, std::string("dc-4"));
    QCOMPARE(document_->project()->topology.links.back().b, std::string("beijing"));
  } else if (op == "move datacenter by mouse") {
    const QPointF grab = dcOrigin(0) + QPointF(150, 12);
    QTest::mousePress(viewport, Qt::LeftButton, {}, viewPoint(grab));
    QTest::mouseMove(viewport, viewPoint(grab + QPointF(40, 10)));
    QTest::mouseMove(viewport, viewPoint(grab + QPointF(80, 40)));
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, viewPoint(grab + QPointF(80, 40)));
    QCoreApplication::processEvents();
    QCOMPARE(document_->project()->topology.datacenters[0].position.x, 80.0);
    QCOMPARE(document_->project()->topology.datacenters[0].position.y, 40.0);
  } else if (op == "delete datacenter") {
    scene->selectKeys({ItemKey::datacenter(0)});
    window_->action("actionDelete")->trigger();
  } else if (op == "delete link") {
    scene->selectKeys({ItemKey::wanLink(0)});
    window_->deleteSelection();
  } else if (op == "copy and paste datacenter") {
    scene->selectKeys({ItemKey::datacenter(2)});
    window_->action("actionCopy")->trigger();
    window_->action("actionPaste")->trigger();
    QCOMPARE(document_->project()->topology.datacenters[3].id, std::string("ulanqab-2"));
    QCOMPARE(document_->project()->topology.datacenters[3].nodes[0].id, std::string("uq-node-01-2"));
  } else if (op == "align left") {
    scene->selectKeys({ItemKey::datacenter(0), ItemKey::datacenter(1), ItemKey::datacenter(2)});
    window_->action("actionAlignLeft")->trigger();
    for (const auto& dc : document_->project()->topology.datacenters) QCOMPARE(dc.position.x, 0.0);
  } else if (op == "nudge with arrow keys") {
    scene->selectKeys({ItemKey::datacenter(1)});
    view->setFocus();
    for (int i = 0; i < 3; ++i) QTest::keyClick(view, Qt::Key_Right);
    QTest::keyClick(view, Qt::Key_Up, Qt::ShiftModifier);
    QCOMPARE(document_->project()->topology.datacenters[1].position.x, 450.0);
    QCOMPARE(document_->project()->topology.datacenters[1].position.y, 210.0);
  } else if (op == "rename datacenter id in properties") {
    scene->selectKeys({ItemKey::datacenter(0)});
    emit scene->selectionKeysChanged(scene->selectedKeys());
    QCoreApplication::processEvents();
    auto* id = window_->findChild<QLineEdit*>("prop_dc_id");
    QVERIFY(id != nullptr);
    id->setText("peking");
    emit id->editingFinished();
    QCOMPARE(document_->project()->topology.links[0].a, std::string("peking"));
    QCOMPARE(document_->project()->topology.links[1].a, std::string("peking"));
  } else if (op == "link bandwidth in properties") {
    scene->selectKeys({ItemKey::wanLink(2)});
    emit scene->selectionKeysChanged(scene->selectedKeys());
    QCoreApplication::processEvents();
    auto* gbit = window_->findChild<QDoubleSpinBox*>("prop_link_gbit");
    QVERIFY(gbit != nullptr);
    gbit->setValue(2.5);
    QCOMPARE(document_->project()->topology.links[2].gbit, 2.5);
  } else if (op == "disable a device in pools") {
    PoolTableModel* model = window_->poolsView()->model();
    QVERIFY(model->setData(model->index(2, PoolTableModel::Enabled), Qt::Unchecked, Qt::CheckStateRole));
    // Beijing's second group (2 × H20) splits into its disabled first device and the enabled other.
    const auto& groups = document_->project()->topology.datacenters[0].nodes[0].devices;
    QCOMPARE(groups.size(), std::size_t{3});
    QVERIFY(!groups[1].enabled);
    QCOMPARE(groups[1].count, 1);
    QVERIFY(groups[2].enabled);
  } else if (op == "link two datacenters from the keyboard") {
    scene->selectKeys({ItemKey::wanLink(0)});
    window_->deleteSelection();
    scene->selectKeys({ItemKey::datacenter(0), ItemKey::datacenter(1)});
    QTest::keyClick(view, Qt::Key_K, Qt::ControlModifier);
    QCOMPARE(document_->project()->topology.links.back().a, std::string("beijing"));
    QCOMPARE(document_->project()->topology.links.back().b, std::string("guiyang"));
  } else if (op == "add datacenter and node") {
    window_->action("actionAddDatacenter")->trigger();
    window_->action("actionAddNode")->trigger();
    QCOMPARE(document_->project()->topology.datacenters.back().nodes.size(), std::size_t{2});
  } else {
    QFAIL(qPrintable("unknown operation " + op));
  }
}

void TopologyEditingTest::editThenUndoRedo_data() {
  QTest::addColumn<QString>("operation");
  QTest::addColumn<int>("datacenters");
  QTest::addColumn<int>("links");
  QTest::addColumn<int>("devices");
  QTest::addColumn<int>("enabled");
  QTest::addColumn<int>("steps");  // undo steps the operation takes
  // The demo: 3 datacenters, 3 links, 10 devices, all enabled.
  QTest::newRow("drop GPU on node") << "drop GPU on node" << 3 << 3 << 11 << 11 << 1;
  QTest::newRow("drop GPU on datacenter header") << "drop GPU on datacenter header" << 3 << 3 << 11 << 11 << 1;
  QTest::newRow("drop GPU on empty canvas") << "drop GPU on empty canvas" << 4 << 3 << 11 << 11 << 1;
  QTest::newRow("draw link from handle") << "draw link from handle" << 4 << 4 << 11 << 11 << 2;
  QTest::newRow("move datacenter by mouse") << "move datacenter by mouse" << 3 << 3 << 10 << 10 << 1;
  QTest::newRow("delete datacenter takes its links") << "delete datacenter" << 2 << 1 << 6 << 6 << 1;
  QTest::newRow("delete link") << "delete link" << 3 << 2 << 10 << 10 << 1;
  QTest::newRow("copy and paste datacenter") << "copy and paste datacenter" << 4 << 3 << 14 << 14 << 1;
  QTest::newRow("align left") << "align left" << 3 << 3 << 10 << 10 << 1;
  QTest::newRow("nudges merge into one step") << "nudge with arrow keys" << 3 << 3 << 10 << 10 << 1;
  QTest::newRow("rename datacenter id") << "rename datacenter id in properties" << 3 << 3 << 10 << 10 << 1;
  QTest::newRow("link bandwidth") << "link bandwidth in properties" << 3 << 3 << 10 << 10 << 1;
  QTest::newRow("disable in pools") << "disable a device in pools" << 3 << 3 << 10 << 9 << 1;
  QTest::newRow("link from the keyboard") << "link two datacenters from the keyboard" << 3 << 3 << 10 << 10 << 2;
  QTest::newRow("add datacenter and node") << "add datacenter and node" << 4 << 3 << 10 << 10 << 2;
}

void TopologyEditingTest::editThenUndoRedo() {
  QFETCH(QString, operation);
  QFETCH(int, datacenters);
  QFETCH(int, links);
  QFETCH(int, devices);
  QFETCH(int, enabled);
  QFETCH(int, steps);
  const archi::Project original = *document_->project();
  const int originalItems = int(window_->scene()->items().size());

  perform(operation);
  if (QTest::currentTestFailed()) return;
  const archi::Project edited = *document_->project();
  QCOMPARE(int(edited.topology.datacenters.size()), datacenters);
  QCOMPARE(int(edited.topology.links.size()), links);
  QCOMPARE(edited.topology.deviceCount(), devices);
  QCOMPARE(enabledDevices(edited), enabled);
  QCOMPARE(document_->undoStack()->count(), steps);
  QVERIFY(document_->isModified());

  // The canvas follows the project: one link item per link, one region per datacenter.
  int linkItems = 0;
  int dcItems = 0;
  for (QGraphicsItem* item : window_->scene()->items()) {
    linkItems += dynamic_cast<LinkItem*>(item) ? 1 : 0;
    dcItems += dynamic_cast<DatacenterItem*>(item) ? 1 : 0;
  }
  QCOMPARE(linkItems, links);
  QCOMPARE(dcItems, datacenters);

  window_->action("actionUndo")->trigger();
  for (int i = 1; i < steps; ++i) document_->undoStack()->undo();
  QVERIFY(*document_->project() == original);
  QVERIFY(!document_->isModified());
  QCOMPARE(int(window_->scene()->items().size()), originalItems);

  for (int i = 1; i < steps; ++i) document_->undoStack()->redo();
  window_->action("actionRedo")->trigger();
  QVERIFY(*document_->project() == edited);
}

void TopologyEditingTest::problemsMarkTheirItems() {
  // Break things through edits and watch the marks come and go with undo.
  archi::Project broken = *document_->project();
  broken.topology.datacenters[1].nodes[0].devices[0].type = "A100-80";  // unknown type
  broken.topology.links[2].gbit = 0.0;
  document_->applyEdit("break", broken);
  auto* group = window_->scene()->itemFor(ItemKey::deviceGroup(1, 0, 0));
  auto* link = window_->scene()->itemFor(ItemKey::wanLink(2));
  QCOMPARE(group->problem(), KeyedItem::Problem::Error);
  QVERIFY(group->toolTip().contains("unknown GPU type \"A100-80\""));
  QVERIFY(group->toolTip().contains("did you mean \"A100-80G\"?"));
  QCOMPARE(link->problem(), KeyedItem::Problem::Error);
  QVERIFY(link->toolTip().contains("gbit: must be > 0"));
  QCOMPARE(window_->scene()->itemFor(ItemKey::datacenter(0))->problem(), KeyedItem::Problem::None);
  document_->undoStack()->undo();
  QCOMPARE(window_->scene()->itemFor(ItemKey::deviceGroup(1, 0, 0))->problem(), KeyedItem::Problem::None);
  QCOMPARE(window_->scene()->itemFor(ItemKey::wanLink(2))->problem(), KeyedItem::Problem::None);
}

void TopologyEditingTest::pointersMapToItems_data() {
  QTest::addColumn<QString>("pointer");
  QTest::addColumn<ItemKey>("key");
  QTest::newRow("device type") << "/datacenters/1/nodes/0/devices/2/type" << ItemKey::deviceGroup(1, 0, 2);
  QTest::newRow("node port") << "/datacenters/0/nodes/3/agent_port" << ItemKey::nodeOf(0, 3);
  QTest::newRow("node list") << "/datacenters/2/nodes" << ItemKey::datacenter(2);
  QTest::newRow("fabric") << "/datacenters/0/fabric/gbit" << ItemKey::datacenter(0);
  QTest::newRow("link end") << "/links/10/b" << ItemKey::wanLink(10);
  QTest::newRow("run settings") << "/run/model/dim" << ItemKey{};
  QTest::newRow("root") << "" << ItemKey{};
  QTest::newRow("not an index") << "/datacenters/x/nodes/0" << ItemKey{};
}

void TopologyEditingTest::pointersMapToItems() {
  QFETCH(QString, pointer);
  QFETCH(ItemKey, key);
  QCOMPARE(ItemKey::fromPointer(pointer.toStdString()), key);
  if (key.isValid()) QVERIFY(pointer.startsWith(key.pointer()));
}

QTEST_MAIN(TopologyEditingTest)
#include "tst_topology_editing.moc"
