#pragma once
// "Run on this machine": the same path as `archi run --local` — one loopback node agent per
// node of the project (remote::LocalAgents), node checks, then the engine's RunLauncher with
// an AgentSpawner — on its own thread, so the GUI thread never waits on workers, disk or the
// network. attach() picks up a run still going on its agents (`archi run --attach`).
// Progress arrives on the GUI thread as snapshots, at most four a second; stop is the
// launcher's clean stop (workers finish their step, synchronise, checkpoint and exit);
// detach leaves the run going on its agents so that it can be attached to again.

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "core/DataLayout.h"
#include "core/GpuCatalog.h"
#include "core/Project.h"
#include "remote/AgentEndpoint.h"

struct AttachableRun;
struct RunControls;

class ProjectDocument;
namespace archi {
struct LaunchOptions;
class RunLauncher;
}

struct RunProgress {
  enum class Phase { Idle, Starting, Running, Stopping, Completed, Stopped, Failed, Detached };
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
  std::vector<archi::remote::AgentEndpoint> agents;  // the node agents the run goes through
  // The Slurm jobs of datacenters launched through Slurm (docs/architecture.md#slurm), oldest
  // first; a datacenter's newest is the one running its workers.
  struct SlurmJob {
    QString datacenter;
    qint64 jobId = 0;
    QString state;   // Slurm's: PENDING, RUNNING, COMPLETING, CANCELLED...
    QString reason;  // why it is pending or ended ("Resources"; "None")
  };
  QList<SlurmJob> slurmJobs;
  // The run's events (workers, leaders, launcher: faults and what they cost, re-joins...)
  // stored since the previous snapshot.
  struct Event {
    QString level;   // info, warning, error
    QString source;  // "launcher" or a worker id
    QString text;
    QString kind;  // the event's kind (core/RunEvent.h), e.g. "worker-lost"
    QString fields;  // the kind's fields, a JSON object: the sentence is rendered from them in the UI's language
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
  // Follows `run` again (File > Attach to Run): its agents as the store recorded them.
  bool attach(const AttachableRun& run, QString* error);
  // Continues the stopped or failed run `runName` from its checkpoints (History > Resume), on
  // loopback agents like start(), with the project the store kept for it (`archi run --resume`).
  bool resume(const QString& runName, QString* error);
  void stop();
  // Stops following the run and leaves it going on its agents (the console is closing).
  // Waits for the run thread to let go.
  void detach();
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
  bool canStart(QString* error) const;
  archi::LaunchOptions launchOptions() const;
  void begin(RunProgress::Phase phase, qint64 tokenBudget);
  // The run thread of start() and resume(): loopback agents for `project`, node checks, then
  // `launch` (RunLauncher::start or ::resume) and the launcher followed to its end.
  void runOnLocalAgents(archi::Project project, archi::GpuCatalog catalog, archi::LaunchOptions options,
                        std::function<std::int64_t(archi::RunLauncher&)> launch, const QString& failurePrefix);

  ProjectDocument& document_;
  Settings settings_;
  RunProgress progress_;
  std::thread thread_;
  std::shared_ptr<RunControls> controls_;
};
