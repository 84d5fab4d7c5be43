#pragma once
// What the monitor draws of one run at one moment (issue 13, Monitor): every series already
// folded and derived on the monitor's reader thread, so the GUI thread only copies points
// into charts. A snapshot is immutable once posted; views hold it by shared pointer.

#include <QList>
#include <QPointF>
#include <QString>

#include <memory>
#include <optional>

#include "bridge/LiveRunState.h"

// A point of a per-step series, with the three positions the loss chart's X axis can take.
struct MonitorPoint {
  double step = 0.0;
  double tokens = 0.0;   // tokens the whole run had processed by then
  double wall_s = 0.0;   // seconds since the run started
  double value = 0.0;
};

struct MonitorDatacenter {
  QString id;
  QString name;
  int colorIndex = 0;  // position in the project, for visual_style::datacenterColor
  int workers = 0;
  QList<MonitorPoint> trainingLoss;    // mean over the datacenter's workers, per step
  QList<MonitorPoint> validationLoss;
  QList<QPointF> throughput;           // (seconds since start, tokens/s) per time bucket
  // Mean step time of its workers over the latest steps, split as the runtime measures it.
  double compute_ms = 0.0;
  double intra_ms = 0.0;
  double inter_ms = 0.0;
  double idle_ms = 0.0;
  std::optional<double> measuredTokensPerSecond;   // summarizeRun's, over the run's span
  std::optional<double> predictedTokensPerSecond;  // the plan's
};

struct MonitorRoundMark {
  qint64 round = 0;
  double step = 0.0;
  double tokens = 0.0;
  double wall_s = 0.0;
};

struct MonitorLink {
  QString a;
  QString b;
  double bandwidthMbit = 0.0;  // the link as drawn in the run's topology; 0 when unknown
  QList<QPointF> mbitPerSecond;  // (seconds since start, Mbit/s)
  QList<QPointF> bytes;          // (seconds since start, bytes of the interval)
};

// One bar of the outer-round timeline (a Gantt row per datacenter).
struct MonitorGanttSegment {
  enum class Kind { InnerSteps, AllReduce, Waiting, LeftOut, Fault };
  int datacenter = 0;  // index into MonitorSnapshot::datacenters
  Kind kind = Kind::InnerSteps;
  double start_s = 0.0;
  double end_s = 0.0;
  qint64 round = 0;
  QString note;  // the fault or the reason, for the tooltip
};

// Devices × time, coloured by utilisation (compute / step time); < 0 where no step fell.
struct MonitorHeatMap {
  double start_s = 0.0;
  double bucket_s = 1.0;
  int buckets = 0;
  QList<QString> workers;           // rows, grouped by datacenter in project order
  QList<int> workerDatacenter;      // index into MonitorSnapshot::datacenters per row
  QList<float> utilisation;         // row-major, workers × buckets
};

struct MonitorEvent {
  double wall_s = 0.0;  // seconds since start
  QString level;
  QString source;
  QString kind;
  QString text;
};

struct MonitorSample {
  qint64 step = 0;
  QString prompt;
  QString text;
};

struct MonitorSnapshot {
  qint64 runId = 0;
  QString runName;
  QString state;        // archi::toString(RunState)
  bool running = false;
  QString error;        // why the store could not be read; empty when fine
  double start_unix_s = 0.0;
  double span_s = 0.0;  // start to the newest row

  // Run-wide figures: archi::summarizeRun's, never computed here another way.
  qint64 tokens = 0;
  qint64 steps = 0;
  qint64 rounds = 0;
  std::optional<double> tokensPerSecond;
  std::optional<double> predictedTokensPerSecond;
  std::optional<double> idealTokensPerSecond;
  std::optional<double> efficiency;
  std::optional<double> finalLoss;
  double dilation = 1.0;  // the run's time dilation (plan/Dilation.h); 1: not dilated

  QList<MonitorDatacenter> datacenters;  // project order
  QList<QPointF> runThroughput;          // sum over datacenters, per bucket
  double throughputBucket_s = 1.0;
  QList<MonitorRoundMark> roundMarks;
  QList<MonitorLink> links;
  QList<MonitorGanttSegment> gantt;
  MonitorHeatMap heat;
  QList<MonitorEvent> events;    // in the order stored
  QList<MonitorSample> samples;  // in the order stored
  qint64 stepRows = 0;           // distinct (worker, step) rows folded
  LiveRunState live;
};

using MonitorSnapshotPtr = std::shared_ptr<const MonitorSnapshot>;
