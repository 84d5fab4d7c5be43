#pragma once
// Follows one run of a store, live or finished (issue 13, Monitor). A reader thread with its
// own read-only RunStore asks for the rows stored since the last read every ~250 ms
// (RunStore::rowsAfter), folds them (MonitorFold), takes the run-wide figures from
// archi::summarizeRun about once a second, and posts immutable snapshots to the GUI thread
// through queued calls. The GUI thread runs no SQL and parses no JSON: followRun() only starts
// the thread and returns.

#include <QObject>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "bridge/LiveRunState.h"
#include "bridge/MonitorSnapshot.h"

class MonitorService : public QObject {
  Q_OBJECT

 public:
  explicit MonitorService(QObject* parent = nullptr);
  ~MonitorService() override;  // stops the reader and waits for it

  // Starts following `runId` of the store at `storePath`; a run followed before is let go.
  void followRun(const QString& storePath, qint64 runId);
  void stop();
  bool isFollowing() const { return reader_ != nullptr; }
  qint64 runId() const { return runId_; }
  // The latest snapshot delivered on the GUI thread; null before the first.
  MonitorSnapshotPtr latest() const { return latest_; }
  // How long the reader waits between reads when it has caught up (tests make it shorter).
  void setPollInterval_ms(int ms) { pollInterval_ms_ = ms; }
  // Rows of each table one read takes at most: a large store is caught up in slices, each
  // followed by a snapshot, so the first curves show before the whole run is read.
  static constexpr std::size_t kRowsPerRead = 20'000;

 signals:
  void snapshotChanged(const MonitorSnapshotPtr& snapshot);
  void liveStateChanged(const LiveRunState& state);

 private:
  struct Reader;
  void deliver(quint64 generation, const MonitorSnapshotPtr& snapshot);
  static void readLoop(MonitorService* service, Reader* reader, quint64 generation);

  std::unique_ptr<Reader> reader_;
  quint64 generation_ = 0;
  qint64 runId_ = 0;
  MonitorSnapshotPtr latest_;
  std::atomic<int> pollInterval_ms_{250};
};
