#include "agent/NodeRuns.h"

#include <signal.h>
#include <sys/wait.h>

#include <cerrno>
#include <fstream>
#include <stdexcept>

#include "agent/WorkerFiles.h"
#include "control/JournalRecords.h"
#include "control/WorkerOutcomeFile.h"
#include "core/RunEvents.h"
#include "store/RunStore.h"

namespace archi::agent {
namespace {

double unixSeconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::chrono::steady_clock::time_point after(double seconds) {
  return std::chrono::steady_clock::now() +
         std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(seconds));
}

std::string outcomeHow(const WorkerOutcomeFile& outcome) {
  return outcome.end + " (exit status " + std::to_string(outcome.exit_code) + ", from its outcome file)";
}

}  // namespace

NodeRuns::NodeRuns(AgentLayout layout, std::filesystem::path archiBinary, std::shared_ptr<spdlog::logger> logger)
    : layout_(std::move(layout)), archiBinary_(std::move(archiBinary)), logger_(std::move(logger)) {
  adoptSurvivors();
  thread_ = std::thread([this] { superviseLoop(); });
}

NodeRuns::~NodeRuns() {
  quit_ = true;
  if (thread_.joinable()) thread_.join();
  // Workers do not depend on the agent: leave them running for the next agent to adopt.
  for (auto& [key, worker] : workers_) {
    if (worker.child) worker.child->release();
  }
}

const char* NodeRuns::stateName(State state) {
  switch (state) {
    case State::Running: return "running";
    case State::Restarting: return "restarting";
    case State::Stopping: return "stopping";
    case State::Exited: return "exited";
    case State::Failed: return "failed";
    case State::GaveUp: return "gave-up";
  }
  return "unknown";
}

void NodeRuns::adoptSurvivors() {
  std::error_code error;
  for (const auto& runEntry : std::filesystem::directory_iterator(layout_.runsDirectory(), error)) {
    const std::string run = runEntry.path().filename().string();
    if (!isPlainName(run)) continue;
    std::error_code specError;
    for (const auto& specEntry : std::filesystem::directory_iterator(runEntry.path() / "specs", specError)) {
      if (specEntry.path().extension() != ".json") continue;
      Diagnostics problems;
      std::ifstream in(specEntry.path());
      const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      const auto spec = parseWorkerSpec(text, problems);
      if (!spec || problems.hasErrors()) continue;
      const std::string stem = workerStem(spec->worker_id);
      Worker worker;
      worker.run = run;
      worker.id = spec->worker_id;
      worker.datacenter = spec->datacenter_id;
      worker.specPath = specEntry.path();
      const auto pidFile = readPidFile(layout_.pidFile(run, stem));
      if (pidFile && pidFileProcessAlive(*pidFile)) {
        worker.pid = pidFile->pid;
        worker.startTime = pidFile->start_time;
        journal(run, events::agentWorkerStarted(worker.id, worker.pid, true));
        logger_->info("adopted worker {} of run {} (pid {})", worker.id, run, worker.pid);
      } else if (const auto outcome = readWorkerOutcomeFile(layout_.outcomeFile(run, stem))) {
        worker.state = outcome->end == "failed" ? State::Failed : State::Exited;
        worker.success = outcome->exit_code == 0;
        worker.how = outcomeHow(*outcome);
      } else {
        worker.state = State::Failed;
        worker.how = "ended while no agent watched it; no outcome was recorded";
      }
      workers_.emplace(Key{run, worker.id}, std::move(worker));
    }
  }
}

void NodeRuns::journal(const std::string& run, const RunEvent& event) {
  try {
    auto& writer = journals_[run];
    if (!writer) writer = std::make_unique<JournalWriter>(layout_.agentJournal(run));
    writer->append(journal::eventRecord(EventRecord::of(std::nullopt, unixSeconds(), "agent", event)));
  } catch (const std::exception& e) {
    logger_->error("run {}: cannot journal an event: {}", run, e.what());
  }
}

