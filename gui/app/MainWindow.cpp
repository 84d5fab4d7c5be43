#include "app/MainWindow.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMap>
#include <QMenuBar>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>

#include <cmath>

#include "app/CatalogPalette.h"
#include "app/EventLog.h"
#include "app/ProblemsPanel.h"
#include "app/ProjectTree.h"
#include "app/VisualStyle.h"
#include "bridge/EventText.h"
#include "bridge/MeasuredSpeeds.h"
#include "bridge/NodeStatusService.h"
#include "bridge/PlanService.h"
#include "bridge/RunService.h"
#include "bridge/ProjectClipboard.h"
#include "bridge/ProjectDocument.h"
#include "plan/PlanView.h"
#include "pools/PoolTableModel.h"
#include "pools/PoolsView.h"
#include "topology/PropertiesPanel.h"
#include "topology/TopologyEdits.h"
#include "topology/TopologyItems.h"
#include "topology/TopologyScene.h"
#include "topology/TopologyView.h"

namespace {

constexpr int kMaxRecentFiles = 8;
const char* const kRecentFilesKey = "files/recent";
const char* const kLastDirectoryKey = "files/lastDirectory";
const char* const kGeometryKey = "window/geometry";
const char* const kStateKey = "window/state";
const char* const kTabKey = "window/tab";
constexpr int kStateVersion = 1;

QString fileFilter() {
  return QObject::tr("Archipelago projects (*.archipelago.json);;JSON files (*.json);;All files (*)");
}

}  // namespace

MainWindow::MainWindow(ProjectDocument& document, QWidget* parent) : QMainWindow(parent), document_(document) {
  setObjectName("MainWindow");
  setDockNestingEnabled(true);

  scene_ = new TopologyScene(document_, this);
  view_ = new TopologyView(scene_, document_);
  pools_ = new PoolsView(document_);
  planService_ = new PlanService(document_, this);
  planView_ = new PlanView(document_, *planService_);
  runService_ = new RunService(document_, this);
  nodeStatus_ = new NodeStatusService(document_, [this] { return runService_->dataLayout(); }, this);
  measured_ = new MeasuredSpeeds(this);
  connect(measured_, &MeasuredSpeeds::changed, this,
          [this] { pools_->model()->setMeasured(measured_->reading().tokensPerSecond, measured_->reading().runName); });
  tabs_ = new QTabWidget(this);
  tabs_->setObjectName("centralTabs");
  tabs_->setDocumentMode(true);
  tabs_->addTab(view_, tr("Topology"));
  tabs_->addTab(pools_, tr("Pools"));
  tabs_->addTab(planView_, tr("Plan"));
  createMonitor();
  createHistoryTab();
  setCentralWidget(tabs_);

  createDocks();
  createActions();
  connectNodeStatus();

  statusSummary_ = new QLabel;
  statusSummary_->setObjectName("statusSummary");
  statusValidity_ = new QLabel;
  statusValidity_->setObjectName("statusValidity");
  runStrip_ = new QLabel;
  runStrip_->setObjectName("runStrip");
  runStrip_->setTextFormat(Qt::PlainText);
  statusBar()->addPermanentWidget(attachOffer_);
  statusBar()->addPermanentWidget(runStrip_);
  statusBar()->addPermanentWidget(statusSummary_);
  statusBar()->addPermanentWidget(statusValidity_);

  connect(&document_, &ProjectDocument::projectChanged, this, &MainWindow::refreshTitle);
  connect(&document_, &ProjectDocument::projectChanged, this, &MainWindow::refreshStatus);
  connect(&document_, &ProjectDocument::problemsChanged, this, &MainWindow::refreshStatus);
  connect(&document_, &ProjectDocument::modifiedChanged, this, &MainWindow::refreshTitle);
  connect(&document_, &ProjectDocument::filePathChanged, this, &MainWindow::refreshTitle);
  connect(scene_, &TopologyScene::selectionKeysChanged, this, [this](const ItemKeys& keys) { syncSelection(keys, scene_); });
  connect(tree_, &ProjectTree::selectionKeysChanged, this, [this](const ItemKeys& keys) { syncSelection(keys, tree_); });
  connect(problems_, &ProblemsPanel::problemActivated, this, &MainWindow::showProblem);
  connect(planView_, &PlanView::warningActivated, this, &MainWindow::showProblem);
  connect(palette_, &CatalogPalette::typeActivated, this, &MainWindow::addDeviceToSelection);
  connect(tabs_, &QTabWidget::currentChanged, this, &MainWindow::refreshActions);
  connect(runService_, &RunService::progressChanged, this, &MainWindow::refreshRun);
  connect(runService_, &RunService::runEvent, this, [this](const RunProgress::Event& event) {
    // Faults, re-joins and what they cost appear beside the console's own events.
    const EventLog::Level level = event.level == QLatin1String("error")     ? EventLog::Level::Error
                                  : event.level == QLatin1String("warning") ? EventLog::Level::Warning
                                                                            : EventLog::Level::Info;
    events_->log(level, event.source, describeEvent(event.kind, event.fields, event.text));
  });
  connect(&document_, &ProjectDocument::filePathChanged, this, &MainWindow::refreshMeasured);
  connect(runService_, &RunService::runFinished, this, &MainWindow::refreshMeasured);
  connect(runService_, &RunService::runFinished, this, [this] {
    const RunProgress& p = runService_->progress();
    const bool failed = p.phase == RunProgress::Phase::Failed;
    events_->log(failed ? EventLog::Level::Error : EventLog::Level::Info, tr("run"),
                 tr("Run %1 ended: %2%3").arg(p.runName.isEmpty() ? tr("(not started)") : p.runName,
                                               failed                                         ? tr("failed")
                                               : p.phase == RunProgress::Phase::Stopped  ? tr("stopped")
                                               : p.phase == RunProgress::Phase::Detached ? tr("detached (it goes on on its agents)")
                                                                                         : tr("completed"),
                                               p.message.isEmpty() ? QString() : QStringLiteral(" — ") + p.message));
  });
  connect(tabs_, &QTabWidget::currentChanged, this, [this] {
    // Keyboard users land in the view they switched to.
    if (tabs_->currentWidget() == view_) view_->setFocus(Qt::TabFocusReason);
    if (tabs_->currentWidget() == pools_) pools_->table()->setFocus(Qt::TabFocusReason);
  });

  restoreSettings();
  refreshTitle();
  refreshStatus();
  refreshActions();
  refreshRun();
}

