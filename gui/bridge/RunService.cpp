#include "bridge/RunService.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>
#include <chrono>
#include <exception>

#include "bridge/ProjectDocument.h"
#include "control/RunLauncher.h"
#include "control/WorkerSpawner.h"
#include "store/RunStore.h"

namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(250);

QString q(const std::string& s) { return QString::fromStdString(s); }

RunProgress::Phase phaseOf(archi::RunState state) {
  switch (state) {
    case archi::RunState::Completed: return RunProgress::Phase::Completed;
    case archi::RunState::Stopped: return RunProgress::Phase::Stopped;
    case archi::RunState::Failed: return RunProgress::Phase::Failed;
    default: return RunProgress::Phase::Running;
  }
}

RunProgress snapshotOf(const archi::RunLauncher& launcher, RunProgress base) {
  base.elapsed_s = launcher.elapsedSeconds();
  base.tokens = launcher.collector().totalTokens();
  base.wanBytes = launcher.collector().totalWanBytes();
  base.tokensPerSecond = 0.0;
  base.datacenters.clear();
  for (const archi::DatacenterPlan& plan : launcher.plan().datacenters) {
    RunProgress::Datacenter dc;
    dc.id = q(plan.id);
    dc.name = plan.name.empty() ? q(plan.id) : q(plan.name);
    const auto it = launcher.collector().progress().find(plan.id);
    if (it != launcher.collector().progress().end()) {
      dc.steps = it->second.leader_steps;
      dc.rounds = it->second.rounds;
      dc.loss = it->second.last_loss;
      dc.validationLoss = it->second.last_val_loss;
      dc.tokensPerSecond = it->second.tokensPerSecond();
    }
    base.tokensPerSecond += dc.tokensPerSecond;
    base.datacenters.append(dc);
  }
  return base;
}

}  // namespace

RunService::RunService(ProjectDocument& document, QObject* parent) : QObject(parent), document_(document) {}

RunService::~RunService() {
  if (stopRequested_) stopRequested_->store(true);
  if (thread_.joinable()) thread_.join();
}

bool RunService::isActive() const {
  return progress_.phase == RunProgress::Phase::Starting || progress_.phase == RunProgress::Phase::Running ||
         progress_.phase == RunProgress::Phase::Stopping;
}

QString RunService::findArchiBinary() {
  const QString fromEnvironment = qEnvironmentVariable("ARCHIPELAGO_ARCHI_BIN");
  if (!fromEnvironment.isEmpty()) return fromEnvironment;
  const QDir here(QCoreApplication::applicationDirPath());
  // Installed side by side, or the build tree (gui/archipelago next to engine/cli/archi).
  for (const QString& candidate : {here.filePath("archi"), here.filePath("../engine/cli/archi")}) {
    if (QFileInfo(candidate).isExecutable()) return QFileInfo(candidate).canonicalFilePath();
  }
  return QStandardPaths::findExecutable("archi");
}

archi::DataLayout RunService::defaultDataLayout() {
  if (!QStandardPaths::isTestModeEnabled()) return archi::DataLayout::fromEnvironment();
  const QString testData = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
  return archi::DataLayout(QDir(testData).filePath("archipelago").toStdString());
}

archi::DataLayout RunService::dataLayout() const {
  if (settings_.dataDirectory.isEmpty()) return defaultDataLayout();
  return archi::DataLayout(settings_.dataDirectory.toStdString());
}

