#include "agent/BoundedTaskQueue.h"

namespace archi::agent {

BoundedTaskQueue::BoundedTaskQueue(int threads, std::size_t maxQueued, std::function<void()> beforeTask,
                                   std::function<void()> afterTask, std::function<void()> onSaturated)
    : maxQueued_(maxQueued),
      beforeTask_(std::move(beforeTask)),
      afterTask_(std::move(afterTask)),
      onSaturated_(std::move(onSaturated)) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { serve(); });
}

BoundedTaskQueue::~BoundedTaskQueue() { shutdown(); }

void BoundedTaskQueue::enqueue(std::function<void()> task) {
  std::unique_lock lock(mutex_);
  if (tasks_.size() >= maxQueued_ && onSaturated_) onSaturated_();
  room_.wait(lock, [this] { return tasks_.size() < maxQueued_ || shutdown_; });
  if (shutdown_) return;
  tasks_.push_back(std::move(task));
  work_.notify_one();
}

void BoundedTaskQueue::shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (shutdown_ && threads_.empty()) return;
    shutdown_ = true;
  }
  work_.notify_all();
  room_.notify_all();
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
    room_.notify_one();
    if (beforeTask_) beforeTask_();
    task();
    if (afterTask_) afterTask_();
  }
}

}  // namespace archi::agent
