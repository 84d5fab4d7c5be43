#pragma once
// cpp-httplib's task queue with bounds on both sides: a fixed number of threads and at most
// `maxQueued` accepted connections waiting for one. When the queue is full the accept loop
// waits for a free slot, so further connections stay in the kernel's listen backlog (which
// the kernel bounds and refuses beyond) instead of growing memory here.

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace archi::agent {

class BoundedTaskQueue : public httplib::TaskQueue {
 public:
  // `afterTask` runs on the serving thread after each connection closed.
  BoundedTaskQueue(int threads, std::size_t maxQueued, std::function<void()> beforeTask, std::function<void()> afterTask,
                   std::function<void()> onSaturated);
  ~BoundedTaskQueue() override;

  void enqueue(std::function<void()> task) override;
  void shutdown() override;

 private:
  void serve();

  std::size_t maxQueued_;
  std::function<void()> beforeTask_;
  std::function<void()> afterTask_;
  std::function<void()> onSaturated_;
  std::mutex mutex_;
  std::condition_variable work_;
  std::condition_variable room_;
  std::deque<std::function<void()>> tasks_;
  bool shutdown_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace archi::agent
