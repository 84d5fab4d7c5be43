#pragma once
// Monitor chart (d): the outer-round timeline as a Gantt chart, one row per datacenter: inner
// steps, waiting for the others, the WAN all-reduce, periods left out of the group, and fault
// marks, from the stored outer rounds and fault events.

#include <QWidget>

#include "bridge/MonitorSnapshot.h"

class RoundGantt : public QWidget {
  Q_OBJECT

 public:
  explicit RoundGantt(QWidget* parent = nullptr);
  void setSnapshot(const MonitorSnapshotPtr& snapshot);
  QSize sizeHint() const override { return {480, 200}; }
  static QColor colorOf(MonitorGanttSegment::Kind kind, const QColor& datacenter);

 protected:
  void paintEvent(QPaintEvent* event) override;
  bool event(QEvent* event) override;

 private:
  QRect plotRect() const;
  QString describe(const MonitorGanttSegment& segment) const;

  MonitorSnapshotPtr snapshot_;
};
