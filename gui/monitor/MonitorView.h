#pragma once
// The Monitor tab (issue 13, Monitor; UI.md "Charts"): follows one run, live or finished, and
// shows its throughput, loss, step-time breakdown, device utilisation, WAN links, outer-round
// timeline, events and samples. Snapshots come from MonitorService's reader thread; the view
// redraws at most ten times a second however fast they arrive, from a timer that coalesces them.

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include "bridge/MonitorSnapshot.h"

class DeviceHeatMap;
class LossChart;
class MonitorEventsPanel;
class MonitorService;
class QComboBox;
class QLabel;
class QSlider;
class QTabWidget;
class RoundGantt;
class StepTimeChart;
class ThroughputChart;
class WanChart;

class MonitorView : public QWidget {
  Q_OBJECT

 public:
  explicit MonitorView(QWidget* parent = nullptr);
  ~MonitorView() override;

  void followRun(const QString& storePath, qint64 runId);
  void stop();

  // Redraws are at least this far apart: at most ten a second.
  static constexpr int kMinRedrawInterval_ms = 100;

  MonitorService* service() const { return service_; }
  MonitorSnapshotPtr shownSnapshot() const { return shown_; }
  // For the tests and `archi bench console`: redraws so far, and points put into charts.
  qint64 redrawCount() const { return redraws_; }
  qint64 pointsDrawn() const { return points_; }

  ThroughputChart* throughputChart() const { return throughput_; }
  LossChart* lossChart() const { return loss_; }
  StepTimeChart* stepTimeChart() const { return stepTime_; }
  DeviceHeatMap* heatMap() const { return heat_; }
  WanChart* wanChart() const { return wan_; }
  RoundGantt* gantt() const { return gantt_; }
  MonitorEventsPanel* eventsPanel() const { return events_; }
  QTabWidget* pages() const { return pages_; }
  QSlider* smoothingSlider() const { return smoothing_; }
  QComboBox* xAxisChoice() const { return xAxis_; }

 private:
  void scheduleRedraw();
  void redraw();
  void showHeader(const MonitorSnapshot& snapshot);

  MonitorService* service_ = nullptr;
  MonitorSnapshotPtr pending_;
  MonitorSnapshotPtr shown_;
  bool dirty_ = false;
  QTimer redrawTimer_;
  QElapsedTimer sinceRedraw_;
  qint64 redraws_ = 0;
  qint64 points_ = 0;

  QLabel* title_ = nullptr;
  QLabel* figures_ = nullptr;
  QComboBox* xAxis_ = nullptr;
  QSlider* smoothing_ = nullptr;
  QLabel* smoothingValue_ = nullptr;
  QTabWidget* pages_ = nullptr;
  ThroughputChart* throughput_ = nullptr;
  LossChart* loss_ = nullptr;
  StepTimeChart* stepTime_ = nullptr;
  DeviceHeatMap* heat_ = nullptr;
  WanChart* wan_ = nullptr;
  RoundGantt* gantt_ = nullptr;
  MonitorEventsPanel* events_ = nullptr;
};