QAction* MainWindow::action(const QString& objectName) const { return findChild<QAction*>(objectName); }

void MainWindow::createDocks() {
  auto dock = [this](const QString& name, const QString& title, QWidget* widget, Qt::DockWidgetArea area) {
    auto* d = new QDockWidget(title, this);
    d->setObjectName(name);
    d->setWidget(widget);
    addDockWidget(area, d);
    return d;
  };
  tree_ = new ProjectTree(document_);
  properties_ = new PropertiesPanel(document_);
  palette_ = new CatalogPalette(document_.catalog());
  problems_ = new ProblemsPanel(document_);
  events_ = new EventLog;
  dock("projectDock", tr("Project"), tree_, Qt::LeftDockWidgetArea);
  QDockWidget* props = dock("propertiesDock", tr("Properties"), properties_, Qt::RightDockWidgetArea);
  QDockWidget* catalog = dock("catalogDock", tr("GPU catalog"), palette_, Qt::RightDockWidgetArea);
  splitDockWidget(props, catalog, Qt::Vertical);
  QDockWidget* problems = dock("problemsDock", tr("Problems"), problems_, Qt::BottomDockWidgetArea);
  QDockWidget* events = dock("eventsDock", tr("Events"), events_, Qt::BottomDockWidgetArea);
  tabifyDockWidget(problems, events);
  problems->raise();
  resizeDocks({findChild<QDockWidget*>("projectDock"), props}, {290, 310}, Qt::Horizontal);
  resizeDocks({props, catalog}, {380, 320}, Qt::Vertical);
  resizeDocks({problems}, {160}, Qt::Vertical);
}

QAction* MainWindow::makeAction(const QString& name, const QString& text, const QKeySequence& shortcut, const QString& tip,
                                const std::function<void()>& slot) {
  auto* a = new QAction(text, this);
  a->setObjectName(name);
  if (!shortcut.isEmpty()) a->setShortcut(shortcut);
  a->setStatusTip(tip);
  a->setToolTip(shortcut.isEmpty() ? text : QStringLiteral("%1 (%2)").arg(QString(text).remove('&'), shortcut.toString(QKeySequence::NativeText)));
  if (slot) connect(a, &QAction::triggered, this, slot);
  return a;
}

