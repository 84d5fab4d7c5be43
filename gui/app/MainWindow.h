#pragma once
// The console's main window (UI.md "Window"): menus and toolbar, the central Topology and
// Pools tabs, docks for the project tree, properties, GPU catalog, problems and events,
// file handling with recent files and an unsaved-changes prompt, and layout kept in QSettings.

#include <QFutureWatcher>
#include <QMainWindow>
#include <QMessageBox>

#include <functional>

#include "bridge/AttachableRuns.h"
#include "bridge/ItemKey.h"
#include "bridge/LiveRunState.h"

class CatalogPalette;
class EventLog;
class PlanService;
class RunService;
class MeasuredSpeeds;
class NodeStatusService;
class QToolButton;
class PlanView;
class MonitorView;
class PoolsView;
class ProblemsPanel;
class ProjectDocument;
class ProjectTree;
class PropertiesPanel;
class QAction;
class QLabel;
class QMenu;
class QTabWidget;
class RunSettingsDialog;
struct LaunchSummary;
class RunsView;
class ReportView;
class TopologyScene;
class TopologyView;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(ProjectDocument& document, QWidget* parent = nullptr);

  // File operations; each asks before unsaved changes are lost where that applies.
  bool openProject(const QString& path);
  bool newProject();
  bool save();
  bool saveAs(const QString& path);  // an empty path asks for one
  // Asks whether to save unsaved changes; false when the operator cancelled.
  bool maybeSave();
  // Replaces the unsaved-changes dialog (tests answer it without a modal loop).
  void setSaveChangesPrompt(std::function<QMessageBox::StandardButton()> prompt) { savePrompt_ = std::move(prompt); }

  TopologyScene* scene() const { return scene_; }
  TopologyView* topologyView() const { return view_; }
  PoolsView* poolsView() const { return pools_; }
  PlanView* planView() const { return planView_; }
  RunsView* runsView() const { return runsView_; }
  ReportView* reportView() const { return reportView_; }
  // History > Open Monitor / Open Report on a stored run.
  void openMonitor(qint64 runId);
  void openReport(qint64 runId);
  // History > Resume: the stopped or failed run continues from its checkpoints.
  bool resumeRun(qint64 runId, const QString& runName);
  PlanService* planService() const { return planService_; }
  MonitorView* monitorView() const { return monitor_; }
  RunService* runService() const { return runService_; }
  NodeStatusService* nodeStatusService() const { return nodeStatus_; }
  ProblemsPanel* problemsPanel() const { return problems_; }
  // Replaces the confirmation dialogs of destructive actions (tests answer without a modal loop).
  void setConfirm(std::function<bool(const QString& title, const QString& text)> confirm) { confirm_ = std::move(confirm); }
  // Answers the plan shown before a launch (tests answer without a modal loop). Unset, the plan
  // dialog asks; a window with setConfirm and no launch answer launches without asking.
  void setLaunchConfirm(std::function<bool(const LaunchSummary&)> confirm) { launchConfirm_ = std::move(confirm); }
  // Run > Run Settings…: opens the dialog (window-modal, no nested loop) and returns it.
  RunSettingsDialog* showRunSettings();
  // Run > Run on This Machine (after the plan is confirmed) / Stop.
  bool runHere();
  void stopRun();
  // File > Attach to Run… (a list of the store's runs going on agents) and attaching to one.
  void chooseRunToAttach();
  bool attachRun(const AttachableRun& run);
  // Tools > Approve Node…: pick a node's .csr, confirm its fingerprint, sign it.
  void approveNode();
  // Run > Check Nodes: ask every node's agent now.
  void checkNodes();
  // The status-bar offer to attach to the open project's run still going on its agents.
  QToolButton* attachOffer() const { return attachOffer_; }
  QTabWidget* tabs() const { return tabs_; }
  EventLog* eventLog() const { return events_; }
  QAction* action(const QString& objectName) const;

  // Edit-menu operations on the canvas selection (also used by tests).
  void deleteSelection();
  void copySelection();
  void pasteClipboard();
  void addDatacenter();
  void addNode();
  void addDeviceToSelection(const QString& type);

  static QStringList recentFiles();

 signals:
  // The followed run's latest figures per device, link and datacenter (for the canvas overlay).
  void liveStateChanged(const LiveRunState& state);

 protected:
  void closeEvent(QCloseEvent* event) override;
  void changeEvent(QEvent* event) override;
  void showEvent(QShowEvent* event) override;
  void hideEvent(QHideEvent* event) override;

 private:
  void createDocks();
  void createActions();
  void createAgentActions(QMenu* run, QMenu* tools);
  void createSettingsActions(QMenu* run);
  bool confirmLaunch();
  void createHistoryTab();  // MainWindow_History.cpp
  void createMonitor();  // MainWindow_Monitor.cpp
  void followConsoleRun();
  void connectNodeStatus();
  void showNodeStatuses();
  void refreshNodeChecking();
  void offerAttach();
  QAction* makeAction(const QString& name, const QString& text, const QKeySequence& shortcut, const QString& tip,
                      const std::function<void()>& slot);
  void restoreSettings();
  void saveSettings() const;
  void addRecentFile(const QString& path);
  void refreshRecentMenu();
  void refreshTitle();
  void refreshStatus();
  void refreshActions();
  void syncSelection(const ItemKeys& keys, QObject* source);
  void showProblem(const ItemKey& key);
  void validateNow();
  void showHelp();
  void refreshRun();
  void refreshMeasured();
  bool confirm(const QString& title, const QString& text);

  ProjectDocument& document_;
  TopologyScene* scene_ = nullptr;
  TopologyView* view_ = nullptr;
  PoolsView* pools_ = nullptr;
  PlanService* planService_ = nullptr;
  PlanView* planView_ = nullptr;
  RunsView* runsView_ = nullptr;
  ReportView* reportView_ = nullptr;  // the Report tab, made when a report is first opened
  MonitorView* monitor_ = nullptr;
  RunService* runService_ = nullptr;
  NodeStatusService* nodeStatus_ = nullptr;
  QToolButton* attachOffer_ = nullptr;
  std::optional<AttachableRun> offeredRun_;
  QFutureWatcher<std::optional<AttachableRun>> offerWatcher_;
  MeasuredSpeeds* measured_ = nullptr;
  QLabel* runStrip_ = nullptr;
  std::function<bool(const QString&, const QString&)> confirm_;
  std::function<bool(const LaunchSummary&)> launchConfirm_;
  QTabWidget* tabs_ = nullptr;
  ProjectTree* tree_ = nullptr;
  PropertiesPanel* properties_ = nullptr;
  CatalogPalette* palette_ = nullptr;
  ProblemsPanel* problems_ = nullptr;
  EventLog* events_ = nullptr;
  QMenu* recentMenu_ = nullptr;
  QLabel* statusSummary_ = nullptr;
  QLabel* statusValidity_ = nullptr;
  std::function<QMessageBox::StandardButton()> savePrompt_;
  std::size_t lastErrorCount_ = 0;
};
