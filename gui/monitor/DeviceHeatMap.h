#pragma once
// Monitor chart (c), per device: devices × time coloured by utilisation (compute time over
// step time), rows grouped by datacenter, so the device the others wait for stands out.
// Painted directly: 256 devices × 120 columns is one fillRect each, no chart items.

#include <QWidget>

#include "bridge/MonitorSnapshot.h"

class DeviceHeatMap : public QWidget {
  Q_OBJECT

 public:
  explicit DeviceHeatMap(QWidget* parent = nullptr);
  void setSnapshot(const MonitorSnapshotPtr& snapshot);
  QSize sizeHint() const override { return {480, 260}; }
  // The colour of a utilisation, 0..1 (light when waiting, dark when computing).
  static QColor colorOf(double utilisation);

 protected:
  void paintEvent(QPaintEvent* event) override;
  bool event(QEvent* event) override;

 private:
  QRect gridRect() const;

  MonitorSnapshotPtr snapshot_;
};
