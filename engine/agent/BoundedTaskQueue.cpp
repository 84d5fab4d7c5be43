#include "agent/BoundedTaskQueue.h"

namespace archi::agent {

BoundedTaskQueue::BoundedTaskQueue(int threads, std::size_t maxQueued, std::function<void()> beforeTask,
                                   std::function<void()> afterTask, Refuse refuse)
    : maxQueued_(maxQueued),
      beforeTask_(std::move(beforeTask)),
      afterTask_(std::move(afterTask)),
      refuse_(std::move(refuse)) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { serve(); });
}

BoundedTaskQueue::~BoundedTaskQueue() { shutdown(); }

void BoundedTaskQueue::enqueue(std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    if (tasks_.size() < maxQueued_ && !shutdown_) {
      tasks_.push_back(std::move(task));
      work_.notify_one();
      return;
    }
  }
  refuse_(task);  // outside the lock: it closes the connection, which takes a moment
}

void BoundedTaskQueue::shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (shutdown_ && threads_.empty()) return;
    shutdown_ = true;
  }
  work_.notify_all();
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  threads_.clear();
}

void BoundedTaskQueue::serve() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      work_.wait(lock, [this] { return shutdown_ || !tasks_.empty(); });
      if (tasks_.empty()) return;  // shut down and drained
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    if (beforeTask_) beforeTask_();
    task();
    if (afterTask_) afterTask_();
  }
}

}  // namespace archi::agent