void NodeRuns::launch(Worker& worker) {
  const std::string stem = workerStem(worker.id);
  std::error_code ignored;
  std::filesystem::remove(layout_.outcomeFile(worker.run, stem), ignored);  // a stale outcome must not be read
  worker.child = ChildProcess::spawn({archiBinary_.string(), "worker", "--spec", worker.specPath.string()},
                                     layout_.workerLog(worker.run, stem));
  worker.pid = worker.child->pid();
  worker.startTime = processStartTime(worker.pid).value_or("0");
  writePidFile(layout_.pidFile(worker.run, stem), {worker.pid, worker.startTime});
  worker.state = State::Running;
  worker.stopRequested = false;
  worker.restartOnKill = true;
  worker.killAt.reset();
  worker.restartAt.reset();
  journal(worker.run, events::agentWorkerStarted(worker.id, worker.pid, false));
  logger_->info("started worker {} of run {} (pid {})", worker.id, worker.run, worker.pid);
}

NodeRuns::Started NodeRuns::start(const std::string& run, const StartWorkerRequest& request, pid_t& pid) {
  std::lock_guard lock(mutex_);
  const Key key{run, request.spec.worker_id};
  if (const auto it = workers_.find(key); it != workers_.end() && (isLive(it->second.state) || it->second.state == State::Restarting)) {
    pid = it->second.pid;
    return Started::AlreadyRunning;
  }
  const WorkerSpec spec = writeWorkerFiles(layout_, run, request);
  Worker worker;
  worker.run = run;
  worker.id = spec.worker_id;
  worker.datacenter = spec.datacenter_id;
  worker.specPath = layout_.specFile(run, workerStem(spec.worker_id));
  worker.maxRestarts = request.max_restarts;
  auto& stored = workers_[key] = std::move(worker);
  launch(stored);
  pid = stored.pid;
  return Started::Yes;
}

void NodeRuns::sendSignal(Worker& worker, int signal) {
  if (worker.child) {
    worker.child->sendSignal(signal);
  } else if (worker.pid > 0 && pidFileProcessAlive({worker.pid, worker.startTime})) {
    ::kill(worker.pid, signal);
  }
}

bool NodeRuns::signal(const std::string& run, const SignalRequest& request) {
  std::lock_guard lock(mutex_);
  const auto it = workers_.find(Key{run, request.worker});
  if (it == workers_.end() || !isLive(it->second.state)) return false;
  Worker& worker = it->second;
  if (request.signal == "TERM") {
    worker.stopRequested = true;
    worker.state = State::Stopping;
    sendSignal(worker, SIGTERM);
  } else {
    worker.restartOnKill = request.restart;
    worker.restartAfter_s = request.restart_after_s;
    sendSignal(worker, SIGKILL);
  }
  logger_->info("run {}: sent SIG{} to worker {}", run, request.signal, request.worker);
  return true;
}

std::optional<int> NodeRuns::stop(const std::string& run, double grace_s) {
  std::lock_guard lock(mutex_);
  int asked = 0;
  bool known = false;
  for (auto& [key, worker] : workers_) {
    if (key.first != run) continue;
    known = true;
    worker.stopRequested = true;
    if (worker.state == State::Restarting) {
      worker.restartAt.reset();
      worker.state = State::Exited;
      worker.how = "stopped before its restart";
    }
    if (!isLive(worker.state)) continue;
    worker.state = State::Stopping;
    worker.killAt = after(grace_s);
    sendSignal(worker, SIGTERM);
    ++asked;
  }
  if (!known) return std::nullopt;
  journal(run, events::stopRequested());
  return asked;
}

std::optional<std::pair<bool, std::string>> NodeRuns::ended(Worker& worker) {
  const auto outcome = [&]() { return readWorkerOutcomeFile(layout_.outcomeFile(worker.run, workerStem(worker.id))); };
  if (worker.child) {
    const auto status = worker.child->poll();
    if (!status) return std::nullopt;
    worker.child.reset();
    return std::pair{WIFEXITED(*status) && WEXITSTATUS(*status) == 0, ChildProcess::describeStatus(*status)};
  }
  // Adopted from an earlier agent: reap it if it happens to be our child, else watch /proc.
  int status = 0;
  if (::waitpid(worker.pid, &status, WNOHANG) == worker.pid) {
    return std::pair{WIFEXITED(status) && WEXITSTATUS(status) == 0, ChildProcess::describeStatus(status)};
  }
  if (pidFileProcessAlive({worker.pid, worker.startTime})) return std::nullopt;
  if (const auto recorded = outcome()) return std::pair{recorded->exit_code == 0, outcomeHow(*recorded)};
  return std::pair{false, std::string("ended without recording an outcome (killed?)")};
}

