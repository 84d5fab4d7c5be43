// Node state in the console (issue 12 item 9), offscreen: a project of three nodes — one whose
// `archi agent` runs (started by the test), one enrolled but with nothing on its port, one never
// enrolled — is checked in the background; the cards carry the states and the Problems list
// names the two nodes that cannot be reached, selecting a node when its row is activated.
// Also the approval of a node's certificate request behind Tools > Approve Node…, and the nodes
// of Slurm datacenters, which show their slurmrestd's partition and what their job would lack.

#include <QtTest>

#include <QTreeWidget>

#include "NodeAgentFixture.h"
#include "app/MainWindow.h"
#include "app/ProblemsPanel.h"
#include "bridge/NodeApproval.h"
#include "bridge/NodeStatusService.h"
#include "comm/pki/NodePins.h"
#include "comm/pki/NodeRequest.h"
#include "bridge/ProjectDocument.h"
#include "bridge/RunService.h"
#include "common/SlurmRestFixture.h"
#include "common/TestProject.h"
#include "topology/NodeItem.h"
#include "topology/TopologyScene.h"

class NodeStatusTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
  void reachableUnreachableAndNotEnrolled();
  void approvesANodeRequest();
  void slurmDatacentersShowTheirPartition();
};

namespace {

QList<QTreeWidgetItem*> rowsFrom(QTreeWidget* problems, const QString& source) {
  QList<QTreeWidgetItem*> rows;
  for (int i = 0; i < problems->topLevelItemCount(); ++i) {
    if (problems->topLevelItem(i)->text(2) == source) rows.append(problems->topLevelItem(i));
  }
  return rows;
}

QList<QTreeWidgetItem*> agentRows(QTreeWidget* problems) { return rowsFrom(problems, QStringLiteral("agent")); }

}  // namespace

void NodeStatusTest::reachableUnreachableAndNotEnrolled() {
  QTemporaryDir dir;
  const archi::DataLayout data(dir.filePath("data").toStdString());
  NodeAgentFixture agents(data.pkiDirectory(), dir.filePath("nodes").toStdString());
  agents.enroll("east-node", "east");
  agents.enroll("west-node", "west");
  const int eastPort = agents.start("east-node");
  QVERIFY(eastPort > 0);
  const QString file = TestProject("node-states")
                           .datacenter("east", eastPort, {"CPU", 1, false})
                           .datacenter("west", NodeAgentFixture::closedPort(), {"CPU", 1, false})
                           .datacenter("north", NodeAgentFixture::closedPort(), {"CPU", 1, false})
                           .link("east", "west", 1.0, 5.0)
                           .link("west", "north", 1.0, 5.0)
                           .write(dir);

  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  MainWindow window(document);
  window.setSaveChangesPrompt([] { return QMessageBox::Discard; });
  window.runService()->setSettings({qEnvironmentVariable("ARCHI_BIN"), dir.filePath("data"), 0});
  NodeStatusService* service = window.nodeStatusService();
  QSignalSpy checked(service, &NodeStatusService::checkFinished);
  QVERIFY(window.openProject(file));
  // Before any answer every card says "not checked".
  QCOMPARE(window.scene()->nodeItem("east-node")->agentStatus().state, NodeStatus::State::Unchecked);
  QVERIFY(checked.wait(20000));
  QTRY_VERIFY_WITH_TIMEOUT(!service->isChecking(), 20000);

  const NodeStatus* east = service->statusOf("east-node");
  const NodeStatus* west = service->statusOf("west-node");
  const NodeStatus* north = service->statusOf("north-node");
  QVERIFY(east && west && north);
  QVERIFY2(east->state == NodeStatus::State::Reachable, qPrintable(east->problem()));
  QVERIFY(!east->version.isEmpty());
  QCOMPARE(west->state, NodeStatus::State::Unreachable);
  QVERIFY(!west->reason.isEmpty());
  QCOMPARE(north->state, NodeStatus::State::Unreachable);
  QVERIFY2(north->reason.startsWith("not enrolled"), qPrintable(north->reason));

  // The cards carry the states; the reason is in the unreachable card's tooltip.
  QCOMPARE(window.scene()->nodeItem("east-node")->agentStatus().state, NodeStatus::State::Reachable);
  QCOMPARE(window.scene()->nodeItem("west-node")->agentStatus().state, NodeStatus::State::Unreachable);
  QVERIFY(window.scene()->nodeItem("west-node")->toolTip().contains(west->reason));

  // Problems: one warning per node that cannot be reached, naming it; none for the reachable one.
  QTreeWidget* problems = window.problemsPanel();
  const QList<QTreeWidgetItem*> rows = agentRows(problems);
  QCOMPARE(rows.size(), 2);
  QTreeWidgetItem* westRow = nullptr;
  for (QTreeWidgetItem* row : rows) {
    QCOMPARE(row->text(0), QStringLiteral("warning"));
    QVERIFY(!row->text(3).contains("east-node"));
    if (row->text(3).contains("west-node")) westRow = row;
  }
  QVERIFY(westRow);
  QVERIFY(westRow->text(1).contains("west-node"));

  // Activating the row selects the node on the canvas.
  emit problems->itemActivated(westRow, 0);
  QCOMPARE(window.scene()->selectedKeys(), ItemKeys{ItemKey::nodeOf(1, 0)});

  // Run > Check Nodes asks again.
  checked.clear();
  window.action("actionCheckNodes")->trigger();
  QVERIFY(checked.wait(20000));
  QCOMPARE(service->statusOf("east-node")->state, NodeStatus::State::Reachable);
}

