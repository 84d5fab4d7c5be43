// MainWindow's Monitor tab (issue 13, Monitor): the tab after Plan, View > Monitor, and
// following the console's run in it as soon as the run has an id in the shared store.

#include <QAction>
#include <QTabWidget>

#include "app/MainWindow.h"
#include "bridge/MonitorService.h"
#include "bridge/RunService.h"
#include "monitor/MonitorView.h"

void MainWindow::createMonitor() {
  monitor_ = new MonitorView;
  tabs_->addTab(monitor_, tr("Monitor"));
  addAction(makeAction("actionShowMonitor", tr("&Monitor"), QKeySequence(Qt::CTRL | Qt::Key_4),
                       tr("Show the monitor of the current run"), [this] { tabs_->setCurrentWidget(monitor_); }));
  connect(runService_, &RunService::progressChanged, this, &MainWindow::followConsoleRun);
  connect(monitor_->service(), &MonitorService::liveStateChanged, this, &MainWindow::liveStateChanged);
}

void MainWindow::followConsoleRun() {
  // A run started here or attached to gets its id once the launcher has stored it.
  const qint64 runId = runService_->progress().runId;
  if (runId <= 0 || runId == monitor_->service()->runId()) return;
  monitor_->followRun(QString::fromStdString(runService_->dataLayout().storePath().string()), runId);
}
