// Screenshot smoke test, run under Xvfb (a real X server, real fonts): the demo project in the
// canvas and in the pools view. The PNGs land in the build folder (and in
// $ARCHIPELAGO_SCREENSHOT_DIR when set, which is how docs/screenshots/ is refreshed).

#include <QtTest>

#include <QFontDatabase>
#include <QMenuBar>
#include <QTabWidget>
#include <QTranslator>
#include <QItemSelectionModel>
#include <QDockWidget>
#include <QTableView>
#include <QUndoStack>
#include <QTreeWidget>

#include "NodeAgentFixture.h"
#include "app/MainWindow.h"
#include "bridge/NodeStatusService.h"
#include "common/TestProject.h"
#include "topology/NodeItem.h"
#include "bridge/PlanService.h"
#include "bridge/RunService.h"
#include "plan/PlanView.h"
#include "app/VisualStyle.h"
#include "bridge/ProjectDocument.h"
#include "pools/PoolsView.h"
#include "topology/TopologyScene.h"
#include "topology/TopologyView.h"

class ConsoleScreenshotTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void canvasShowsTheDemoProject();
  void poolsViewShowsEveryDevice();
  void planViewShowsThePlan();
  void canvasFollowsADarkPalette();
  void problemsAreMarkedOnTheCanvas();
  void nodeStatesOnTheCanvas();
  void runStripDuringADemoRun();
  void consoleInChinese();

 private:
  void saveShot(const QImage& image, const QString& name);
  static int countNear(const QImage& image, const QColor& color, int tolerance);

  ProjectDocument document_;
  std::unique_ptr<MainWindow> window_;
};

void ConsoleScreenshotTest::initTestCase() {
  QStandardPaths::setTestModeEnabled(true);
  QSettings().clear();
  QVERIFY(document_.loadCatalog());
  window_ = std::make_unique<MainWindow>(document_);
  window_->setSaveChangesPrompt([] { return QMessageBox::Discard; });
  window_->resize(1480, 900);
  window_->show();
  QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
  QVERIFY(window_->openProject(QStringLiteral(ARCHIPELAGO_SOURCE_DIR "/resources/examples/local-demo.archipelago.json")));
}

void ConsoleScreenshotTest::saveShot(const QImage& image, const QString& name) {
  QDir(QStringLiteral(ARCHIPELAGO_BINARY_DIR)).mkpath("screenshots");
  QVERIFY(image.save(QStringLiteral(ARCHIPELAGO_BINARY_DIR "/screenshots/") + name));
  const QString docs = qEnvironmentVariable("ARCHIPELAGO_SCREENSHOT_DIR");
  if (!docs.isEmpty()) QVERIFY(image.save(QDir(docs).filePath(name)));
}

int ConsoleScreenshotTest::countNear(const QImage& image, const QColor& color, int tolerance) {
  int count = 0;
  const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
  for (int y = 0; y < rgb.height(); ++y) {
    const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
    for (int x = 0; x < rgb.width(); ++x) {
      if (std::abs(qRed(line[x]) - color.red()) <= tolerance && std::abs(qGreen(line[x]) - color.green()) <= tolerance &&
          std::abs(qBlue(line[x]) - color.blue()) <= tolerance) {
        ++count;
      }
    }
  }
  return count;
}