void MainWindow::createActions() {
  QStyle* s = style();
  // --- File
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* newAction = makeAction("actionNew", tr("&New"), QKeySequence::New, tr("Start a new, empty project"), [this] { newProject(); });
  newAction->setIcon(s->standardIcon(QStyle::SP_FileIcon));
  QAction* openAction = makeAction("actionOpen", tr("&Open…"), QKeySequence::Open, tr("Open a project file (*.archipelago.json)"), [this] {
    if (!maybeSave()) return;
    const QString dir = QSettings().value(kLastDirectoryKey).toString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open project"), dir, fileFilter());
    if (!path.isEmpty()) openProject(path);
  });
  openAction->setIcon(s->standardIcon(QStyle::SP_DialogOpenButton));
  QAction* saveAction = makeAction("actionSave", tr("&Save"), QKeySequence::Save, tr("Save the project to its file"), [this] { save(); });
  saveAction->setIcon(s->standardIcon(QStyle::SP_DialogSaveButton));
  QAction* saveAsAction = makeAction("actionSaveAs", tr("Save &As…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), tr("Save the project under a new name"),
                                     [this] { saveAs(QString()); });
  QAction* quitAction = makeAction("actionQuit", tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), tr("Close Archipelago"), [this] { close(); });
  file->addAction(newAction);
  file->addAction(openAction);
  recentMenu_ = file->addMenu(tr("Open &Recent"));
  recentMenu_->setObjectName("recentMenu");
  file->addSeparator();
  file->addAction(saveAction);
  file->addAction(saveAsAction);
  file->addSeparator();
  QAction* beforeQuit = file->addSeparator();
  file->addAction(quitAction);
  refreshRecentMenu();

  // --- Edit
  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  QAction* undo = document_.undoStack()->createUndoAction(this, tr("&Undo"));
  undo->setObjectName("actionUndo");
  undo->setShortcut(QKeySequence::Undo);
  undo->setStatusTip(tr("Undo the last edit"));
  undo->setIcon(s->standardIcon(QStyle::SP_ArrowBack));
  QAction* redo = document_.undoStack()->createRedoAction(this, tr("&Redo"));
  redo->setObjectName("actionRedo");
  redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
  redo->setStatusTip(tr("Redo the edit just undone"));
  redo->setIcon(s->standardIcon(QStyle::SP_ArrowForward));
  edit->addAction(undo);
  edit->addAction(redo);
  edit->addSeparator();
  edit->addAction(makeAction("actionCut", tr("Cu&t"), QKeySequence::Cut, tr("Copy the selected items and remove them"), [this] {
    copySelection();
    deleteSelection();
  }));
  edit->addAction(makeAction("actionCopy", tr("&Copy"), QKeySequence::Copy, tr("Copy the selected datacenters, nodes or devices"),
                             [this] { copySelection(); }));
  edit->addAction(makeAction("actionPaste", tr("&Paste"), QKeySequence::Paste, tr("Paste next to the selection, with fresh ids and ports"),
                             [this] { pasteClipboard(); }));
  edit->addAction(makeAction("actionDelete", tr("&Delete"), QKeySequence(Qt::Key_Delete), tr("Delete the selected items (undoable)"),
                             [this] { deleteSelection(); }));
  edit->addAction(makeAction("actionSelectAll", tr("Select &All"), QKeySequence::SelectAll, tr("Select every datacenter and link"), [this] {
    ItemKeys keys;
    if (const auto& p = document_.project()) {
      for (int i = 0; i < int(p->topology.datacenters.size()); ++i) keys.append(ItemKey::datacenter(i));
      for (int i = 0; i < int(p->topology.links.size()); ++i) keys.append(ItemKey::wanLink(i));
    }
    scene_->selectKeys(keys);
    syncSelection(scene_->selectedKeys(), nullptr);
  }));
  edit->addSeparator();
  QAction* addDc = makeAction("actionAddDatacenter", tr("Add &Datacenter"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_D),
                              tr("Add a datacenter with one node in the middle of the view"), [this] { addDatacenter(); });
  addDc->setIcon(s->standardIcon(QStyle::SP_FileDialogNewFolder));
  edit->addAction(addDc);
  edit->addAction(makeAction("actionAddNode", tr("Add &Node"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_N),
                             tr("Add a node to the selected datacenter"), [this] { addNode(); }));
  QAction* connectMode = makeAction("actionConnect", tr("&Connect Datacenters"), QKeySequence(Qt::CTRL | Qt::Key_L),
                                    tr("While on, drag from one datacenter to another to draw a WAN link"), nullptr);
  connectMode->setCheckable(true);
  connectMode->setIcon(s->standardIcon(QStyle::SP_CommandLink));
  connect(connectMode, &QAction::toggled, this, [this](bool on) { scene_->setConnectMode(on); });
  edit->addAction(connectMode);
  edit->addAction(makeAction("actionLinkSelected", tr("&Link Selected Datacenters"), QKeySequence(Qt::CTRL | Qt::Key_K),
                             tr("Draw a WAN link between the two selected datacenters (the keyboard way to connect)"), [this] {
                               QList<int> dcs;
                               for (const ItemKey& k : scene_->selectedKeys()) {
                                 if (k.kind == ItemKey::Kind::Datacenter) dcs.append(k.dc);
                               }
                               if (dcs.size() != 2 || !document_.project()) {
                                 statusBar()->showMessage(tr("Select exactly two datacenters to link"), 4000);
                                 return;
                               }
                               archi::Project project = *document_.project();
                               const ItemKey link = topology_edits::addLink(project, dcs[0], dcs[1]);
                               if (!link.isValid()) {
                                 statusBar()->showMessage(tr("These datacenters are already linked"), 4000);
                                 return;
                               }
                               document_.applyEdit(tr("Draw WAN link"), project);
                               syncSelection({link}, nullptr);
                             }));
  edit->addAction(makeAction("actionAutoLayout", tr("Auto La&yout"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L),
                             tr("Arrange every datacenter in a grid (undoable)"), [this] {
                               scene_->autoLayout();
                               view_->fitToContent();
                             }));
  QMenu* align = edit->addMenu(tr("A&lign"));
  using A = TopologyScene::Alignment;
  const struct {
    const char* name;
    QString text;
    Qt::Key key;
    A alignment;
  } aligns[] = {{"actionAlignLeft", tr("&Left Edges"), Qt::Key_Left, A::Left},
                {"actionAlignRight", tr("&Right Edges"), Qt::Key_Right, A::Right},
                {"actionAlignTop", tr("&Top Edges"), Qt::Key_Up, A::Top},
                {"actionAlignBottom", tr("&Bottom Edges"), Qt::Key_Down, A::Bottom},
                {"actionAlignMiddle", tr("&Middles"), Qt::Key_H, A::HorizontalCenter},
                {"actionAlignCenter", tr("&Centres"), Qt::Key_V, A::VerticalCenter}};
  for (const auto& a : aligns) {
    const A alignment = a.alignment;
    align->addAction(makeAction(a.name, a.text, QKeySequence(Qt::CTRL | Qt::SHIFT | a.key),
                                tr("Align the selected datacenters (select two or more)"), [this, alignment] {
                                  if (!scene_->alignSelection(alignment)) statusBar()->showMessage(tr("Select two or more datacenters to align"), 4000);
                                }));
  }

  // --- View
  QMenu* view = menuBar()->addMenu(tr("&View"));
  view->addAction(makeAction("actionZoomIn", tr("Zoom &In"), QKeySequence::ZoomIn, tr("Zoom into the canvas"), [this] { view_->zoomIn(); }));
  view->addAction(makeAction("actionZoomOut", tr("Zoom &Out"), QKeySequence::ZoomOut, tr("Zoom out of the canvas"), [this] { view_->zoomOut(); }));
  QAction* fit = makeAction("actionFit", tr("&Fit to View"), QKeySequence(Qt::CTRL | Qt::Key_0), tr("Show the whole topology"), [this] { view_->fitToContent(); });
  fit->setIcon(s->standardIcon(QStyle::SP_TitleBarMaxButton));
  view->addAction(fit);
  view->addAction(makeAction("actionActualSize", tr("&Actual Size"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_0),
                             tr("Zoom to 100%"), [this] { view_->resetZoom(); }));
  view->addSeparator();
  view->addAction(makeAction("actionShowTopology", tr("&Topology"), QKeySequence(Qt::CTRL | Qt::Key_1), tr("Show the topology canvas"),
                             [this] { tabs_->setCurrentWidget(view_); }));
  view->addAction(makeAction("actionShowPools", tr("&Pools"), QKeySequence(Qt::CTRL | Qt::Key_2), tr("Show the device pools"),
                             [this] { tabs_->setCurrentWidget(pools_); }));
  view->addAction(makeAction("actionShowPlan", tr("P&lan"), QKeySequence(Qt::CTRL | Qt::Key_3), tr("Show the plan"),
                             [this] { tabs_->setCurrentWidget(planView_); }));
  view->addAction(action("actionShowMonitor"));
  view->addSeparator();
  QMenu* docks = view->addMenu(tr("&Docks"));
  int dockNumber = 1;
  for (const char* name : {"projectDock", "propertiesDock", "catalogDock", "problemsDock", "eventsDock"}) {
    QAction* toggle = findChild<QDockWidget*>(name)->toggleViewAction();
    toggle->setShortcut(QKeySequence(Qt::ALT | Qt::SHIFT | (Qt::Key_0 + dockNumber++)));
    toggle->setStatusTip(tr("Show or hide this dock"));
    docks->addAction(toggle);
  }

  // --- Run
  QMenu* run = menuBar()->addMenu(tr("&Run"));
  QAction* validate = makeAction("actionValidate", tr("&Validate"), QKeySequence(Qt::Key_F7),
                                 tr("Check the project and list its problems"), [this] { validateNow(); });
  validate->setIcon(s->standardIcon(QStyle::SP_DialogApplyButton));
  run->addAction(validate);
  QAction* planAction = makeAction("actionPlan", tr("&Plan"), QKeySequence(Qt::Key_F8),
                                   tr("Plan the run: batch shares, inner steps, WAN cost and predicted throughput"), [this] {
                                     planService_->planNow();
                                     tabs_->setCurrentWidget(planView_);
                                   });
  planAction->setIcon(s->standardIcon(QStyle::SP_FileDialogDetailedView));
  run->addAction(planAction);
  run->addSeparator();
  QAction* runHereAction = makeAction("actionRunHere", tr("Run on This &Machine"), QKeySequence(Qt::Key_F5),
                                      tr("Start the run here through one loopback node agent per node, the same path as `archi run --local`"),
                                      [this] { runHere(); });
  runHereAction->setIcon(s->standardIcon(QStyle::SP_MediaPlay));
  QAction* stopAction = makeAction("actionStop", tr("&Stop"), QKeySequence(Qt::SHIFT | Qt::Key_F5),
                                   tr("Stop the run cleanly: workers finish their step, synchronise and checkpoint"),
                                   [this] { stopRun(); });
  stopAction->setIcon(s->standardIcon(QStyle::SP_MediaStop));
  run->addAction(runHereAction);
  run->addAction(stopAction);

  // --- Tools
  QMenu* tools = menuBar()->addMenu(tr("&Tools"));
  tools->addAction(makeAction("actionResetLayout", tr("&Reset Window Layout"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R),
                              tr("Put every dock back where it started"), [this] {
                                for (QDockWidget* d : findChildren<QDockWidget*>()) {
                                  d->setFloating(false);
                                  d->show();
                                }
                                tabifyDockWidget(findChild<QDockWidget*>("problemsDock"), findChild<QDockWidget*>("eventsDock"));
                              }));

  // --- Help
  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(makeAction("actionHelp", tr("&Help for This View"), QKeySequence(Qt::Key_F1), tr("How to work in the current view"),
                             [this] { showHelp(); }));
  help->addAction(makeAction("actionAbout", tr("&About Archipelago"), QKeySequence(), tr("Version and purpose"), [this] {
    QMessageBox::about(this, tr("About Archipelago"),
                       tr("<b>Archipelago %1</b><p>Train one model across several datacenters with mixed GPUs over slow WAN links.</p>")
                           .arg(QApplication::applicationVersion()));
  }));

  createAgentActions(run, tools);
  createSettingsActions(run);
  file->insertAction(beforeQuit, action("actionAttachRun"));

  view_->setContextActions({action("actionAddNode"), action("actionLinkSelected"), nullptr, action("actionCut"), action("actionCopy"),
                            action("actionPaste"), action("actionDelete"), nullptr, action("actionAutoLayout"), action("actionFit")});

  // --- Toolbar
  QToolBar* bar = addToolBar(tr("Main"));
  bar->setObjectName("mainToolBar");
  bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  bar->addAction(newAction);
  bar->addAction(openAction);
  bar->addAction(saveAction);
  bar->addSeparator();
  bar->addAction(undo);
  bar->addAction(redo);
  bar->addSeparator();
  bar->addAction(validate);
  bar->addAction(planAction);
  bar->addAction(runHereAction);
  bar->addAction(stopAction);
  bar->addSeparator();
  bar->addAction(addDc);
  bar->addAction(connectMode);
  bar->addAction(action("actionAutoLayout"));
  bar->addAction(fit);
}

