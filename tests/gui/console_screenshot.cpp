// console_screenshot PROJECT DATA_DIR RUN_NAME OUT_PREFIX [WAIT_S]: the whole console following a
// run of DATA_DIR's store (live or finished) — the shots the README shows, taken in one go:
//   OUT_PREFIX-monitor.png   the Monitor tab after WAIT_S seconds of live refreshes
//   OUT_PREFIX-overlay.png   the Topology tab at that moment, with the run's live overlay
//   OUT_PREFIX-history.png   the History tab (every run of the store)
//   OUT_PREFIX-report.png    the Report tab of the run (once the report is built)
// Run it under xvfb-run for real fonts (QT_QPA_PLATFORM=offscreen works too). With
// ARCHIPELAGO_QM=<build>/gui/archipelago_zh_CN.qm the console speaks that language (and its
// locale's formats), as `archipelago --lang zh_CN` does.

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QStandardPaths>
#include <QLocale>
#include <QTabWidget>
#include <QTranslator>

#include <cstdio>
#include <optional>

#include "app/MainWindow.h"
#include "bridge/ProjectDocument.h"
#include "bridge/RunService.h"
#include "history/ReportView.h"
#include "history/RunsView.h"
#include "store/RunStore.h"
#include "topology/TopologyView.h"

namespace {

void pump(int ms) {
  QElapsedTimer clock;
  clock.start();
  while (clock.elapsed() < ms) QApplication::processEvents(QEventLoop::AllEvents, 50);
}

bool save(QWidget& window, const QString& file) {
  if (window.grab().toImage().save(file)) return true;
  std::fprintf(stderr, "cannot write %s\n", qPrintable(file));
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  const QStringList args = QApplication::arguments();
  if (args.size() < 5) {
    std::fprintf(stderr, "usage: console_screenshot PROJECT DATA_DIR RUN_NAME OUT_PREFIX [WAIT_S]\n");
    return 2;
  }
  QTranslator translator;
  const QString qm = qEnvironmentVariable("ARCHIPELAGO_QM");
  if (!qm.isEmpty()) {
    if (!translator.load(qm)) {
      std::fprintf(stderr, "cannot load the translation %s\n", qPrintable(qm));
      return 1;
    }
    QLocale::setDefault(QLocale(translator.language()));
    QApplication::installTranslator(&translator);
  }
  QStandardPaths::setTestModeEnabled(true);  // the operator's own layout and recent files stay untouched
  const QString dataDir = args[2];
  const QString prefix = args[4];
  const int wait_s = args.size() > 5 ? args[5].toInt() : 5;

  std::optional<archi::RunRecord> run;
  try {
    archi::RunStore store(QDir(dataDir).filePath("runs.db").toStdString(), archi::RunStore::Access::ReadOnly);
    run = store.findRunByName(args[3].toStdString());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  if (!run) {
    std::fprintf(stderr, "no run named %s in %s\n", qPrintable(args[3]), qPrintable(dataDir));
    return 1;
  }

  ProjectDocument document;
  if (!document.loadCatalog()) return 1;
  MainWindow window(document);
  window.setSaveChangesPrompt([] { return QMessageBox::Discard; });
  RunService::Settings settings = window.runService()->settings();
  settings.dataDirectory = dataDir;
  window.runService()->setSettings(settings);
  window.resize(1600, 1000);
  window.show();
  if (!window.openProject(args[1])) return 1;

  window.openMonitor(run->id);
  pump(wait_s * 1000);
  bool ok = save(window, prefix + "-monitor.png");
  window.tabs()->setCurrentWidget(window.topologyView());
  pump(700);
  ok = save(window, prefix + "-overlay.png") && ok;
  window.tabs()->setCurrentWidget(window.runsView());
  pump(4000);
  ok = save(window, prefix + "-history.png") && ok;
  window.openReport(run->id);
  QElapsedTimer clock;
  clock.start();
  while (window.reportView()->report() == nullptr && clock.elapsed() < 60'000) pump(200);
  pump(500);
  ok = save(window, prefix + "-report.png") && ok;
  return ok ? 0 : 1;
}