void ConsoleScreenshotTest::canvasShowsTheDemoProject() {
  window_->tabs()->setCurrentWidget(window_->topologyView());
  window_->topologyView()->fitToContent();
  QTest::qWait(50);
  const QImage shot = window_->grab().toImage();
  QVERIFY(!shot.isNull());
  saveShot(shot, "console-topology.png");
  // The demo's chips are NVIDIA (A100, H20) and Huawei (Ascend): both vendor colours must show.
  QVERIFY2(countNear(shot, visual_style::vendorColor("NVIDIA"), 6) > 500, "no NVIDIA-green chips on the canvas");
  QVERIFY2(countNear(shot, visual_style::vendorColor("Huawei"), 6) > 200, "no Ascend-red chips on the canvas");

  // The scene alone, rendered at 2x as a high-DPI screen would.
  const QRectF content = window_->scene()->contentRect().adjusted(-30, -30, 30, 30);
  QImage canvas(content.size().toSize() * 2, QImage::Format_ARGB32_Premultiplied);
  canvas.setDevicePixelRatio(2.0);
  canvas.fill(window_->palette().color(QPalette::Base));
  {
    QPainter painter(&canvas);
    painter.setRenderHint(QPainter::Antialiasing);
    window_->scene()->render(&painter, QRectF(QPointF(0, 0), content.size()), content);
  }
  saveShot(canvas, "canvas-local-demo.png");
  QVERIFY(countNear(canvas, visual_style::vendorColor("NVIDIA"), 6) > 2000);
}

void ConsoleScreenshotTest::poolsViewShowsEveryDevice() {
  window_->tabs()->setCurrentWidget(window_->poolsView());
  QTest::qWait(50);
  PoolsView* pools = window_->poolsView();
  QCOMPARE(pools->table()->model()->rowCount(), 10);
  // Leave one device out, as an operator would for a flaky card, so the shot shows both states.
  const int last = pools->table()->model()->rowCount() - 1;
  pools->table()->selectionModel()->select(pools->table()->model()->index(last, 0),
                                           QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  pools->setShownEnabled(false);
  QTest::qWait(50);
  const QImage shot = window_->grab().toImage();
  saveShot(shot, "console-pools.png");
  QVERIFY(!shot.isNull());
  document_.undoStack()->undo();
}

void ConsoleScreenshotTest::planViewShowsThePlan() {
  window_->tabs()->setCurrentWidget(window_->planView());
  QTRY_COMPARE(window_->planService()->state(), PlanService::State::Ready);
  QTest::qWait(100);
  const QImage shot = window_->grab().toImage();
  saveShot(shot, "console-plan.png");
  // The bars carry the datacenters' colours.
  QVERIFY2(countNear(shot, visual_style::datacenterColor(0), 4) > 300, "no Beijing-coloured bars in the plan chart");
}

void ConsoleScreenshotTest::canvasFollowsADarkPalette() {
  QPalette dark;
  dark.setColor(QPalette::Window, QColor(0x2B, 0x2D, 0x31));
  dark.setColor(QPalette::WindowText, QColor(0xE6, 0xE6, 0xE6));
  dark.setColor(QPalette::Base, QColor(0x1E, 0x1F, 0x22));
  dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2B));
  dark.setColor(QPalette::Text, QColor(0xE6, 0xE6, 0xE6));
  dark.setColor(QPalette::Button, QColor(0x33, 0x35, 0x39));
  dark.setColor(QPalette::ButtonText, QColor(0xE6, 0xE6, 0xE6));
  dark.setColor(QPalette::Mid, QColor(0x55, 0x58, 0x5E));
  dark.setColor(QPalette::Highlight, QColor(0x35, 0x74, 0xF0));
  dark.setColor(QPalette::HighlightedText, Qt::white);
  QApplication::setPalette(dark);
  window_->tabs()->setCurrentWidget(window_->topologyView());
  window_->topologyView()->fitToContent();
  QTest::qWait(100);
  const QImage shot = window_->topologyView()->viewport()->grab().toImage();
  saveShot(shot, "canvas-dark.png");
  // The canvas background follows the palette: a corner pixel is dark.
  QVERIFY(QColor(shot.pixel(5, 5)).lightnessF() < 0.25);
  QVERIFY(countNear(shot, visual_style::vendorColor("NVIDIA"), 6) > 500);
  QApplication::setPalette(QPalette());
}