void MainWindow::refreshActions() {
  const bool onCanvas = tabs_->currentWidget() == view_;
  for (const char* name : {"actionCut", "actionCopy", "actionPaste", "actionDelete", "actionConnect", "actionLinkSelected", "actionZoomIn", "actionZoomOut",
                           "actionFit", "actionActualSize"}) {
    if (QAction* a = action(name)) a->setEnabled(onCanvas);
  }
}

bool MainWindow::maybeSave() {
  if (!document_.isModified()) return true;
  QMessageBox::StandardButton answer;
  if (savePrompt_) {
    answer = savePrompt_();
  } else {
    answer = QMessageBox::warning(this, tr("Unsaved changes"),
                                  tr("The project “%1” has unsaved changes. Save them first? If you discard them, they are lost.")
                                      .arg(document_.displayName()),
                                  QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
  }
  if (answer == QMessageBox::Save) return save();
  return answer == QMessageBox::Discard;
}

bool MainWindow::newProject() {
  if (!maybeSave()) return false;
  document_.newProject();
  events_->log(EventLog::Level::Info, tr("file"), tr("New project"));
  return true;
}

bool MainWindow::openProject(const QString& path) {
  if (document_.open(path)) {
    addRecentFile(path);
    QSettings().setValue(kLastDirectoryKey, QFileInfo(path).absolutePath());
    const std::size_t errors = document_.problems().errorCount();
    events_->log(errors ? EventLog::Level::Warning : EventLog::Level::Info, tr("file"),
                 errors ? tr("Opened %1 with %2").arg(path, visual_style::count(qint64(errors), tr("error"), tr("errors"))) : tr("Opened %1").arg(path));
    statusBar()->showMessage(tr("Opened %1").arg(path), 5000);
    if (scene_->hasOverlaps()) {
      // A file written by hand or by a tool often has no positions: make it readable, undoably.
      scene_->autoLayout();
      events_->log(EventLog::Level::Info, tr("canvas"),
                   tr("Datacenters overlapped on the canvas: laid out automatically (Undo restores the file's positions)"));
    }
    view_->fitToContent();
    offerAttach();
    return true;
  }
  QStringList reasons;
  for (const archi::Diagnostic& d : document_.lastLoadProblems().all()) {
    reasons.append(QString::fromStdString(d.pointer.empty() ? d.message : d.pointer + ": " + d.message));
  }
  const QString reason = reasons.isEmpty() ? tr("the file could not be read") : reasons.join('\n');
  events_->log(EventLog::Level::Error, tr("file"), tr("Cannot open %1: %2").arg(path, reason));
  if (!savePrompt_) {  // interactive sessions get a dialog; tests read the event log
    QMessageBox::warning(this, tr("Cannot open project"),
                         tr("%1 could not be opened:\n%2\n\nFix the file in a text editor or choose another one.").arg(path, reason));
  }
  return false;
}

bool MainWindow::save() {
  if (document_.filePath().isEmpty()) return saveAs(QString());
  return saveAs(document_.filePath());
}

bool MainWindow::saveAs(const QString& requested) {
  QString path = requested;
  if (path.isEmpty()) {
    const QString dir = QSettings().value(kLastDirectoryKey).toString();
    const QString suggested = QDir(dir).filePath(document_.displayName() + QStringLiteral(".archipelago.json"));
    path = QFileDialog::getSaveFileName(this, tr("Save project"), suggested, fileFilter());
    if (path.isEmpty()) return false;
  }
  QString error;
  if (!document_.save(path, &error)) {
    events_->log(EventLog::Level::Error, tr("file"), tr("Cannot save %1: %2").arg(path, error));
    if (!savePrompt_) {
      QMessageBox::critical(this, tr("Cannot save project"),
                            tr("The project was not saved:\n%1\n\nChoose another folder or free some disk space, then save again.").arg(error));
    }
    return false;
  }
  addRecentFile(path);
  QSettings().setValue(kLastDirectoryKey, QFileInfo(path).absolutePath());
  events_->log(EventLog::Level::Info, tr("file"), tr("Saved %1").arg(path));
  statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
  return true;
}

QStringList MainWindow::recentFiles() { return QSettings().value(kRecentFilesKey).toStringList(); }

void MainWindow::addRecentFile(const QString& path) {
  const QString absolute = QFileInfo(path).absoluteFilePath();
  QStringList files = recentFiles();
  files.removeAll(absolute);
  files.prepend(absolute);
  while (files.size() > kMaxRecentFiles) files.removeLast();
  QSettings().setValue(kRecentFilesKey, files);
  refreshRecentMenu();
}

void MainWindow::refreshRecentMenu() {
  recentMenu_->clear();
  const QStringList files = recentFiles();
  for (int i = 0; i < files.size(); ++i) {
    const QString path = files[i];
    QAction* a = recentMenu_->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()));
    a->setStatusTip(path);
    a->setToolTip(path);
    connect(a, &QAction::triggered, this, [this, path] {
      if (maybeSave()) openProject(path);
    });
  }
  if (files.isEmpty()) recentMenu_->addAction(tr("No recent projects"))->setEnabled(false);
  recentMenu_->addSeparator();
  QAction* clearAction = recentMenu_->addAction(tr("&Clear List"));
  clearAction->setEnabled(!files.isEmpty());
  connect(clearAction, &QAction::triggered, this, [this] {
    QSettings().remove(kRecentFilesKey);
    refreshRecentMenu();
  });
}

