#pragma once
// SIGTERM and SIGINT as a stop request that the main loop polls. A signal handler is the
// only way that also covers threads started before main() (OpenBLAS creates its pool in a
// library constructor, so masking signals from main cannot reach them); the handler only
// stores into one lock-free atomic, the single piece of static state this needs.

#include <signal.h>

#include <atomic>

namespace archi::cli {

class StopSignals {
 public:
  StopSignals();   // installs the handler for SIGTERM and SIGINT
  ~StopSignals();  // restores the previous handlers
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  const std::atomic<bool>& flag() const;

 private:
  struct sigaction previousTerm_ {};
  struct sigaction previousInt_ {};
};

}  // namespace archi::cli
