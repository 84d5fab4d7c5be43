#include "cli/StopSignals.h"

namespace archi::cli {
namespace {

// Written only by the handler; async-signal-safe because it is lock-free.
std::atomic<bool> stopRequested{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void onStopSignal(int) { stopRequested.store(true, std::memory_order_relaxed); }

}  // namespace

StopSignals::StopSignals() {
  struct sigaction action {};
  action.sa_handler = onStopSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGTERM, &action, &previousTerm_);
  sigaction(SIGINT, &action, &previousInt_);
}

StopSignals::~StopSignals() {
  sigaction(SIGTERM, &previousTerm_, nullptr);
  sigaction(SIGINT, &previousInt_, nullptr);
}

const std::atomic<bool>& StopSignals::flag() const { return stopRequested; }

}  // namespace archi::cli
