#pragma once
// One worker of a run, driven from a validated WorkerSpec (issue 11 item 4): the datacenter's
// leader serves the rendezvous store; every worker joins its datacenter's elastic Gloo group;
// in a multi-datacenter run the leader also joins the leaders' TLS WAN group (with emulated
// link shaping and cuts when the spec asks); then it trains, appending every step, round,
// validation loss, event, sample and checkpoint to its journal.
//
// `archi worker` wraps this in a process (spec file, signals, stderr, exit status). The
// runtime keeps no process-global state of its own: the stop request and the logger are
// passed in, so several workers can run as threads of one process.

#include <atomic>
#include <memory>
#include <string>

#include <spdlog/logger.h>

#include "control/WorkerSpec.h"
#include "train/DilocoWorker.h"

namespace archi {

struct WorkerOutcome {
  enum class End {
    Finished,            // the budget was spent, or a stop was honoured during training
    StoppedBeforeGroup,  // stopped while waiting for the datacenter's group to form
    Failed,              // an error ended it; also journalled as an "error" event
  };
  End end = End::Finished;
  WorkerResult training;  // steps, rounds and tokens when Finished
  std::string error;      // Failed: what went wrong
};

// How a worker's log lines look wherever they go: time, worker id, level, text.
std::string workerLogPattern(const std::string& workerId);

class WorkerRuntime {
 public:
  WorkerRuntime(WorkerSpec spec, std::shared_ptr<spdlog::logger> logger);

  // Runs the worker to its end; `stop` is polled (the leader honours it at the next step).
  // Failures after the journal is open are returned, not thrown; throws std::runtime_error
  // only when the journal itself cannot be opened.
  WorkerOutcome run(const std::atomic<bool>& stop);

  const WorkerSpec& spec() const { return spec_; }

 private:
  WorkerSpec spec_;
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace archi
