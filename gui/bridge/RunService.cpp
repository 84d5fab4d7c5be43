#include "bridge/RunService.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <exception>
#include <optional>
#include <stdexcept>

#include "bridge/AttachableRuns.h"
#include "bridge/LauncherFollow.h"
#include "bridge/ProjectDocument.h"
#include "control/RunLauncher.h"
#include "remote/AgentSpawner.h"
#include "remote/SlurmSpawner.h"
#include "remote/LocalAgents.h"
#include "remote/NodeCheck.h"
#include "store/RunStore.h"

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

// The loopback agents of `project`, where `archi run --local` keeps them (RunCommand.cpp).
std::unique_ptr<archi::remote::LocalAgents> startLocalAgents(const archi::Project& project, const archi::LaunchOptions& options) {
  archi::remote::LocalAgentOptions local;
  local.archi_binary = options.archi_binary;
  local.state_root = archi::remote::localAgentsRoot(options.runs_directory, project.name);
  local.pki_directory = options.pki_directory;
  return std::make_unique<archi::remote::LocalAgents>(project, local);
}

// Every node's agent must answer and hold what the project says; else one sentence per problem.
void checkAgents(const archi::Project& project, const archi::GpuCatalog& catalog, const archi::remote::LocalAgents& agents,
                 archi::LaunchOptions& options) {
  const std::vector<std::string> problems =
      archi::remote::checkNodesForLaunch(project, catalog, agents.endpoints(), agents.credentials(), options);
  if (problems.empty()) return;
  std::string text;
  for (const std::string& problem : problems) text += (text.empty() ? "" : "; ") + problem;
  throw std::runtime_error(text);
}

// The Slurm spawner's jobs as the snapshot carries them (read on the run's thread, which also
// polls the spawner).
RunProgress withSlurmJobs(RunProgress progress, const archi::remote::SlurmSpawner* slurm) {
  if (slurm == nullptr) return progress;
  progress.slurmJobs.clear();
  for (const archi::remote::SlurmJobView& job : slurm->jobs()) {
    progress.slurmJobs.append({q(job.datacenter_id), job.job_id, q(job.state), q(job.reason)});
  }
  return progress;
}

}  // namespace

RunService::RunService(ProjectDocument& document, QObject* parent) : QObject(parent), document_(document) {}

