#pragma once
// SIGTERM and SIGINT as a stop request, read by a thread with sigwait: no signal handler and
// no global flag. Construct it before any other thread starts, so all of them inherit the mask.

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <thread>

namespace archi::cli {

class StopSignals {
 public:
  StopSignals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGTERM);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGUSR2);  // our own wake-up at shutdown
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);  // before any other thread starts: they inherit it
    waiter_ = std::thread([this] {
      int signal = 0;
      while (sigwait(&set_, &signal) == 0) {
        if (signal == SIGUSR2) return;
        stop_ = true;
      }
    });
  }
  ~StopSignals() {
    pthread_kill(waiter_.native_handle(), SIGUSR2);
    waiter_.join();
  }
  const std::atomic<bool>& flag() const { return stop_; }

 private:
  sigset_t set_;
  std::atomic<bool> stop_{false};
  std::thread waiter_;
};

}  // namespace archi::cli