void NodeRuns::handleEnd(Worker& worker, bool success, const std::string& how) {
  std::error_code ignored;
  std::filesystem::remove(layout_.pidFile(worker.run, workerStem(worker.id)), ignored);
  worker.success = success;
  worker.how = how;
  worker.killAt.reset();
  journal(worker.run, events::agentWorkerEnded(worker.id, how, success));
  logger_->info("run {}: worker {} ended: {}", worker.run, worker.id, how);
  const std::string log = layout_.workerLog(worker.run, workerStem(worker.id)).string();
  if (success || worker.stopRequested) {
    worker.state = success ? State::Exited : State::Failed;
    return;
  }
  if (!worker.restartOnKill) {
    worker.state = State::Failed;
    return;
  }
  if (worker.restarts >= worker.maxRestarts) {
    worker.state = State::GaveUp;
    journal(worker.run, events::workerGaveUp(worker.id, "worker " + worker.id + " " + how + " after " +
                                                            std::to_string(worker.restarts) + " restart(s); giving up (log: " + log + ")"));
    logger_->warn("run {}: worker {} {}; gave up after {} restart(s)", worker.run, worker.id, how, worker.restarts);
    return;
  }
  ++worker.restarts;
  const double delay_s = worker.restartAfter_s.value_or(static_cast<double>(1 << std::min(worker.restarts - 1, 6)));
  worker.restartAfter_s.reset();
  worker.state = State::Restarting;
  worker.restartAt = after(delay_s);
  journal(worker.run, events::workerRestarting(worker.id, how, worker.restarts, delay_s, log));
  logger_->warn("run {}: worker {} {}; restarting in {} s", worker.run, worker.id, how, delay_s);
}

void NodeRuns::pollOnce() {
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  for (auto& [key, worker] : workers_) {
    if (isLive(worker.state)) {
      if (const auto end = ended(worker)) {
        handleEnd(worker, end->first, end->second);
      } else if (worker.killAt && *worker.killAt <= now) {
        worker.killAt.reset();
        sendSignal(worker, SIGKILL);
        journal(worker.run, events::workersKilled());
      }
    } else if (worker.state == State::Restarting && worker.restartAt && *worker.restartAt <= now) {
      try {
        launch(worker);
        journal(worker.run, events::workerRestarted(worker.id, worker.restarts, worker.datacenter));
      } catch (const std::exception& e) {
        worker.state = State::Failed;
        worker.how = e.what();
        logger_->error("run {}: cannot restart worker {}: {}", worker.run, worker.id, e.what());
      }
    }
  }
}

void NodeRuns::superviseLoop() {
  while (!quit_) {
    pollOnce();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

bool NodeRuns::knowsRun(const std::string& run) const {
  std::lock_guard lock(mutex_);
  for (const auto& [key, worker] : workers_) {
    if (key.first == run) return true;
  }
  std::error_code error;
  return std::filesystem::is_directory(layout_.runDirectory(run), error);
}

std::vector<WorkerStatus> NodeRuns::workers(const std::string& run) const {
  std::lock_guard lock(mutex_);
  std::vector<WorkerStatus> list;
  for (const auto& [key, w] : workers_) {
    if (key.first == run) list.push_back({w.id, w.datacenter, w.pid, stateName(w.state), w.success, w.how, w.restarts});
  }
  return list;
}

std::vector<RunSummary> NodeRuns::runs() const {
  std::lock_guard lock(mutex_);
  std::map<std::string, RunSummary> byRun;
  for (const auto& [key, worker] : workers_) {
    RunSummary& summary = byRun[key.first];
    summary.run = key.first;
    ++summary.workers;
    if (isLive(worker.state)) ++summary.running;
  }
  std::vector<RunSummary> list;
  for (auto& [run, summary] : byRun) list.push_back(summary);
  return list;
}

int NodeRuns::activeRuns() const {
  int active = 0;
  for (const RunSummary& summary : runs()) active += summary.running > 0 ? 1 : 0;
  return active;
}

}  // namespace archi::agent