void MainWindow::refreshTitle() {
  const QString file = document_.filePath().isEmpty() ? QString() : QStringLiteral(" (%1)").arg(QFileInfo(document_.filePath()).fileName());
  setWindowTitle(tr("%1[*]%2 — Archipelago").arg(document_.displayName(), file));
  setWindowModified(document_.isModified());
}

void MainWindow::refreshStatus() {
  const QLocale locale;
  if (!document_.project()) {
    statusSummary_->setText(tr("No project"));
    statusValidity_->clear();
    return;
  }
  const archi::Project& p = *document_.project();
  double tflops = 0.0;
  int enabled = 0;
  for (const archi::Datacenter& dc : p.topology.datacenters) {
    for (const archi::Node& node : dc.nodes) {
      for (const archi::DeviceGroup& g : node.devices) {
        if (!g.enabled) continue;
        enabled += g.count;
        if (const archi::GpuSpec* spec = document_.catalog().find(g.type)) tflops += spec->bf16_tflops * g.count;
      }
    }
  }
  statusSummary_->setText(visual_style::count(qint64(p.topology.datacenters.size()), tr("datacenter"), tr("datacenters")) + QStringLiteral(" · ") +
                          tr("%1 of %2 enabled").arg(locale.toString(enabled), visual_style::count(p.topology.deviceCount(), tr("device"), tr("devices"))) +
                          QStringLiteral(" · ") + tr("%1 peak").arg(visual_style::formatFlops(tflops)));
  const std::size_t errors = document_.problems().errorCount();
  const std::size_t warnings = document_.problems().warningCount();
  QPalette pal = statusValidity_->palette();
  if (errors > 0) {
    statusValidity_->setText(tr("✖ %1").arg(visual_style::count(qint64(errors), tr("error"), tr("errors"))) +
                             (warnings ? QStringLiteral(", ") + visual_style::count(qint64(warnings), tr("warning"), tr("warnings")) : QString()));
    pal.setColor(QPalette::WindowText, visual_style::errorColor());
  } else if (warnings > 0) {
    statusValidity_->setText(tr("⚠ %1").arg(visual_style::count(qint64(warnings), tr("warning"), tr("warnings"))));
    pal.setColor(QPalette::WindowText, visual_style::warningColor());
  } else {
    statusValidity_->setText(tr("✓ valid"));
    pal.setColor(QPalette::WindowText, QApplication::palette().color(QPalette::WindowText));
  }
  statusValidity_->setPalette(pal);
  if (errors != lastErrorCount_) {
    events_->log(errors ? EventLog::Level::Warning : EventLog::Level::Info, tr("validation"),
                 errors ? tr("%1 in the project").arg(visual_style::count(qint64(errors), tr("error"), tr("errors"))) : tr("The project is valid"));
    lastErrorCount_ = errors;
  }
}