void ConsoleScreenshotTest::problemsAreMarkedOnTheCanvas() {
  QVERIFY(window_->openProject(QStringLiteral(ARCHIPELAGO_SOURCE_DIR "/resources/examples/broken.archipelago.json")));
  window_->tabs()->setCurrentWidget(window_->topologyView());
  auto* problems = window_->findChild<QTreeWidget*>("problemsList");
  QVERIFY(problems->topLevelItemCount() > 0);
  emit problems->itemClicked(problems->topLevelItem(0), 0);  // selects the offending node
  window_->topologyView()->fitToContent();
  QTest::qWait(100);
  const QImage shot = window_->grab().toImage();
  saveShot(shot, "console-problems.png");
  QVERIFY2(countNear(shot, visual_style::errorColor(), 8) > 200, "no red problem outlines");
}

// Four nodes, each in one agent state: up (a real `archi agent`), up but without the GPUs the
// project claims, enrolled with nothing on its port, never enrolled.
void ConsoleScreenshotTest::nodeStatesOnTheCanvas() {
  if (qEnvironmentVariable("ARCHI_BIN").isEmpty()) QSKIP("set ARCHI_BIN to start a node agent");
  QTemporaryDir dir;
  const archi::DataLayout data(dir.filePath("data").toStdString());
  NodeAgentFixture agents(data.pkiDirectory(), dir.filePath("nodes").toStdString());
  for (const char* dc : {"beijing", "guiyang", "shanghai"}) agents.enroll(std::string(dc) + "-node", dc);
  const int beijing = agents.start("beijing-node");
  const int guiyang = agents.start("guiyang-node");
  QVERIFY(beijing > 0 && guiyang > 0);
  const QString file = TestProject("node-states")
                           .datacenter("beijing", beijing, {"A100-80G", 2, true})
                           .datacenter("guiyang", guiyang, {"H20", 2, false})
                           .datacenter("shanghai", NodeAgentFixture::closedPort(), {"Ascend-910B", 2, true})
                           .datacenter("shenzhen", NodeAgentFixture::closedPort(), {"H20", 1, true})
                           .link("beijing", "guiyang", 0.1, 50.0)
                           .link("beijing", "shanghai", 1.0, 30.0)
                           .link("guiyang", "shenzhen", 0.1, 40.0)
                           .write(dir);
  const RunService::Settings before = window_->runService()->settings();
  window_->runService()->setSettings({qEnvironmentVariable("ARCHI_BIN"), dir.filePath("data"), 0});
  QSignalSpy checked(window_->nodeStatusService(), &NodeStatusService::checkFinished);
  QVERIFY(window_->openProject(file));
  QVERIFY(checked.wait(20000));
  QTRY_VERIFY_WITH_TIMEOUT(!window_->nodeStatusService()->isChecking(), 20000);
  QCOMPARE(window_->nodeStatusService()->statusOf("beijing-node")->state, NodeStatus::State::Reachable);
  QCOMPARE(window_->nodeStatusService()->statusOf("guiyang-node")->state, NodeStatus::State::Mismatch);
  QCOMPARE(window_->nodeStatusService()->statusOf("shanghai-node")->state, NodeStatus::State::Unreachable);
  QCOMPARE(window_->nodeStatusService()->statusOf("shenzhen-node")->state, NodeStatus::State::Unreachable);

  window_->tabs()->setCurrentWidget(window_->topologyView());
  window_->findChild<QDockWidget*>("problemsDock")->raise();
  window_->scene()->clearSelection();
  window_->topologyView()->fitToContent();
  QTest::qWait(200);
  const QImage shot = window_->grab().toImage();
  saveShot(shot, "node-states.png");
  QVERIFY2(countNear(shot, NodeItem::badgeColor(NodeStatus::State::Reachable), 6) > 20, "no reachable badge");
  QVERIFY2(countNear(shot, NodeItem::badgeColor(NodeStatus::State::Unreachable), 6) > 20, "no unreachable badge");
  QVERIFY2(countNear(shot, NodeItem::badgeColor(NodeStatus::State::Mismatch), 6) > 20, "no mismatch badge");
  window_->runService()->setSettings(before);
}

