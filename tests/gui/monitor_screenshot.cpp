// monitor_screenshot STORE RUN_ID OUT.png [WIDTH HEIGHT [WAIT_S [PAGE]]]: renders the Monitor tab
// following a run of a store (finished, or still being written: it then waits WAIT_S seconds
// of live refreshes first) into a PNG. Used for docs/screenshots/monitor.png; run it under
// xvfb-run for real fonts, or with QT_QPA_PLATFORM=offscreen. PAGE 1 shows events and samples.

#include <QApplication>
#include <QElapsedTimer>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>

#include "bridge/MonitorService.h"
#include "monitor/MonitorView.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  const QStringList args = QApplication::arguments();
  if (args.size() < 4) {
    std::fprintf(stderr, "usage: monitor_screenshot STORE RUN_ID OUT.png [WIDTH HEIGHT [WAIT_S [PAGE]]]\n");
    return 2;
  }
  const int width = args.size() > 5 ? args[4].toInt() : 1600;
  const int height = args.size() > 5 ? args[5].toInt() : 1000;
  const int wait_s = args.size() > 6 ? args[6].toInt() : 0;
  MonitorView view;
  view.pages()->setCurrentIndex(args.size() > 7 ? args[7].toInt() : 0);
  view.resize(width, height);
  view.show();
  view.followRun(args[1], args[2].toLongLong());
  QElapsedTimer clock;
  clock.start();
  // Until the reader has caught up (a finished run) or the wait is over (a live one).
  while (clock.elapsed() < 30'000) {
    QApplication::processEvents(QEventLoop::AllEvents, 50);
    const MonitorSnapshotPtr shown = view.shownSnapshot();
    if (shown && !shown->error.isEmpty()) {
      std::fprintf(stderr, "%s\n", qPrintable(shown->error));
      return 1;
    }
    if (shown && clock.elapsed() >= wait_s * 1000 && (!shown->running || wait_s > 0)) break;
  }
  // Two more refresh periods, so that the last snapshot is drawn and laid out.
  QElapsedTimer settle;
  settle.start();
  while (settle.elapsed() < 600) QApplication::processEvents(QEventLoop::AllEvents, 50);
  if (!view.grab().save(args[3])) {
    std::fprintf(stderr, "cannot write %s\n", qPrintable(args[3]));
    return 1;
  }
  std::printf("%s: run %lld, %lld step rows, %lld redraws\n", qPrintable(args[3]), args[2].toLongLong(),
              view.shownSnapshot() ? static_cast<long long>(view.shownSnapshot()->stepRows) : 0LL,
              static_cast<long long>(view.redrawCount()));
  return 0;
}
