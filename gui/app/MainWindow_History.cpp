// MainWindow's History tab (issue 13 items 9-10): the Runs view over the store the console and
// `archi run` share. Its Open Monitor / Open Report signals are connected where those views live.

#include <QStatusBar>
#include <QTabWidget>

#include "app/EventLog.h"
#include "app/MainWindow.h"
#include "bridge/RunService.h"
#include "history/ReportView.h"
#include "history/RunsView.h"

void MainWindow::createHistoryTab() {
  runsView_ = new RunsView;
  runsView_->setDataLayout(runService_->dataLayout());
  tabs_->addTab(runsView_, tr("History"));
  connect(runsView_, &RunsView::openMonitor, this, &MainWindow::openMonitor);
  connect(runsView_, &RunsView::openReport, this, &MainWindow::openReport);
  connect(runsView_, &RunsView::resumeRun, this, &MainWindow::resumeRun);
  // The data folder is a run setting that may change: the view follows it when it is shown.
  connect(tabs_, &QTabWidget::currentChanged, this, [this] {
    if (tabs_->currentWidget() == runsView_) runsView_->setDataLayout(runService_->dataLayout());
  });
}

void MainWindow::openReport(qint64 runId) {
  if (reportView_ == nullptr) {
    reportView_ = new ReportView;
    tabs_->insertTab(tabs_->indexOf(runsView_) + 1, reportView_, tr("Report"));
  }
  reportView_->showRun(QString::fromStdString(runService_->dataLayout().storePath().string()), runId);
  tabs_->setCurrentWidget(reportView_);
}

bool MainWindow::resumeRun(qint64 runId, const QString& runName) {
  QString error;
  if (!runService_->resume(runName, &error)) {
    events_->log(EventLog::Level::Error, tr("run"), tr("Cannot resume %1: %2").arg(runName, error));
    statusBar()->showMessage(tr("Cannot resume %1: %2").arg(runName, error), 8000);
    return false;
  }
  events_->log(EventLog::Level::Info, tr("run"), tr("Resuming %1 from its checkpoints").arg(runName));
  openMonitor(runId);
  return true;
}
