// The console's main window, offscreen: opening, the project tree and problems, file handling
// (new/open/save/save as, recent files, the unsaved-changes prompt), settings kept across
// sessions, and open → edit → save → reopen equality.

#include <QtTest>

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenu>
#include <QTabWidget>
#include <QTreeWidget>
#include <QUndoStack>

#include "app/EventLog.h"
#include "app/MainWindow.h"
#include "bridge/ProjectDocument.h"
#include "core/ProjectJson.h"
#include "topology/TopologyScene.h"

class MainWindowTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void init() { QSettings().clear(); }
  void opensTitledWithTheProject();
  void listsProblemsOfABrokenProject();
  void clickingAProblemSelectsItsItem();
  void fileProblemsLastUntilTheirValueIsEdited();
  void unreadableFileKeepsTheProjectOpen();
  void editSaveReopenIsEqual();
  void promptGuardsUnsavedChanges_data();
  void promptGuardsUnsavedChanges();
  void recentFilesAndLayoutSurviveARestart();
  void everyActionHasAShortcutAndStatusTip();
  void eventLogFiltersByLevelAndText();

 private:
  static QString example(const char* name) {
    return QStringLiteral(ARCHIPELAGO_SOURCE_DIR "/resources/examples/") + QLatin1String(name);
  }
};

void MainWindowTest::initTestCase() {
  QStandardPaths::setTestModeEnabled(true);
  // Settings must go to the test location, never to the user's own configuration.
  QVERIFY2(QSettings().fileName().contains(QLatin1String("qttest")), qPrintable(QSettings().fileName()));
}

void MainWindowTest::opensTitledWithTheProject() {
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  document.newProject();
  MainWindow window(document);
  QCOMPARE(window.windowTitle(), QString("untitled[*] — Archipelago"));
  QSignalSpy changed(&document, &ProjectDocument::projectChanged);
  QVERIFY(window.openProject(example("local-demo.archipelago.json")));
  QCOMPARE(changed.count(), 1);
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  QCOMPARE(window.windowTitle(), QString("local-demo[*] (local-demo.archipelago.json) — Archipelago"));
  QVERIFY(!window.isWindowModified());
  auto* tree = window.findChild<QTreeWidget*>("topologyTree");
  QVERIFY(tree != nullptr);
  QCOMPARE(tree->topLevelItemCount(), 4);  // three datacenters and the WAN links
  QCOMPARE(tree->topLevelItem(1)->text(0), QString("Guiyang"));
  QCOMPARE(window.findChild<QTreeWidget*>("problemsList")->topLevelItemCount(), 0);
}

void MainWindowTest::listsProblemsOfABrokenProject() {
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  MainWindow window(document);
  QVERIFY(window.openProject(example("broken.archipelago.json")));
  auto* problems = window.findChild<QTreeWidget*>("problemsList");
  QCOMPARE(problems->topLevelItemCount(), 13);
  QCOMPARE(problems->topLevelItem(0)->text(0), QString("error"));
  QVERIFY(problems->topLevelItem(0)->toolTip(3).startsWith("/datacenters/0/nodes/0/agent_port"));
  QCOMPARE(problems->topLevelItem(0)->text(2), QString("agent_port"));
}

void MainWindowTest::clickingAProblemSelectsItsItem() {
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  MainWindow window(document);
  QVERIFY(window.openProject(example("broken.archipelago.json")));
  auto* problems = window.findChild<QTreeWidget*>("problemsList");
  QTreeWidgetItem* first = problems->topLevelItem(0);
  emit problems->itemClicked(first, 0);
  QCOMPARE(window.scene()->selectedKeys(), ItemKeys{ItemKey::nodeOf(0, 0)});
  QCOMPARE(window.tabs()->currentIndex(), 0);
  auto* tree = window.findChild<QTreeWidget*>("topologyTree");
  QCOMPARE(tree->selectedItems().size(), 1);
}

