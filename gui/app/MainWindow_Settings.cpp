// MainWindow's run-settings concerns (issue 13 item 12): Run > Run Settings… and the plan shown
// for confirmation before Run on This Machine starts anything.

#include <QAction>
#include <QMenu>
#include <QStatusBar>

#include <exception>

#include "app/EventLog.h"
#include "app/MainWindow.h"
#include "bridge/ProjectDocument.h"
#include "bridge/RunService.h"
#include "control/RunLauncher.h"
#include "settings/LaunchConfirmation.h"
#include "settings/RunSettingsDialog.h"

void MainWindow::createSettingsActions(QMenu* run) {
  QAction* settings = makeAction("actionRunSettings", tr("Run &Settings…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                                 tr("Model size, corpus, token budget, sync mode, wire format, inner steps, outer optimiser, validation"),
                                 [this] { showRunSettings(); });
  run->insertAction(run->actions().value(0), settings);
  run->insertSeparator(run->actions().value(1));
  auto refresh = [this, settings] { settings->setEnabled(document_.project().has_value()); };
  connect(&document_, &ProjectDocument::projectChanged, settings, refresh);
  refresh();
}

RunSettingsDialog* MainWindow::showRunSettings() {
  if (!document_.project()) return nullptr;
  // Window-modal without a nested event loop: the edit is applied when OK is pressed.
  auto* dialog = new RunSettingsDialog(*document_.project(), document_.catalog(), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this, dialog] {
    if (RunSettingsDialog::applyRunSpec(document_, dialog->runSpec())) statusBar()->showMessage(tr("Run settings changed (Edit > Undo restores them)"), 5000);
  });
  dialog->open();
  return dialog;
}

bool MainWindow::confirmLaunch() {
  // A project the run would refuse is refused by RunService::start, with its reason.
  if (!document_.project() || document_.problems().hasErrors() || runService_->isActive()) return true;
  // The same plan the launcher computes: this machine's emulation paces and the speeds measured
  // in the store the run writes to. Planning takes milliseconds; the operator is waiting on it.
  archi::Project project = *document_.project();
  if (runService_->settings().tokenBudget > 0) project.run.train.tokens = runService_->settings().tokenBudget;  // as the run will
  archi::Plan plan;
  try {
    plan = archi::planLocalRun(project, document_.catalog(), runService_->dataLayout().storePath());
  } catch (const std::exception&) {
    return true;  // the launcher meets the same failure and reports it
  }
  const LaunchSummary summary = summarizeLaunch(project, plan);
  bool launch = false;
  if (launchConfirm_) {
    launch = launchConfirm_(summary);
  } else if (confirm_) {
    // A window whose confirmations are answered without dialogs (tests) launches as asked.
    launch = true;
  } else {
    LaunchConfirmation dialog(summary, this);
    launch = dialog.exec() == QDialog::Accepted;
  }
  if (!launch) {
    events_->log(EventLog::Level::Info, tr("run"), tr("Launch of %1 cancelled: nothing was started").arg(document_.displayName()));
  }
  return launch;
}