// Only when refreshing docs/screenshots: the demo's ten worker processes are too heavy for
// every ctest run on a small machine.
void ConsoleScreenshotTest::runStripDuringADemoRun() {
  if (qEnvironmentVariable("ARCHIPELAGO_SCREENSHOT_DIR").isEmpty() || qEnvironmentVariable("ARCHI_BIN").isEmpty()) {
    QSKIP("set ARCHIPELAGO_SCREENSHOT_DIR and ARCHI_BIN to capture a live run");
  }
  QTemporaryDir data;
  QVERIFY(window_->openProject(QStringLiteral(ARCHIPELAGO_SOURCE_DIR "/resources/examples/local-demo.archipelago.json")));
  window_->setConfirm([](const QString&, const QString&) { return true; });
  window_->runService()->setSettings({qEnvironmentVariable("ARCHI_BIN"), data.path(), 0});
  QVERIFY(window_->runHere());
  auto stepped = [&] {
    const RunProgress& p = window_->runService()->progress();
    int withSteps = 0;
    for (const RunProgress::Datacenter& dc : p.datacenters) withSteps += dc.steps >= 10 ? 1 : 0;
    return withSteps == 3 || !window_->runService()->isActive();
  };
  QTRY_VERIFY_WITH_TIMEOUT(stepped(), 120000);
  QVERIFY2(window_->runService()->isActive(), qPrintable(window_->runService()->progress().message));
  window_->tabs()->setCurrentWidget(window_->topologyView());
  window_->findChild<QDockWidget*>("eventsDock")->raise();
  QTest::qWait(300);
  saveShot(window_->grab().toImage(), "console-run.png");
  window_->stopRun();
  QTRY_VERIFY_WITH_TIMEOUT(!window_->runService()->isActive(), 120000);
  QCOMPARE(window_->runService()->progress().phase, RunProgress::Phase::Stopped);
}

// The console in Simplified Chinese: a fresh window made with the zh_CN translation and locale
// (widgets take their texts when they are made). Its glyphs need a CJK font, a dependency of
// this screenshot only (Debian: fonts-noto-cjk).
void ConsoleScreenshotTest::consoleInChinese() {
  if (QFontDatabase::families(QFontDatabase::SimplifiedChinese).isEmpty()) {
    QSKIP("no font with Simplified Chinese glyphs (Debian: fonts-noto-cjk)");
  }
  QTranslator translator;
  QVERIFY2(translator.load(QStringLiteral(ARCHIPELAGO_BINARY_DIR "/gui/archipelago_zh_CN.qm")),
           "archipelago_zh_CN.qm not built (target archipelago_lrelease)");
  QApplication::installTranslator(&translator);
  QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
  const auto restore = qScopeGuard([&translator] {
    QApplication::removeTranslator(&translator);
    QLocale::setDefault(QLocale::system());
  });
  window_.reset();
  window_ = std::make_unique<MainWindow>(document_);
  window_->setSaveChangesPrompt([] { return QMessageBox::Discard; });
  window_->resize(1480, 900);
  window_->show();
  QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
  QVERIFY(window_->openProject(QStringLiteral(ARCHIPELAGO_SOURCE_DIR "/resources/examples/local-demo.archipelago.json")));
  window_->tabs()->setCurrentWidget(window_->topologyView());
  window_->topologyView()->fitToContent();
  QTest::qWait(200);
  saveShot(window_->grab().toImage(), "console-zh_CN.png");
  QCOMPARE(window_->menuBar()->actions().constFirst()->text(), QStringLiteral("文件(&F)"));
  QCOMPARE(window_->tabs()->tabText(0), QStringLiteral("拓扑"));
}

QTEST_MAIN(ConsoleScreenshotTest)
#include "tst_console_screenshots.moc"