void MainWindowTest::fileProblemsLastUntilTheirValueIsEdited() {
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  MainWindow window(document);
  QVERIFY(window.openProject(example("broken.archipelago.json")));
  // Its datacenters have no positions: they were laid out, as one undoable step.
  QCOMPARE(document.undoStack()->count(), 1);
  QVERIFY(!window.scene()->hasOverlaps());
  auto hasProblem = [&](const std::string& pointer, const std::string& text) {
    for (const archi::Diagnostic& d : document.problems().all()) {
      if (d.pointer == pointer && d.message.find(text) != std::string::npos) return true;
    }
    return false;
  };
  QVERIFY(hasProblem("/datacenters/1/nodes/0/agent_port", "must be an integer"));
  QCOMPARE(document.problems().all().size(), std::size_t{13});
  archi::Project p = *document.project();
  p.topology.datacenters[1].nodes[0].agent_port = 7555;
  document.applyEdit("fix port", p);
  QVERIFY(!hasProblem("/datacenters/1/nodes/0/agent_port", "must be an integer"));
  QCOMPARE(document.problems().all().size(), std::size_t{12});
  document.undoStack()->undo();
  QVERIFY(hasProblem("/datacenters/1/nodes/0/agent_port", "must be an integer"));
}

void MainWindowTest::unreadableFileKeepsTheProjectOpen() {
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  MainWindow window(document);
  window.setSaveChangesPrompt([] { return QMessageBox::Discard; });
  QVERIFY(window.openProject(example("local-demo.archipelago.json")));
  const int events = window.eventLog()->count();
  QVERIFY(!window.openProject(QStringLiteral("/nonexistent/project.archipelago.json")));
  QCOMPARE(document.lastLoadProblems().all().size(), std::size_t{1});
  QVERIFY(QString::fromStdString(document.lastLoadProblems().all().front().message).contains("/nonexistent/project.archipelago.json"));
  QCOMPARE(document.project()->name, std::string("local-demo"));
  QCOMPARE(window.eventLog()->count(), events + 1);
}

void MainWindowTest::editSaveReopenIsEqual() {
  QTemporaryDir dir;
  const QString path = dir.filePath("edited.archipelago.json");
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  MainWindow window(document);
  window.setSaveChangesPrompt([] { return QMessageBox::Discard; });
  QVERIFY(window.openProject(example("local-demo.archipelago.json")));

  window.scene()->selectKeys({ItemKey::nodeOf(1, 0)});
  window.addDeviceToSelection("MI300X");
  window.scene()->selectKeys({ItemKey::datacenter(2)});
  window.copySelection();
  window.pasteClipboard();
  window.scene()->selectKeys({ItemKey::deviceGroup(0, 0, 1)});
  window.deleteSelection();
  QVERIFY(window.isWindowModified());
  QCOMPARE(document.undoStack()->count(), 3);
  const archi::Project edited = *document.project();
  QCOMPARE(edited.topology.datacenters.size(), std::size_t{4});
  QCOMPARE(edited.topology.datacenters[1].nodes[0].devices.back().type, std::string("MI300X"));
  QCOMPARE(edited.topology.datacenters[0].nodes[0].devices.size(), std::size_t{1});
  QCOMPARE(edited.topology.datacenters[3].id, std::string("ulanqab-2"));
  QVERIFY(edited.topology.datacenters[3].nodes[0].agent_port != edited.topology.datacenters[2].nodes[0].agent_port);

  QVERIFY(window.saveAs(path));
  QVERIFY(!window.isWindowModified());
  QVERIFY(window.windowTitle().contains("edited.archipelago.json"));

  ProjectDocument reopened;
  QVERIFY(reopened.loadCatalog());
  QVERIFY(reopened.open(path));
  QVERIFY(*reopened.project() == edited);
  QVERIFY(!reopened.problems().hasErrors() || document.problems().hasErrors());
  QCOMPARE(reopened.problems().all().size(), document.problems().all().size());
}

void MainWindowTest::promptGuardsUnsavedChanges_data() {
  QTest::addColumn<int>("answer");
  QTest::addColumn<bool>("proceeds");
  QTest::addColumn<bool>("savedFirst");
  QTest::newRow("cancel keeps the edit") << int(QMessageBox::Cancel) << false << false;
  QTest::newRow("discard drops the edit") << int(QMessageBox::Discard) << true << false;
  QTest::newRow("save writes, then proceeds") << int(QMessageBox::Save) << true << true;
}

