#include "app/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QHeaderView>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTreeWidget>

#include "bridge/ProjectDocument.h"

MainWindow::MainWindow(ProjectDocument& document, QWidget* parent) : QMainWindow(parent), document_(document) {
  setObjectName("MainWindow");
  topologyTree_ = new QTreeWidget(this);
  topologyTree_->setObjectName("topologyTree");
  topologyTree_->setHeaderLabels({tr("Datacenter / node / device"), tr("Details")});
  topologyTree_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  setCentralWidget(topologyTree_);

  auto* problemsDock = new QDockWidget(tr("Problems"), this);
  problemsDock->setObjectName("problemsDock");
  problemsList_ = new QListWidget(problemsDock);
  problemsList_->setObjectName("problemsList");
  problemsDock->setWidget(problemsList_);
  addDockWidget(Qt::BottomDockWidgetArea, problemsDock);

  createActions();
  connect(&document_, &ProjectDocument::projectChanged, this, &MainWindow::refreshTitle);
  connect(&document_, &ProjectDocument::projectChanged, this, &MainWindow::refreshTopology);
  connect(&document_, &ProjectDocument::problemsChanged, this, &MainWindow::refreshProblems);
  refreshTitle();
  resize(1100, 720);
}

void MainWindow::createActions() {
  QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
  QAction* openAction = fileMenu->addAction(tr("&Open…"), this, &MainWindow::chooseAndOpen);
  openAction->setShortcut(QKeySequence::Open);
  openAction->setStatusTip(tr("Open a project file (*.archipelago.json)"));
  fileMenu->addSeparator();
  QAction* quitAction = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
  quitAction->setShortcut(QKeySequence::Quit);
  quitAction->setStatusTip(tr("Close Archipelago"));
}

bool MainWindow::openProject(const QString& path) {
  if (document_.open(path)) {
    statusBar()->showMessage(tr("Opened %1").arg(path), 5000);
    return true;
  }
  const QString reason = document_.problems().all().empty()
                             ? tr("unknown reason")
                             : QString::fromStdString(document_.problems().all().front().message);
  QMessageBox::warning(this, tr("Cannot open project"), tr("%1 could not be opened: %2").arg(path, reason));
  return false;
}

void MainWindow::chooseAndOpen() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open project"), QString(),
                                                    tr("Archipelago projects (*.archipelago.json);;JSON (*.json)"));
  if (!path.isEmpty()) openProject(path);
}

void MainWindow::refreshTitle() {
  setWindowTitle(tr("%1 — Archipelago").arg(document_.displayName()));
}

void MainWindow::refreshTopology() {
  topologyTree_->clear();
  if (!document_.project()) return;
  for (const archi::Datacenter& dc : document_.project()->topology.datacenters) {
    auto* dcItem = new QTreeWidgetItem(topologyTree_, {QString::fromStdString(dc.name),
                                                       tr("%1 · %n device(s)", nullptr, dc.deviceCount())
                                                           .arg(QString::fromStdString(dc.region))});
    for (const archi::Node& node : dc.nodes) {
      auto* nodeItem = new QTreeWidgetItem(dcItem, {QString::fromStdString(node.id),
                                                    QStringLiteral("%1:%2").arg(QString::fromStdString(node.host)).arg(node.agent_port)});
      for (const archi::DeviceGroup& group : node.devices) {
        new QTreeWidgetItem(nodeItem, {QStringLiteral("%1 × %2").arg(QString::fromStdString(group.type)).arg(group.count),
                                       group.emulate ? tr("emulated") : QString()});
      }
    }
  }
  topologyTree_->expandAll();
}

void MainWindow::refreshProblems() {
  problemsList_->clear();
  for (const archi::Diagnostic& d : document_.problems().all()) {
    const QString level = d.severity == archi::Severity::Error ? tr("error") : tr("warning");
    problemsList_->addItem(QStringLiteral("%1: %2: %3").arg(level, QString::fromStdString(d.pointer.empty() ? "/" : d.pointer),
                                                            QString::fromStdString(d.message)));
  }
}
