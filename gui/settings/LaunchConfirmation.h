#pragma once
// What Run on This Machine is about to start, shown before anything starts (issue 13 item 12):
// the plan's predicted throughput against the ideal, round time, the WAN's share of a round,
// and per device its batch share against what its memory holds. Launch or Cancel.

#include <QDialog>
#include <QList>
#include <QString>
#include <QStringList>

#include "core/Project.h"
#include "plan/Planner.h"

struct LaunchDevice {
  QString id;                // the worker id, "<datacenter>/<node>/<index>"
  QString datacenter;
  QString type;
  bool emulated = false;
  int sequencesPerStep = 0;  // its share of the batch
  int maxSequences = 0;      // what its memory holds per step
  bool excluded = false;     // cannot hold one sequence: left out of the run
};

// The plan's figures a launch is confirmed on; plain values, so tests read them without a dialog.
struct LaunchSummary {
  QString projectName;
  qint64 tokenBudget = 0;
  archi::SyncMode sync = archi::SyncMode::DiLoCo;
  archi::Compression compression = archi::Compression::Int8;
  int innerSteps = 0;
  double predictedTokensPerS = 0.0;
  double idealTokensPerS = 0.0;
  double efficiency = 0.0;
  double roundMs = 0.0;
  double wanShare = 0.0;        // WAN time / round time
  double wanBytesPerRound = 0.0;
  double expectedDurationS = 0.0;  // token budget at the predicted speed
  QList<LaunchDevice> devices;
  int excludedDevices = 0;
  QStringList warnings;         // the planner's, as "pointer: message"
};

LaunchSummary summarizeLaunch(const archi::Project& project, const archi::Plan& plan);

class LaunchConfirmation : public QDialog {
  Q_OBJECT

 public:
  explicit LaunchConfirmation(const LaunchSummary& summary, QWidget* parent = nullptr);

  // "fits: 6 of 24 sequences per step" / "left out: cannot hold one sequence" (also for tests).
  static QString fitText(const LaunchDevice& device);
};