void MainWindowTest::promptGuardsUnsavedChanges() {
  QFETCH(int, answer);
  QFETCH(bool, proceeds);
  QFETCH(bool, savedFirst);
  QTemporaryDir dir;
  const QString path = dir.filePath("p.archipelago.json");
  QVERIFY(QFile::copy(example("local-demo.archipelago.json"), path));
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  MainWindow window(document);
  int asked = 0;
  window.setSaveChangesPrompt([&] {
    ++asked;
    return QMessageBox::StandardButton(answer);
  });
  QVERIFY(window.openProject(path));
  QVERIFY(window.newProject());  // nothing to lose yet: no question
  QCOMPARE(asked, 0);
  QVERIFY(window.openProject(path));
  window.scene()->selectKeys({ItemKey::datacenter(0)});
  window.deleteSelection();
  QVERIFY(document.isModified());

  QCOMPARE(window.newProject(), proceeds);
  QCOMPARE(asked, 1);
  QCOMPARE(document.project()->topology.datacenters.empty(), proceeds);
  ProjectDocument onDisk;
  QVERIFY(onDisk.loadCatalog());
  QVERIFY(onDisk.open(path));
  QCOMPARE(onDisk.project()->topology.datacenters.size(), savedFirst ? std::size_t{2} : std::size_t{3});

  QCloseEvent close;
  if (!proceeds) {
    QApplication::sendEvent(&window, &close);
    QVERIFY(!close.isAccepted());  // closing asks too, and cancel keeps the window
    QCOMPARE(asked, 2);
  }
}

void MainWindowTest::recentFilesAndLayoutSurviveARestart() {
  {
    ProjectDocument document;
    QVERIFY(document.loadCatalog());
    MainWindow window(document);
    QVERIFY(window.openProject(example("single-node.archipelago.json")));
    QVERIFY(window.openProject(example("local-demo.archipelago.json")));
    window.tabs()->setCurrentIndex(1);
    window.findChild<QDockWidget*>("catalogDock")->hide();
    window.close();
  }
  QCOMPARE(MainWindow::recentFiles().size(), 2);
  QVERIFY(MainWindow::recentFiles().front().endsWith("local-demo.archipelago.json"));
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  MainWindow again(document);
  QCOMPARE(again.tabs()->currentIndex(), 1);
  QVERIFY(again.findChild<QDockWidget*>("catalogDock")->isHidden());
  QVERIFY(!again.findChild<QDockWidget*>("propertiesDock")->isHidden());
  auto* recent = again.findChild<QMenu*>("recentMenu");
  QVERIFY(recent->actions().first()->text().contains("local-demo.archipelago.json"));
}

void MainWindowTest::everyActionHasAShortcutAndStatusTip() {
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  MainWindow window(document);
  int checked = 0;
  for (QAction* a : window.findChildren<QAction*>()) {
    if (!a->objectName().startsWith("action") || a->objectName() == "actionAbout") continue;
    QVERIFY2(!a->shortcut().isEmpty(), qPrintable(a->objectName()));
    QVERIFY2(!a->statusTip().isEmpty(), qPrintable(a->objectName()));
    ++checked;
  }
  QVERIFY(checked >= 25);
  QCOMPARE(window.action("actionRedo")->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
}

void MainWindowTest::eventLogFiltersByLevelAndText() {
  EventLog log;
  log.log(EventLog::Level::Info, "file", "Opened a.json");
  log.log(EventLog::Level::Warning, "validation", "3 errors in the project");
  log.log(EventLog::Level::Error, "file", "Cannot save b.json: disk full");
  auto* list = log.findChild<QTreeWidget*>("eventList");
  auto shown = [&] {
    int n = 0;
    for (int i = 0; i < list->topLevelItemCount(); ++i) n += list->topLevelItem(i)->isHidden() ? 0 : 1;
    return n;
  };
  QCOMPARE(shown(), 3);
  auto* level = log.findChild<QComboBox*>("eventLevel");
  level->setCurrentIndex(1);  // warnings and errors
  QCOMPARE(shown(), 2);
  log.log(EventLog::Level::Info, "file", "Saved c.json");  // arrives hidden under the filter
  QCOMPARE(shown(), 2);
  level->setCurrentIndex(0);
  log.findChild<QLineEdit*>("eventSearch")->setText("json");
  QCOMPARE(shown(), 3);
  QCOMPARE(log.count(), 4);
}

QTEST_MAIN(MainWindowTest)
#include "tst_main_window.moc"