void MainWindow::syncSelection(const ItemKeys& keys, QObject* source) {
  if (source != scene_) scene_->selectKeys(keys);
  if (source != tree_) tree_->selectKeys(keys);
  properties_->setSelection(keys);
}

void MainWindow::showProblem(const ItemKey& key) {
  tabs_->setCurrentWidget(view_);
  const ItemKeys keys = key.isValid() ? ItemKeys{key} : ItemKeys{};
  syncSelection(keys, nullptr);
  if (KeyedItem* item = scene_->itemFor(key)) view_->ensureVisible(item, 40, 40);
}

void MainWindow::validateNow() {
  const std::size_t errors = document_.problems().errorCount();
  const std::size_t warnings = document_.problems().warningCount();
  findChild<QDockWidget*>("problemsDock")->show();
  findChild<QDockWidget*>("problemsDock")->raise();
  const QString text = errors == 0 && warnings == 0 ? tr("The project is valid: it can be planned and run")
                                                    : tr("%1, %2: see the Problems list").arg(visual_style::count(qint64(errors), tr("error"), tr("errors")), visual_style::count(qint64(warnings), tr("warning"), tr("warnings")));
  events_->log(errors ? EventLog::Level::Warning : EventLog::Level::Info, tr("validation"), text);
  statusBar()->showMessage(text, 6000);
}

void MainWindow::deleteSelection() {
  const ItemKeys keys = scene_->selectedKeys();
  if (keys.isEmpty() || !document_.project()) return;
  archi::Project project = *document_.project();
  topology_edits::removeItems(project, keys);
  scene_->clearSelection();
  document_.applyEdit(tr("Delete %1").arg(visual_style::count(keys.size(), tr("item"), tr("items"))), project);
  syncSelection({}, nullptr);
}

void MainWindow::copySelection() {
  if (!document_.project()) return;
  const auto fragment = topology_edits::copyFragment(*document_.project(), scene_->selectedKeys());
  if (!fragment) {
    statusBar()->showMessage(tr("Select datacenters, nodes or devices to copy"), 4000);
    return;
  }
  auto* data = new QMimeData;
  const QByteArray bytes = encodeFragment(*fragment);
  data->setData(kFragmentMimeType, bytes);
  data->setText(QString::fromUtf8(bytes));
  QApplication::clipboard()->setMimeData(data);
}

void MainWindow::pasteClipboard() {
  if (!document_.project()) return;
  const QMimeData* data = QApplication::clipboard()->mimeData();
  if (!data) return;
  std::optional<TopologyFragment> fragment;
  if (data->hasFormat(kFragmentMimeType)) fragment = decodeFragment(data->data(kFragmentMimeType));
  if (!fragment && data->hasText()) fragment = decodeFragment(data->text().toUtf8());
  if (!fragment) {
    statusBar()->showMessage(tr("The clipboard holds no Archipelago topology"), 4000);
    return;
  }
  archi::Project project = *document_.project();
  const ItemKeys pasted = topology_edits::paste(project, *fragment, scene_->selectedKeys());
  if (pasted.isEmpty()) {
    statusBar()->showMessage(fragment->kind == TopologyFragment::Kind::DeviceGroups ? tr("Select a node to paste devices into")
                                                                                    : tr("Select a datacenter to paste nodes into"),
                             4000);
    return;
  }
  document_.applyEdit(tr("Paste"), project);
  syncSelection(pasted, nullptr);
}

