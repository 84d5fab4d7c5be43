#include "control/ThreadSpawner.h"

#include <signal.h>

#include <spdlog/sinks/basic_file_sink.h>

#include <stdexcept>

namespace archi {

ThreadSpawner::~ThreadSpawner() { stopAll(std::chrono::milliseconds(0)); }

void ThreadSpawner::start(const WorkerSpec& spec, const std::filesystem::path& /*specPath*/,
                          const std::filesystem::path& logPath) {
  if (workers_.count(spec.worker_id) != 0) {
    throw std::logic_error("ThreadSpawner: worker " + spec.worker_id + " is still running; poll() its exit before restarting it");
  }
  auto worker = std::make_unique<Worker>();
  Worker& w = *worker;
  workers_[spec.worker_id] = std::move(worker);
  w.thread = std::thread([&w, spec, logPath] {
    try {
      std::filesystem::create_directories(logPath.parent_path());
      auto logger = std::make_shared<spdlog::logger>(
          "worker", std::make_shared<spdlog::sinks::basic_file_sink_mt>(logPath.string(), /*truncate=*/false));
      logger->set_pattern(workerLogPattern(spec.worker_id));
      w.outcome = WorkerRuntime(spec, logger).run(w.stop);
    } catch (const std::exception& e) {  // the log or the journal could not be opened
      w.outcome.end = WorkerOutcome::End::Failed;
      w.outcome.error = e.what();
    }
    w.ended.store(true, std::memory_order_release);
  });
}

WorkerExit ThreadSpawner::exitOf(const std::string& workerId, const WorkerOutcome& outcome) {
  switch (outcome.end) {
    case WorkerOutcome::End::Finished:
      return {workerId, true, "finished (thread)"};
    case WorkerOutcome::End::StoppedBeforeGroup:
      return {workerId, true, "stopped before its datacenter's group formed (thread)"};
    case WorkerOutcome::End::Failed:
      break;
  }
  return {workerId, false, "failed (thread): " + outcome.error};
}

std::vector<WorkerExit> ThreadSpawner::poll() {
  std::vector<WorkerExit> exits;
  for (auto it = workers_.begin(); it != workers_.end();) {
    Worker& w = *it->second;
    if (!w.ended.load(std::memory_order_acquire)) {
      ++it;
      continue;
    }
    w.thread.join();
    exits.push_back(exitOf(it->first, w.outcome));
    it = workers_.erase(it);
  }
  return exits;
}

void ThreadSpawner::requestStop() {
  for (auto& [id, w] : workers_) w->stop.store(true);
}

bool ThreadSpawner::signal(const std::string& workerId, int signal) {
  const auto it = workers_.find(workerId);
  if (it == workers_.end() || (signal != SIGTERM && signal != SIGINT)) return false;
  it->second->stop.store(true);
  return true;
}

void ThreadSpawner::stopAll(std::chrono::milliseconds /*grace*/) {
  requestStop();
  // No thread can be cut short; each ends at its next stop check or bounded network wait.
  for (auto& [id, w] : workers_) {
    if (w->thread.joinable()) w->thread.join();
  }
  workers_.clear();
}

}  // namespace archi
