#pragma once
// Pieces the outer-loop tests share (tst_outer_sync, tst_outer_faults): an observer that keeps
// typed events, a tiny model's DiLoCo config, synthetic per-round progress of a leader, and a
// leader's state (trainer and OuterSync) to run as a thread.

#include <QString>

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "comm/collective/OuterGroup.h"
#include "core/Rng.h"
#include "core/RunEvent.h"
#include "model/cpu/CpuBackend.h"
#include "train/OuterSync.h"
#include "train/Trainer.h"

namespace archi::outertest {

// Keeps every event with the leader that reported it; forwards to `log` (a run-wide log) too.
class RecordingObserver : public WorkerObserver {
 public:
  explicit RecordingObserver(std::string who = {}, RecordingObserver* log = nullptr) : who_(std::move(who)), log_(log) {}
  void onEvent(const RunEvent& event) override {
    {
      std::lock_guard lock(mutex_);
      events_.push_back({who_, event});
    }
    if (log_ != nullptr) log_->record(who_, event);
  }
  void record(const std::string& who, const RunEvent& event) {
    std::lock_guard lock(mutex_);
    events_.push_back({who, event});
  }
  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return events_.size();
  }
  // Events of `kind`, from the `from`-th event on.
  std::vector<RunEvent> ofKind(EventKind kind, std::size_t from = 0) const {
    std::lock_guard lock(mutex_);
    std::vector<RunEvent> out;
    for (std::size_t i = from; i < events_.size(); ++i) {
      if (events_[i].event.kind == kind) out.push_back(events_[i].event);
    }
    return out;
  }
  std::vector<std::pair<std::string, RunEvent>> all() const {
    std::lock_guard lock(mutex_);
    std::vector<std::pair<std::string, RunEvent>> out;
    for (const Entry& e : events_) out.emplace_back(e.who, e.event);
    return out;
  }
  // The typed log, one event a line: who, kind, fields (JSON), then the rendered sentence.
  QString text(bool sentences = true) const {
    std::lock_guard lock(mutex_);
    QString out;
    for (const Entry& e : events_) {
      const std::string_view kind = toString(e.event.kind);
      out += QString("%1%2 %3%4\n")
                 .arg(e.who.empty() ? QString() : QString::fromStdString(e.who) + " ")
                 .arg(QString::fromUtf8(kind.data(), static_cast<int>(kind.size())))
                 .arg(QString::fromStdString(e.event.fields.dump()))
                 .arg(sentences ? " | " + QString::fromStdString(renderEvent(e.event)) : QString());
    }
    return out;
  }

 private:
  struct Entry {
    std::string who;
    RunEvent event;
  };
  std::string who_;
  RecordingObserver* log_;
  mutable std::mutex mutex_;
  std::vector<Entry> events_;
};

// A tiny GPT (one layer, two heads, width 16) whose parameters only the outer loop touches.
inline DilocoWorkerConfig outerConfig(Compression compression, double outerLr, double outerMomentum, int leaders = 3) {
  DilocoWorkerConfig config;
  config.run.model = {1, 2, 16, 8, 32};
  config.run.train.compression = compression;
  config.run.train.outer_lr = outerLr;
  config.run.train.outer_momentum = outerMomentum;
  config.run.train.sync = SyncMode::DiLoCo;
  config.dc_count = leaders;
  config.wan_form_timeout_s = 20.0;
  return config;
}

// What leader `rank` moves away from the global parameters in a round: fixed per leader
// (`sameEveryRound`) or fresh per round.
inline std::vector<float> progressOf(int rank, int round, std::size_t count, bool sameEveryRound) {
  Rng rng(1000 + static_cast<std::uint64_t>(rank) * 97 + static_cast<std::uint64_t>(sameEveryRound ? 0 : round) * 7919);
  std::vector<float> delta(count);
  for (float& d : delta) d = static_cast<float>(0.02 * (rng.uniform() - 0.5));
  return delta;
}

// Leader `rank`'s tokens in one round.
inline std::int64_t tokensOf(int rank) { return 1000 * (rank + 1); }

// One leader: the trainer (only its parameters matter here) and its outer loop.
struct LeaderState {
  LeaderState(const DilocoWorkerConfig& config, comm::OuterGroup& group, WorkerObserver& observer)
      : backend(1), trainer(backend, config.run.model, OptimizerOptions{}, 1, 42), outer(config, &group, observer, trainer) {}
  cpu::CpuBackend backend;
  Trainer trainer;
  OuterSync outer;
  RunCounters counters;
  std::vector<std::vector<float>> globals;  // the global parameters after each round
};

// The parameters every leader's trainer starts from (same seed everywhere).
inline std::vector<float> initialParameters(const DilocoWorkerConfig& config) {
  cpu::CpuBackend backend(1);
  Trainer trainer(backend, config.run.model, OptimizerOptions{}, 1, 42);
  std::vector<float> params(trainer.parameterCount());
  trainer.model().getParameters(params);
  return params;
}

}  // namespace archi::outertest
