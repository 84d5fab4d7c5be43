// MainWindow's History tab (issue 13 items 9-10): the Runs view over the store the console and
// `archi run` share. Its Open Monitor / Open Report signals are connected where those views live.

#include <QTabWidget>

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