void MainWindow::addDatacenter() {
  if (!document_.project()) document_.newProject();
  archi::Project project = *document_.project();
  const QPointF center = view_->mapToScene(view_->viewport()->rect().center());
  const ItemKey key = topology_edits::addDatacenter(project, {std::round(center.x() / DatacenterItem::kGrid) * DatacenterItem::kGrid - DatacenterItem::kWidth / 2,
                                                              std::round(center.y() / DatacenterItem::kGrid) * DatacenterItem::kGrid - 60});
  document_.applyEdit(tr("Add datacenter"), project);
  syncSelection({key}, nullptr);
}

void MainWindow::addNode() {
  if (!document_.project()) return;
  const ItemKeys selection = scene_->selectedKeys();
  int dc = -1;
  for (const ItemKey& k : selection) {
    if (k.dc >= 0) {
      dc = k.dc;
      break;
    }
  }
  if (dc < 0) {
    statusBar()->showMessage(tr("Select a datacenter to add a node to"), 4000);
    return;
  }
  archi::Project project = *document_.project();
  const ItemKey key = topology_edits::addNode(project, dc);
  document_.applyEdit(tr("Add node"), project);
  syncSelection({key}, nullptr);
}

void MainWindow::addDeviceToSelection(const QString& type) {
  if (!document_.project()) return;
  archi::Project project = *document_.project();
  for (const ItemKey& k : scene_->selectedKeys()) {
    if (k.kind == ItemKey::Kind::Node || k.kind == ItemKey::Kind::DeviceGroup) {
      const ItemKey key = topology_edits::addDevice(project, k.dc, k.node, type.toStdString());
      document_.applyEdit(tr("Add %1").arg(type), project);
      syncSelection({key}, nullptr);
      return;
    }
    if (k.kind == ItemKey::Kind::Datacenter) {
      const ItemKey node = topology_edits::addNode(project, k.dc);
      const ItemKey key = topology_edits::addDevice(project, node.dc, node.node, type.toStdString());
      document_.applyEdit(tr("Add node with %1").arg(type), project);
      syncSelection({key}, nullptr);
      return;
    }
  }
  statusBar()->showMessage(tr("Select a node (or datacenter) to add a %1 to, or drag it onto the canvas").arg(type), 5000);
}

void MainWindow::showHelp() {
  const bool pools = tabs_->currentWidget() == pools_;
  const QString text =
      pools ? tr("<h3>Pools</h3><p>Every device group of the project. Filter by GPU type and site, or search. "
                 "Tick <i>Enabled</i> to include a group in the run; <b>Enable</b>/<b>Disable</b> act on the selected rows "
                 "(or on all shown rows). Totals below count enabled devices only.</p>")
            : tr("<h3>Topology</h3><ul>"
                 "<li>Drag a GPU type from the catalog onto a node to add a device (onto a datacenter: new node; onto empty space: new datacenter).</li>"
                 "<li>Keyboard: select items in the Project tree (Ctrl/Shift for several), Enter in the GPU catalog adds that type to the selected node, Ctrl+K links two selected datacenters, Delete removes, Ctrl+1/2/3 switch views.</li>"
                 "<li>Drag from a datacenter's round handle (or with <i>Connect</i> on, from anywhere in it) to another datacenter to draw a WAN link.</li>"
                 "<li>Drag the background or use the middle button to pan; the wheel or Ctrl +/− zooms; Ctrl+0 fits.</li>"
                 "<li>Shift+drag selects with a rectangle; Ctrl+click adds to the selection; arrow keys move selected datacenters.</li>"
                 "<li>Edit every field in the Properties dock; Ctrl+Z / Ctrl+Shift+Z undo and redo.</li>"
                 "<li>Items with problems have a red (error) or amber (warning) outline; click a problem to select its item.</li></ul>");
  QMessageBox::information(this, tr("Help"), text);
}

void MainWindow::restoreSettings() {
  QSettings settings;
  if (settings.contains(kGeometryKey)) {
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
  } else {
    resize(1400, 880);
  }
  restoreState(settings.value(kStateKey).toByteArray(), kStateVersion);
  tabs_->setCurrentIndex(std::clamp(settings.value(kTabKey, 0).toInt(), 0, tabs_->count() - 1));
}

void MainWindow::saveSettings() const {
  QSettings settings;
  settings.setValue(kGeometryKey, saveGeometry());
  settings.setValue(kStateKey, saveState(kStateVersion));
  settings.setValue(kTabKey, tabs_->currentIndex());
}

bool MainWindow::confirm(const QString& title, const QString& text) {
  if (confirm_) return confirm_(title, text);
  return QMessageBox::question(this, title, text, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) == QMessageBox::Yes;
}

bool MainWindow::runHere() {
  if (!confirmLaunch()) return false;
  QString error;
  if (!runService_->start(&error)) {
    events_->log(EventLog::Level::Error, tr("run"), tr("Cannot start the run: %1").arg(error));
    statusBar()->showMessage(tr("Cannot start the run: %1").arg(error), 8000);
    if (!confirm_) QMessageBox::warning(this, tr("Cannot start the run"), tr("The run did not start: %1.").arg(error));
    return false;
  }
  events_->log(EventLog::Level::Info, tr("run"), tr("Starting %1 on this machine").arg(document_.displayName()));
  return true;
}

