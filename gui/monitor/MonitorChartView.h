#pragma once
// What every monitor chart does the same way (UI.md "Charts"): rubber-band zoom that a live
// refresh leaves alone (right click or double click returns to the whole run), a click on a
// legend marker hides or shows its series, hovering lists every visible series' value at that
// x, and thinning only through archi::downsampleMinMax, said in the chart's corner.

#include <QChartView>
#include <QHash>
#include <QList>
#include <QPointF>

#include <functional>

class QAbstractSeries;
class QGraphicsSimpleTextItem;
class QValueAxis;
class QXYSeries;

class MonitorChartView : public QChartView {
  Q_OBJECT

 public:
  explicit MonitorChartView(QWidget* parent = nullptr);

  // Points a series may hold on screen; longer series are thinned to about this many.
  static constexpr int kDrawBuckets = 400;

  bool userZoomed() const { return zoomed_; }
  // Forgets the user's zoom; the next refresh fits the axes to the data again.
  void resetZoom();

  // Starts a refresh: thinning counts are gathered until finishRefresh() writes the note.
  void beginRefresh();
  // Replaces `series`' points, thinned for drawing when there are too many; returns the
  // number of points it now holds.
  int setPoints(QXYSeries* series, const QList<QPointF>& points);
  void finishRefresh();
  // "thinned: 2,000 of 85,000 points" while some series are thinned, else empty.
  QString thinnedNote() const;

  // Sets an axis to the data's bounds unless the user has zoomed. A value axis is widened to
  // round numbers; a time or step axis keeps the run's exact span, with ticks at round numbers.
  enum class Fit { RoundNumbers, ExactSpan };
  void fitAxis(QValueAxis* axis, double min, double max, Fit fit = Fit::RoundNumbers);

  // Hides or shows a series when its legend marker is clicked; call after adding series.
  void connectLegendMarkers();
  // `follower` is shown and hidden with `leader` and has no legend entry of its own (a
  // datacenter's raw loss goes with its smoothed curve). Call after both are in the chart.
  void addCompanion(QAbstractSeries* leader, QAbstractSeries* follower);
  // Forgets companions and hover exclusions: the chart's series are about to be replaced.
  void forgetSeries();
  // Series left out of the hover list (reference lines drawn as marks).
  void excludeFromHover(QXYSeries* series) { hoverExcluded_.append(series); }
  // How an x value reads in the hover tooltip ("step 120", "42 s").
  void setXFormatter(std::function<QString(double)> format) { formatX_ = std::move(format); }

 protected:
  void mousePressEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  void placeNote();

  QGraphicsSimpleTextItem* note_ = nullptr;
  bool zoomed_ = false;
  qint64 shown_ = 0;
  qint64 stored_ = 0;
  QList<QXYSeries*> hoverExcluded_;
  QHash<QAbstractSeries*, QList<QAbstractSeries*>> companions_;
  std::function<QString(double)> formatX_;
};