RunService::~RunService() {
  if (controls_) controls_->stop.store(true);
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

bool RunService::canStart(QString* error) const {
  auto fail = [error](const QString& text) {
    if (error) *error = text;
    return false;
  };
  if (isActive()) return fail(tr("a run is already going: stop it first"));
  const QString archi = settings_.archiBinary.isEmpty() ? findArchiBinary() : settings_.archiBinary;
  if (archi.isEmpty() || !QFileInfo(archi).isExecutable()) {
    return fail(tr("the `archi` program was not found next to the console or on PATH; build it or set $ARCHIPELAGO_ARCHI_BIN"));
  }
  return true;
}

archi::LaunchOptions RunService::launchOptions() const {
  const archi::DataLayout data = dataLayout();
  QDir().mkpath(q(data.root().string()));
  archi::LaunchOptions options;
  options.archi_binary = (settings_.archiBinary.isEmpty() ? findArchiBinary() : settings_.archiBinary).toStdString();
  options.runs_directory = data.runsDirectory();
  options.store_path = data.storePath();
  options.pki_directory = data.pkiDirectory();
  options.token_budget = settings_.tokenBudget;
  // As archi run: emulated devices make a dilated rehearsal (plan/Dilation.h), as the plan view says.
  options.dilation = true;
  return options;
}

void RunService::begin(RunProgress::Phase phase, qint64 tokenBudget) {
  if (thread_.joinable()) thread_.join();  // the previous run's thread has already ended
  progress_ = RunProgress();
  progress_.phase = phase;
  progress_.tokenBudget = tokenBudget;
  controls_ = std::make_shared<RunControls>();
  emit progressChanged();
}

bool RunService::start(QString* error) {
  if (!canStart(error)) return false;
  if (!document_.project()) {
    if (error) *error = tr("no project is open");
    return false;
  }
  if (document_.problems().hasErrors()) {
    if (error) *error = tr("the project has %1 error(s): fix them (see Problems) before running").arg(document_.problems().errorCount());
    return false;
  }
  begin(RunProgress::Phase::Starting, settings_.tokenBudget > 0 ? settings_.tokenBudget : document_.project()->run.train.tokens);
  runOnLocalAgents(*document_.project(), document_.catalog(), launchOptions(),
                   [](archi::RunLauncher& launcher) { return launcher.start(); }, QString());
  return true;
}

bool RunService::resume(const QString& runName, QString* error) {
  if (!canStart(error)) return false;
  const archi::LaunchOptions options = launchOptions();
  std::optional<archi::Project> project;
  try {
    archi::RunStore store(options.store_path, archi::RunStore::Access::ReadOnly);
    const std::optional<archi::RunRecord> run = store.findRunByName(runName.toStdString());
    if (!run) throw std::runtime_error("the store has no run named " + runName.toStdString());
    project = archi::storedRunProject(store, *run);
  } catch (const std::exception& e) {
    if (error) *error = q(e.what());
    return false;
  }
  begin(RunProgress::Phase::Starting, project->run.train.tokens);
  progress_.runName = runName;
  runOnLocalAgents(*project, document_.catalog(), options,
                   [name = runName.toStdString()](archi::RunLauncher& launcher) { return launcher.resume(name); },
                   tr("cannot resume %1: ").arg(runName));
  return true;
}

void RunService::runOnLocalAgents(archi::Project project, archi::GpuCatalog catalog, archi::LaunchOptions options,
                                  std::function<std::int64_t(archi::RunLauncher&)> launch, const QString& failurePrefix) {
  thread_ = std::thread([this, project = std::move(project), catalog = std::move(catalog), options = std::move(options),
                         launch = std::move(launch), failurePrefix, controls = controls_, base = progress_]() mutable {
    // Everything engine-side stays on this thread; only snapshots cross, by value.
    RunProgress snapshot = base;
    std::unique_ptr<archi::remote::LocalAgents> agents;
    try {
      // Datacenters that run Slurm are reached through their slurmrestd, the rest through local
      // agents (docs/architecture.md#slurm; the same routing as `archi run --local`).
      const archi::Project agentProject = archi::remote::withoutSlurmDatacenters(project);
      agents = startLocalAgents(agentProject, options);
      snapshot.agents = agents->endpoints();
      if (!agentProject.topology.datacenters.empty()) checkAgents(agentProject, catalog, *agents, options);
      options.agents = agents->records();
      archi::remote::SlurmSpawnerOptions slurm;
      slurm.archi_binary = options.archi_binary;
      slurm.max_restarts_per_worker = options.max_restarts_per_worker;
      archi::remote::SlurmSpawner* slurmSpawner = nullptr;
      auto spawner = archi::remote::routeSlurmDatacenters(
          project, std::make_unique<archi::remote::AgentSpawner>(agents->endpoints(), agents->credentials(), options.max_restarts_per_worker),
          slurm, &slurmSpawner);
      archi::RunLauncher launcher(project, catalog, options, std::move(spawner));
      snapshot.runId = launch(launcher);
      snapshot.tokenBudget = launcher.project().run.train.tokens;
      snapshot = followLauncher(launcher, snapshot, options.store_path, *controls,
                                [this, slurmSpawner](const RunProgress& p) { post(withSlurmJobs(p, slurmSpawner)); });
      snapshot = withSlurmJobs(std::move(snapshot), slurmSpawner);
      // A detached run goes on: its agents outlive the console (LocalAgents.h).
      if (snapshot.phase == RunProgress::Phase::Detached) agents->detach();
    } catch (const std::exception& e) {
      snapshot.phase = RunProgress::Phase::Failed;
      snapshot.message = failurePrefix + q(e.what());
    }
    post(snapshot);
  });
}

bool RunService::attach(const AttachableRun& run, QString* error) {
  if (!canStart(error)) return false;
  begin(RunProgress::Phase::Starting, 0);
  progress_.runName = run.name;
  progress_.runId = run.id;
  const archi::LaunchOptions options = launchOptions();
  const archi::GpuCatalog catalog = document_.catalog();
  thread_ = std::thread([this, run, catalog, options, controls = controls_, base = progress_] {
    RunProgress snapshot = base;
    snapshot.agents = run.agents;
    try {
      auto spawner = std::make_unique<archi::remote::AgentSpawner>(run.agents, archi::remote::consoleCredentials(options.pki_directory),
                                                                   options.max_restarts_per_worker);
      archi::RunLauncher launcher(archi::Project{}, catalog, options, std::move(spawner));
      snapshot.runId = launcher.attach(run.name.toStdString());
      snapshot.tokenBudget = launcher.project().run.train.tokens;
      snapshot = followLauncher(launcher, snapshot, options.store_path, *controls, [this](const RunProgress& p) { post(p); });
    } catch (const std::exception& e) {
      snapshot.phase = RunProgress::Phase::Failed;
      snapshot.message = tr("cannot attach to %1: %2").arg(run.name, q(e.what()));
    }
    post(snapshot);
  });
  return true;
}

void RunService::stop() {
  if (!isActive() || !controls_) return;
  controls_->stop.store(true);
  progress_.phase = RunProgress::Phase::Stopping;
  emit progressChanged();
}

void RunService::detach() {
  if (!controls_) return;
  controls_->detach.store(true);
  if (thread_.joinable()) thread_.join();
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