void MainWindow::stopRun() {
  if (!runService_->isActive()) return;
  const RunProgress& p = runService_->progress();
  if (!confirm(tr("Stop the run?"),
               tr("Stop run %1? Its workers finish the current step, synchronise, write final checkpoints and exit; "
                  "the tokens not yet trained (%2 of %3 done) are not trained. The run can be resumed from its checkpoints.")
                   .arg(p.runName, QLocale().toString(p.tokens), QLocale().toString(p.tokenBudget)))) {
    return;
  }
  runService_->stop();
  events_->log(EventLog::Level::Info, tr("run"), tr("Stopping %1").arg(p.runName));
}

void MainWindow::refreshMeasured() {
  if (!document_.project()) return;
  measured_->refresh(QString::fromStdString(runService_->dataLayout().storePath().string()),
                     QString::fromStdString(document_.project()->name));
}

void MainWindow::refreshRun() {
  const RunProgress& p = runService_->progress();
  action("actionRunHere")->setEnabled(!runService_->isActive());
  action("actionAttachRun")->setEnabled(!runService_->isActive());
  if (runService_->isActive()) attachOffer_->hide();
  action("actionStop")->setEnabled(runService_->isActive());
  if (p.phase == RunProgress::Phase::Idle) {
    runStrip_->clear();
    return;
  }
  QString state;
  QColor color = QApplication::palette().color(QPalette::WindowText);
  switch (p.phase) {
    case RunProgress::Phase::Starting: state = tr("● starting"); color = visual_style::busyColor(); break;
    case RunProgress::Phase::Running: state = tr("● running"); color = visual_style::busyColor(); break;
    case RunProgress::Phase::Stopping: state = tr("■ stopping"); color = visual_style::warningColor(); break;
    case RunProgress::Phase::Completed: state = tr("✓ completed"); break;
    case RunProgress::Phase::Stopped: state = tr("■ stopped"); break;
    case RunProgress::Phase::Failed: state = tr("✖ failed"); color = visual_style::errorColor(); break;
    case RunProgress::Phase::Detached: state = tr("⇢ detached, still going on its agents"); break;
    case RunProgress::Phase::Idle: break;
  }
  QStringList parts{tr("run “%1” %2").arg(p.runName.isEmpty() ? document_.displayName() : p.runName, state)};
  if (p.phase != RunProgress::Phase::Starting && p.phase != RunProgress::Phase::Failed) {
    parts << visual_style::formatRate(p.tokensPerSecond);
    if (p.tokenBudget > 0) parts << tr("%1%").arg(QLocale().toString(100.0 * double(p.tokens) / double(p.tokenBudget), 'f', 0));
    for (const RunProgress::Datacenter& dc : p.datacenters) {
      if (dc.steps > 0) parts << tr("%1 loss %2").arg(dc.name, QLocale().toString(dc.loss, 'f', 2));
    }
    qint64 rounds = 0;
    for (const RunProgress::Datacenter& dc : p.datacenters) rounds = std::max(rounds, dc.rounds);
    if (rounds > 0) parts << tr("round %1").arg(rounds);
    // A Slurm datacenter's newest job: the one its workers run in (or wait for, with Slurm's reason).
    QMap<QString, RunProgress::SlurmJob> newestJob;
    for (const RunProgress::SlurmJob& job : p.slurmJobs) newestJob[job.datacenter] = job;
    for (const RunProgress::SlurmJob& job : newestJob) {
      QString name = job.datacenter;
      for (const RunProgress::Datacenter& dc : p.datacenters) name = dc.id == job.datacenter ? dc.name : name;
      parts << (job.state == QLatin1String("PENDING") ? tr("%1: Slurm job %2 pending (%3)").arg(name).arg(job.jobId).arg(job.reason)
                                                      : tr("%1: Slurm job %2 %3").arg(name).arg(job.jobId).arg(job.state.toLower()));
    }
    parts << visual_style::formatDuration(p.elapsed_s * 1000.0);
  }
  if (p.phase == RunProgress::Phase::Failed && !p.message.isEmpty()) parts << p.message.left(120);
  runStrip_->setText(parts.join(QStringLiteral(" · ")));
  runStrip_->setToolTip(p.message);
  QPalette pal = runStrip_->palette();
  pal.setColor(QPalette::WindowText, color);
  runStrip_->setPalette(pal);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!maybeSave()) {
    event->ignore();
    return;
  }
  if (runService_->isActive()) {
    const QString name = runService_->progress().runName.isEmpty() ? document_.displayName() : runService_->progress().runName;
    if (!confirm(tr("A run is going"),
                 tr("Run %1 keeps training after the console closes: its node agents (on this machine for Run on This Machine) "
                    "go on running its workers and writing checkpoints. To follow it again, reopen the project and click "
                    "Attach in the status bar, use File > Attach to Run…, or run `archi run --attach %1`. To end it instead, "
                    "cancel and use Run > Stop. Close the console?")
                     .arg(name))) {
      event->ignore();
      return;
    }
    runService_->detach();
  }
  saveSettings();
  event->accept();
}

void MainWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::WindowStateChange) refreshNodeChecking();  // no checks while minimised
  // The system switched between light and dark: the canvas repaints from the new palette.
  if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange) {
    scene_->setPalette(QApplication::palette());
    view_->viewport()->update();
  }
  QMainWindow::changeEvent(event);
}
