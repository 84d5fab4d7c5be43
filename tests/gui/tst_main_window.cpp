// The console's main window opens offscreen, titled with the project, and lists the
// problems validation found.

#include <QtTest>

#include <QListWidget>
#include <QTreeWidget>

#include "app/MainWindow.h"
#include "bridge/ProjectDocument.h"

class MainWindowTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
  void opensTitledWithTheProject();
  void listsProblemsOfABrokenProject();
  void unreadableFileKeepsTheWindowUsable();

 private:
  static QString example(const char* name) {
    return QStringLiteral(ARCHIPELAGO_SOURCE_DIR "/resources/examples/") + QLatin1String(name);
  }
};

void MainWindowTest::opensTitledWithTheProject() {
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  MainWindow window(document);
  QCOMPARE(window.windowTitle(), QString("Untitled — Archipelago"));
  QSignalSpy changed(&document, &ProjectDocument::projectChanged);
  QVERIFY(window.openProject(example("local-demo.archipelago.json")));
  QCOMPARE(changed.count(), 1);
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  QCOMPARE(window.windowTitle(), QString("local-demo — Archipelago"));
  auto* tree = window.findChild<QTreeWidget*>("topologyTree");
  QVERIFY(tree != nullptr);
  QCOMPARE(tree->topLevelItemCount(), 3);
  QCOMPARE(tree->topLevelItem(1)->text(0), QString("Guiyang"));
  QCOMPARE(window.findChild<QListWidget*>("problemsList")->count(), 0);
}

void MainWindowTest::listsProblemsOfABrokenProject() {
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  MainWindow window(document);
  QVERIFY(window.openProject(example("broken.archipelago.json")));
  auto* problems = window.findChild<QListWidget*>("problemsList");
  QCOMPARE(problems->count(), 13);
  QVERIFY(problems->item(0)->text().contains("/datacenters/0/nodes/0/agent_port"));
}

void MainWindowTest::unreadableFileKeepsTheWindowUsable() {
  ProjectDocument document;
  QVERIFY(document.loadCatalog());
  QVERIFY(!document.open(QStringLiteral("/nonexistent/project.archipelago.json")));
  QCOMPARE(document.problems().all().size(), std::size_t{1});
  QVERIFY(QString::fromStdString(document.problems().all().front().message).contains("/nonexistent/project.archipelago.json"));
  QVERIFY(!document.project().has_value());
}

QTEST_MAIN(MainWindowTest)
#include "tst_main_window.moc"
