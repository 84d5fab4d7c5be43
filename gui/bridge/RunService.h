#pragma once
// "Run on this machine": drives the engine's RunLauncher (the same path as `archi run
// --local`) on its own thread, so the GUI thread never waits on workers, disk or the network.
// Progress arrives on the GUI thread as snapshots, at most four a second; stop is the
// launcher's clean stop (workers finish their step, synchronise, checkpoint and exit).

#include <QList>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <thread>

#include "core/DataLayout.h"

class ProjectDocument;

struct RunProgress {
  enum class Phase { Idle, Starting, Running, Stopping, Completed, Stopped, Failed };
  struct Datacenter {
    QString id;
    QString name;
    qint64 steps = 0;
    qint64 rounds = 0;
    double loss = 0.0;
    double validationLoss = -1.0;  // < 0 until measured
    double tokensPerSecond = 0.0;
  };

  Phase phase = Phase::Idle;
  QString runName;
  qint64 runId = 0;
  double elapsed_s = 0.0;
  qint64 tokens = 0;
  qint64 tokenBudget = 0;
  double tokensPerSecond = 0.0;
  double predictedTokensPerSecond = 0.0;
  qint64 wanBytes = 0;
  QList<Datacenter> datacenters;
  QString message;   // why it failed, or the closing summary
  QString runDirectory;
  // The run's events (workers, leaders, launcher: faults and what they cost, re-joins...)
  // stored since the previous snapshot.
  struct Event {
    QString level;   // info, warning, error
    QString source;  // "launcher" or a worker id
    QString text;
    QString kind;  // the event's kind (core/RunEvent.h), e.g. "worker-lost"
  };
  QList<Event> newEvents;
};

class RunService : public QObject {
  Q_OBJECT

 public:
  struct Settings {
    QString archiBinary;    // empty: found next to the console, in the build tree, or on PATH
    QString dataDirectory;  // runs/, runs.db and pki/ live here; empty: the same place `archi run` uses
    qint64 tokenBudget = 0; // > 0 replaces the project's token budget
  };

  explicit RunService(ProjectDocument& document, QObject* parent = nullptr);
  ~RunService() override;  // stops a run still going and waits for it

  void setSettings(const Settings& settings) { settings_ = settings; }
  const Settings& settings() const { return settings_; }
  // Starts the open project; false with a sentence in `error` when it cannot (no project,
  // validation errors, a run already going, no `archi` binary).
  bool start(QString* error);
  void stop();
  bool isActive() const;
  const RunProgress& progress() const { return progress_; }
  // Where runs/, runs.db and pki/ go: the settings' data folder, else the default one.
  archi::DataLayout dataLayout() const;

  static QString findArchiBinary();
  // The folder `archi run` uses, so the console and the command line share one run store;
  // under QStandardPaths' test mode, Qt's test folder instead (a test never touches the user's).
  static archi::DataLayout defaultDataLayout();

 signals:
  void progressChanged();
  // One per event the run stored (not debug), in order, on the GUI thread.
  void runEvent(const RunProgress::Event& event);
  void runFinished();

 private:
  void post(const RunProgress& snapshot);

  ProjectDocument& document_;
  Settings settings_;
  RunProgress progress_;
  std::thread thread_;
  std::shared_ptr<std::atomic<bool>> stopRequested_;
};
