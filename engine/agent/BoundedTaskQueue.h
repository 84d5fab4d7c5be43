#pragma once
// cpp-httplib's task queue with bounds on both sides: a fixed number of threads and at most
// `maxQueued` accepted connections waiting for one. Beyond that a connection is refused at
// once: its task runs on the accepting thread through `refuse`, which makes it close before
// reading anything (cpp-httplib 0.11's enqueue cannot decline a task, and the task owns the socket).

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
  // `beforeTask`/`afterTask` run on the serving thread around each connection.
  using Refuse = std::function<void(const std::function<void()>& task)>;
  BoundedTaskQueue(int threads, std::size_t maxQueued, std::function<void()> beforeTask, std::function<void()> afterTask,
                   Refuse refuse);
  ~BoundedTaskQueue() override;

  void enqueue(std::function<void()> task) override;
  void shutdown() override;

 private:
  void serve();

  std::size_t maxQueued_;
  std::function<void()> beforeTask_;
  std::function<void()> afterTask_;
  Refuse refuse_;
  std::mutex mutex_;
  std::condition_variable work_;
  std::deque<std::function<void()>> tasks_;
  bool shutdown_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace archi::agent
