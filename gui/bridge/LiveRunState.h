#pragma once
// What the topology canvas overlays during a run (UI.md "Links": live utilisation, amber when
// a round waits on the link): the latest figures per device, per WAN link and per datacenter,
// as the monitor's reader derived them from the store. Plain values, made on the monitor's
// thread and handed to the GUI thread whole.

#include <QHash>
#include <QString>

struct LiveDevice {
  double utilisation = 0.0;     // compute time / step time over the latest steps, 0..1
  double tokensPerSecond = 0.0;
  double stepMs = 0.0;
  bool stalled = false;         // no step for longer than the stall alert allows
};

struct LiveLink {
  double mbitPerSecond = 0.0;   // latest sample
  double bandwidthMbit = 0.0;   // the link as drawn
  bool waitedOn = false;        // the latest round waited on this link longer than on the others
};

struct LiveDatacenter {
  bool leftOut = false;         // not in the latest outer group (cut off, or re-joining)
  qint64 round = 0;
  double tokensPerSecond = 0.0;
};

struct LiveRunState {
  bool running = false;         // false: no overlay
  QString runName;
  // Keyed as the project names them: device "<datacenter>/<node>/<index>" (the worker id),
  // link "<datacenter-a>|<datacenter-b>" with a < b, datacenter by id.
  QHash<QString, LiveDevice> devices;
  QHash<QString, LiveLink> links;
  QHash<QString, LiveDatacenter> datacenters;

  static QString linkKey(const QString& a, const QString& b) { return a < b ? a + QLatin1Char('|') + b : b + QLatin1Char('|') + a; }
};