bool RunService::start(QString* error) {
  auto fail = [error](const QString& text) {
    if (error) *error = text;
    return false;
  };
  if (isActive()) return fail(tr("a run is already going: stop it first"));
  if (!document_.project()) return fail(tr("no project is open"));
  if (document_.problems().hasErrors()) {
    return fail(tr("the project has %1 error(s): fix them (see Problems) before running").arg(document_.problems().errorCount()));
  }
  const QString archi = settings_.archiBinary.isEmpty() ? findArchiBinary() : settings_.archiBinary;
  if (archi.isEmpty() || !QFileInfo(archi).isExecutable()) {
    return fail(tr("the `archi` program was not found next to the console or on PATH; build it or set $ARCHIPELAGO_ARCHI_BIN"));
  }
  if (thread_.joinable()) thread_.join();  // the previous run's thread has already ended

  const archi::DataLayout data = dataLayout();
  QDir().mkpath(q(data.root().string()));
  archi::LaunchOptions options;
  options.archi_binary = archi.toStdString();
  options.runs_directory = data.runsDirectory();
  options.store_path = data.storePath();
  options.pki_directory = data.pkiDirectory();
  options.token_budget = settings_.tokenBudget;

  progress_ = RunProgress();
  progress_.phase = RunProgress::Phase::Starting;
  progress_.tokenBudget = settings_.tokenBudget > 0 ? settings_.tokenBudget : document_.project()->run.train.tokens;
  emit progressChanged();

  auto stop = std::make_shared<std::atomic<bool>>(false);
  stopRequested_ = stop;
  const archi::Project project = *document_.project();
  const archi::GpuCatalog catalog = document_.catalog();
  const RunProgress base = progress_;
  thread_ = std::thread([this, project, catalog, options, stop, base] {
    // Everything engine-side stays on this thread; only snapshots cross, by value.
    RunProgress snapshot = base;
    try {
      archi::RunLauncher launcher(project, catalog, options, std::make_unique<archi::LocalSpawner>(options.archi_binary));
      snapshot.runId = launcher.start();
      snapshot.runName = q(launcher.runName());
      snapshot.predictedTokensPerSecond = launcher.plan().predicted_tokens_per_s;
      snapshot.phase = RunProgress::Phase::Running;
      // The launcher writes the run's events into the store; a reader of our own picks them up.
      archi::RunStore events(options.store_path, archi::RunStore::Access::ReadOnly);
      std::size_t eventsSeen = 0;
      const auto withNewEvents = [&](RunProgress next) {
        const std::vector<archi::EventRecord> stored = events.events(snapshot.runId);
        for (std::size_t i = eventsSeen; i < stored.size(); ++i) {
          if (stored[i].level != "debug") next.newEvents.append({q(stored[i].level), q(stored[i].source), q(stored[i].text), q(stored[i].kind)});
        }
        eventsSeen = std::max(eventsSeen, stored.size());
        return next;
      };
      post(withNewEvents(snapshotOf(launcher, snapshot)));
      bool stopSent = false;
      auto lastPost = std::chrono::steady_clock::now();
      while (launcher.poll()) {
        if (stop->load() && !stopSent) {
          launcher.requestStop();
          stopSent = true;
          snapshot.phase = RunProgress::Phase::Stopping;
        }
        if (std::chrono::steady_clock::now() - lastPost >= kPollInterval) {
          post(withNewEvents(snapshotOf(launcher, snapshot)));
          lastPost = std::chrono::steady_clock::now();
        }
        std::this_thread::sleep_for(kPollInterval / 5);
      }
      const archi::RunSummary summary = launcher.finish();
      snapshot = withNewEvents(snapshotOf(launcher, snapshot));
      snapshot.phase = phaseOf(summary.state);
      snapshot.tokens = summary.tokens;
      snapshot.tokensPerSecond = summary.tokens_per_s;
      snapshot.runDirectory = QString::fromStdString(summary.run_directory.string());
      QStringList lines;
      for (const std::string& failure : summary.failures) lines.append(q(failure));
      if (summary.final_validation_loss) {
        lines.prepend(QCoreApplication::translate("RunService", "validation loss %1 → %2")
                          .arg(summary.first_validation_loss.value_or(0.0), 0, 'f', 3)
                          .arg(*summary.final_validation_loss, 0, 'f', 3));
      }
      snapshot.message = lines.join(QStringLiteral("; "));
    } catch (const std::exception& e) {
      snapshot.phase = RunProgress::Phase::Failed;
      snapshot.message = QString::fromStdString(e.what());
    }
    post(snapshot);
  });
  return true;
}

void RunService::stop() {
  if (!isActive() || !stopRequested_) return;
  stopRequested_->store(true);
  progress_.phase = RunProgress::Phase::Stopping;
  emit progressChanged();
}

void RunService::post(const RunProgress& snapshot) {
  QMetaObject::invokeMethod(
      this,
      [this, snapshot] {
        const bool wasStopping = progress_.phase == RunProgress::Phase::Stopping;
        progress_ = snapshot;
        for (const RunProgress::Event& event : snapshot.newEvents) emit runEvent(event);
        // A stop asked on this side shows at once, before the worker thread has seen it.
        if (wasStopping && progress_.phase == RunProgress::Phase::Running) progress_.phase = RunProgress::Phase::Stopping;
        emit progressChanged();
        if (!isActive()) emit runFinished();
      },
      Qt::QueuedConnection);
}
