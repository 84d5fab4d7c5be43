// MainWindow's node-agent concerns (issue 12 items 7–9): node state on the canvas and in
// Problems, attaching to a run still going on its agents, and approving a node's request.

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>
#include <QShowEvent>
#include <QStatusBar>
#include <QStyle>
#include <QToolButton>
#include <QtConcurrent/QtConcurrentRun>

#include "app/AttachRunDialog.h"
#include "app/EventLog.h"
#include "app/MainWindow.h"
#include "app/ProblemsPanel.h"
#include "bridge/NodeApproval.h"
#include "bridge/NodeStatusService.h"
#include "bridge/ProjectDocument.h"
#include "bridge/RunService.h"
#include "topology/TopologyScene.h"

namespace {
const char* const kLastRequestDirectoryKey = "files/lastRequestDirectory";
}  // namespace

void MainWindow::createAgentActions(QMenu* run, QMenu* tools) {
  // Attach to Run… goes into the File menu, where createActions places it.
  makeAction("actionAttachRun", tr("&Attach to Run…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A),
             tr("Follow a run that is still going on its node agents (started earlier, or by `archi run`)"),
             [this] { chooseRunToAttach(); });
  QAction* check = makeAction("actionCheckNodes", tr("Check &Nodes"), QKeySequence(Qt::Key_F6),
                              tr("Ask every node's agent now whether it answers and holds the project's devices"), [this] { checkNodes(); });
  check->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
  run->addSeparator();
  run->addAction(check);
  tools->addAction(makeAction("actionApproveNode", tr("&Approve Node…"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_A),
                              tr("Sign a node's certificate request (node.csr from `archi agent enroll`) with the console's CA"),
                              [this] { approveNode(); }));

  attachOffer_ = new QToolButton;
  attachOffer_->setObjectName("attachOffer");
  attachOffer_->setAutoRaise(true);
  attachOffer_->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
  attachOffer_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  attachOffer_->hide();
  connect(attachOffer_, &QToolButton::clicked, this, [this] {
    if (offeredRun_) attachRun(*offeredRun_);
  });
  connect(&offerWatcher_, &QFutureWatcher<std::optional<AttachableRun>>::finished, this, [this] {
    offeredRun_ = offerWatcher_.result();
    if (!offeredRun_ || runService_->isActive()) {
      attachOffer_->hide();
      return;
    }
    attachOffer_->setText(tr("Run “%1” is still going — Attach").arg(offeredRun_->name));
    attachOffer_->setToolTip(tr("Run %1 of this project is still training on its node agents (%2). Click to follow it live.")
                                 .arg(offeredRun_->name, offeredRun_->agentList()));
    attachOffer_->show();
    events_->log(EventLog::Level::Info, tr("run"),
                 tr("Run %1 of this project is still going on its node agents: Attach in the status bar follows it").arg(offeredRun_->name));
  });
}

void MainWindow::connectNodeStatus() {
  connect(nodeStatus_, &NodeStatusService::statusesChanged, this, &MainWindow::showNodeStatuses);
  // While a run goes, its nodes are asked at the agents it goes through (loopback ones for Run on This Machine).
  connect(runService_, &RunService::progressChanged, this, [this] {
    nodeStatus_->setRunAgents(runService_->isActive() ? runService_->progress().agents : std::vector<archi::remote::AgentEndpoint>{});
  });
  showNodeStatuses();
}

void MainWindow::showNodeStatuses() {
  scene_->setNodeStatuses(nodeStatus_->statuses());
  problems_->setNodeStatuses(nodeStatus_->statuses());
}

void MainWindow::checkNodes() {
  if (!document_.project()) return;
  nodeStatus_->checkNow();
  statusBar()->showMessage(tr("Asking every node's agent…"), 4000);
}

void MainWindow::refreshNodeChecking() { nodeStatus_->setPeriodicChecks(isVisible() && !isMinimized()); }

void MainWindow::showEvent(QShowEvent* event) {
  QMainWindow::showEvent(event);
  refreshNodeChecking();
}

void MainWindow::hideEvent(QHideEvent* event) {
  QMainWindow::hideEvent(event);
  refreshNodeChecking();
}

void MainWindow::offerAttach() {
  attachOffer_->hide();
  offeredRun_.reset();
  if (!document_.project() || runService_->isActive()) return;
  if (offerWatcher_.isRunning()) offerWatcher_.waitForFinished();  // a store read takes milliseconds
  const std::filesystem::path store = runService_->dataLayout().storePath();
  const QString project = QString::fromStdString(document_.project()->name);
  offerWatcher_.setFuture(QtConcurrent::run([store, project] { return latestAttachableRun(store, project); }));
}

void MainWindow::chooseRunToAttach() {
  if (runService_->isActive()) return;
  AttachRunDialog dialog(runService_->dataLayout().storePath(), this);
  if (dialog.exec() != QDialog::Accepted) return;
  if (const std::optional<AttachableRun> run = dialog.selectedRun()) attachRun(*run);
}

bool MainWindow::attachRun(const AttachableRun& run) {
  QString error;
  attachOffer_->hide();
  if (!runService_->attach(run, &error)) {
    events_->log(EventLog::Level::Error, tr("run"), tr("Cannot attach to %1: %2").arg(run.name, error));
    statusBar()->showMessage(tr("Cannot attach to %1: %2").arg(run.name, error), 8000);
    return false;
  }
  events_->log(EventLog::Level::Info, tr("run"), tr("Attaching to %1 on %2").arg(run.name, run.agentList()));
  return true;
}

void MainWindow::approveNode() {
  const QString dir = QSettings().value(kLastRequestDirectoryKey).toString();
  const QString path = QFileDialog::getOpenFileName(this, tr("Approve node: certificate request"), dir,
                                                    tr("Certificate requests (*.csr);;All files (*)"));
  if (path.isEmpty()) return;
  QSettings().setValue(kLastRequestDirectoryKey, QFileInfo(path).absolutePath());
  QString error;
  const std::optional<NodeApproval> request = NodeApproval::read(path, &error);
  if (!request) {
    events_->log(EventLog::Level::Error, tr("pki"), tr("Refused %1: %2").arg(path, error));
    QMessageBox::warning(this, tr("Cannot approve"), tr("%1 is not a node request the console accepts:\n%2").arg(path, error));
    return;
  }
  if (!confirm(tr("Approve node %1?").arg(request->nodeId()),
               tr("Node: %1\nDatacenter: %2\nKey fingerprint:\n%3\n\nCompare the fingerprint with the one `archi agent enroll` "
                  "printed on the node. Approve only when they are the same: the console will trust this key as node %1.")
                   .arg(request->nodeId(), request->datacenterId(), request->fingerprint()))) {
    return;
  }
  const QString pki = QString::fromStdString(runService_->dataLayout().pkiDirectory().string());
  const std::optional<NodeApproval::Approved> approved = request->approve(pki, &error);
  if (!approved) {
    events_->log(EventLog::Level::Error, tr("pki"), tr("Could not approve node %1: %2").arg(request->nodeId(), error));
    QMessageBox::warning(this, tr("Cannot approve"), tr("Node %1 was not approved: %2").arg(request->nodeId(), error));
    return;
  }
  events_->log(EventLog::Level::Info, tr("pki"), tr("Approved node %1: certificate %2").arg(request->nodeId(), approved->certificatePath));
  const QString text =
      tr("Node %1 is approved%2.\n\nCertificate: %3\nCA certificate: %4\n\nCopy both to the node and run there:\n%5")
          .arg(request->nodeId(), approved->replacedKey ? tr(" (its earlier key is replaced)") : QString(), approved->certificatePath,
               approved->caCertificatePath, approved->installCommand);
  if (!confirm_) QMessageBox::information(this, tr("Node approved"), text);
  nodeStatus_->checkNow();
}
