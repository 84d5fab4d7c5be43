#pragma once
// Compares two or more stored runs (issue 13 item 9): their training loss, validation loss and
// throughput overlaid, x aligned by tokens or by wall time since each run's start, one colour
// per run; a pinned baseline drawn thicker, against which the settings diff shows every other
// run's differences. Data is read on a worker thread; a chart that thins points for drawing
// (core/SeriesDownsampler.h) says so in its corner.

#include <QFutureWatcher>
#include <QList>
#include <QWidget>

#include "bridge/RunComparisonData.h"

class QAction;
class QChart;
class QChartView;
class QComboBox;
class QGraphicsSimpleTextItem;
class QLabel;
class QLineSeries;
class QListWidget;
class QTableView;
class SettingsDiffModel;

class RunComparison : public QWidget {
  Q_OBJECT

 public:
  enum class Axis { Tokens, WallTime };
  enum Curve { TrainingLoss, ValidationLoss, Throughput, CurveCount };

  explicit RunComparison(QWidget* parent = nullptr);
  ~RunComparison() override;

  // Reads the runs from the store off the GUI thread; `loaded` follows.
  void compare(const QString& storePath, const QList<qint64>& runIds);
  bool isLoading() const { return watcher_.isRunning(); }
  QList<qint64> runIds() const;

  void setAxis(Axis axis);
  Axis axis() const { return axis_; }
  // Pins the run as the baseline (0: none).
  void pinBaseline(qint64 runId);
  qint64 baseline() const { return baseline_; }

  // The series drawn for a run's curve (nullptr when the run has no such points).
  QLineSeries* series(Curve curve, qint64 runId) const;
  // "thinned: 2,000 of 85,000 points", or empty when every point is drawn.
  QString thinningNote(Curve curve) const;
  SettingsDiffModel* settingsModel() const { return settings_; }
  QAction* pinAction() const { return pin_; }
  const RunComparisonData& data() const { return data_; }

 signals:
  void loaded();

 private:
  struct ChartPane {
    QChart* chart = nullptr;
    QChartView* view = nullptr;
    QGraphicsSimpleTextItem* note = nullptr;
    QString noteText;
  };

  void showData();
  void redraw();
  void drawCurve(Curve curve);
  void placeNote(ChartPane& pane);
  void pinSelected();
  void refreshLegend();
  int runIndex(qint64 runId) const;

  QFutureWatcher<RunComparisonData> watcher_;
  RunComparisonData data_;
  Axis axis_ = Axis::Tokens;
  qint64 baseline_ = 0;
  ChartPane panes_[CurveCount];
  QList<QList<QLineSeries*>> seriesByCurve_;  // [curve][run index], nullptr where empty
  QComboBox* axisChoice_;
  QListWidget* legend_;
  QAction* pin_;
  QLabel* status_;
  QTableView* settingsTable_;
  SettingsDiffModel* settings_;
};