// Tools > Approve Node…'s bridge: what the request says is shown, and what was shown is signed.
void NodeStatusTest::approvesANodeRequest() {
  QTemporaryDir dir;
  const std::filesystem::path state = dir.filePath("node").toStdString();
  const std::filesystem::path pki = dir.filePath("pki").toStdString();
  const archi::pki::NodeRequest request = archi::pki::createNodeRequest(state, "gy-node-07", "guiyang");
  QString error;
  const std::optional<NodeApproval> approval = NodeApproval::read(QString::fromStdString((state / "pki" / "node.csr").string()), &error);
  QVERIFY2(approval, qPrintable(error));
  QCOMPARE(approval->nodeId(), QString("gy-node-07"));
  QCOMPARE(approval->datacenterId(), QString("guiyang"));
  QCOMPARE(approval->fingerprint(), QString::fromStdString(request.publicKeyFingerprint));
  const std::optional<NodeApproval::Approved> approved = approval->approve(QString::fromStdString(pki.string()), &error);
  QVERIFY2(approved, qPrintable(error));
  QVERIFY(QFileInfo::exists(approved->certificatePath));
  QVERIFY(approved->installCommand.startsWith("archi agent install-cert"));
  QVERIFY(archi::pki::NodePins(pki).pinFor("gy-node-07").has_value());

  // Not a request at all: refused with a reason.
  QVERIFY(!NodeApproval::read(dir.filePath("missing.csr"), &error));
  QVERIFY(!error.isEmpty());
}

// Two datacenters through the fixture slurmrestd: "west" (one CPU device, partition gpu: fits)
// and "north" (two nodes, partition "missing": its job could not start). Each node carries its
// datacenter's answer; Problems lists north's once, as a Slurm row.
void NodeStatusTest::slurmDatacentersShowTheirPartition() {
  QTemporaryDir dir;
  SlurmRestFixture slurmrestd(dir.path().toStdString());
  QVERIFY(slurmrestd.running());
  archi::DatacenterLaunch gpu;
  gpu.via = archi::LaunchVia::Slurm;
  gpu.url = slurmrestd.url();
  gpu.partition = "gpu";
  gpu.user = "archi";
  gpu.token_file = slurmrestd.tokenFile().string();
  archi::DatacenterLaunch missing = gpu;
  missing.partition = "missing";
  TestProject builder("slurm-states");
  builder.datacenter("east", NodeAgentFixture::closedPort(), {"CPU", 1, false})
      .datacenter("west", NodeAgentFixture::closedPort(), {"CPU", 1, false})
      .datacenter("north", NodeAgentFixture::closedPort(), {"CPU", 1, false})
      .launch("west", gpu)
      .launch("north", missing)
      .link("east", "west", 1.0, 5.0)
      .link("west", "north", 1.0, 5.0);
  archi::Project project = builder.project();
  project.topology.datacenters[2].nodes.push_back({"north-node-2", "127.0.0.1", 0, {{"CPU", 1, false}}});
  const QString file = dir.filePath("slurm.archipelago.json");
  archi::saveProjectFile(project, file.toStdString());

  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  MainWindow window(document);
  window.setSaveChangesPrompt([] { return QMessageBox::Discard; });
  window.runService()->setSettings({qEnvironmentVariable("ARCHI_BIN"), dir.filePath("data"), 0});
  NodeStatusService* service = window.nodeStatusService();
  QSignalSpy checked(service, &NodeStatusService::checkFinished);
  QVERIFY(window.openProject(file));
  QVERIFY(checked.wait(20000));

  const NodeStatus* west = service->statusOf("west-node");
  const NodeStatus* north = service->statusOf("north-node");
  const NodeStatus* north2 = service->statusOf("north-node-2");
  QVERIFY(west && north && north2);
  QVERIFY(west->viaSlurm && north->viaSlurm && north2->viaSlurm);
  QVERIFY2(west->state == NodeStatus::State::Reachable, qPrintable(west->problem()));
  QCOMPARE(west->version, QStringLiteral("22.05.8"));
  QCOMPARE(west->slurmFree, QStringLiteral("partition gpu (UP): 1 of 3 node(s) idle, 48 CPU(s) and 6 GPU(s) free"));
  QCOMPARE(north->state, NodeStatus::State::Mismatch);
  QCOMPARE(north2->state, NodeStatus::State::Mismatch);
  QVERIFY2(north->problem().contains("north: slurmrestd lists no partition 'missing' (it has: gpu)"), qPrintable(north->problem()));
  QVERIFY(!service->statusOf("east-node")->viaSlurm);

  NodeItem* westCard = window.scene()->nodeItem("west-node");
  QCOMPARE(westCard->agentStatus().state, NodeStatus::State::Reachable);
  QCOMPARE(NodeItem::badgeText(westCard->agentStatus()), QStringLiteral("Slurm: free"));
  QVERIFY2(westCard->toolTip().contains(west->slurmFree), qPrintable(westCard->toolTip()));
  QCOMPARE(NodeItem::badgeText(window.scene()->nodeItem("north-node")->agentStatus()), QStringLiteral("Slurm: would wait"));

  const QList<QTreeWidgetItem*> slurmRows = rowsFrom(window.problemsPanel(), QStringLiteral("Slurm"));
  QCOMPARE(slurmRows.size(), 1);
  QVERIFY(slurmRows[0]->text(3).contains("lists no partition 'missing'"));
}

QTEST_MAIN(NodeStatusTest)
#include "tst_node_status.moc"
