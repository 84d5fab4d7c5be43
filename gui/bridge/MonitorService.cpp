#include "bridge/MonitorService.h"

#include <QMetaObject>

#include <chrono>

#include "bridge/MonitorFold.h"
#include "core/WallClock.h"
#include "report/RunSummary.h"
#include "store/RunStore.h"

struct MonitorService::Reader {
  std::string storePath;
  std::int64_t runId = 0;
  std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;
  std::thread thread;
};

namespace {
// The run-wide figures are a few aggregate queries over the whole run: once a second is
// as fresh as a person reads them.
constexpr auto kSummaryInterval = std::chrono::seconds(1);
constexpr auto kMinPublishInterval = std::chrono::milliseconds(250);
}  // namespace

MonitorService::MonitorService(QObject* parent) : QObject(parent) {
  qRegisterMetaType<MonitorSnapshotPtr>("MonitorSnapshotPtr");
  qRegisterMetaType<LiveRunState>("LiveRunState");
}

MonitorService::~MonitorService() { stop(); }

void MonitorService::followRun(const QString& storePath, qint64 runId) {
  stop();
  ++generation_;
  runId_ = runId;
  latest_.reset();
  reader_ = std::make_unique<Reader>();
  reader_->storePath = storePath.toStdString();
  reader_->runId = runId;
  reader_->thread = std::thread(&MonitorService::readLoop, this, reader_.get(), generation_);
}

void MonitorService::stop() {
  if (!reader_) return;
  {
    std::lock_guard lock(reader_->mutex);
    reader_->stopping = true;
  }
  reader_->wake.notify_all();
  // The reader checks between reads, and a read is at most kRowsPerRead rows per table.
  reader_->thread.join();
  reader_.reset();
  ++generation_;  // snapshots still queued from that reader are dropped on arrival
}

void MonitorService::deliver(quint64 generation, const MonitorSnapshotPtr& snapshot) {
  if (generation != generation_) return;
  latest_ = snapshot;
  emit snapshotChanged(snapshot);
  emit liveStateChanged(snapshot->live);
}

void MonitorService::readLoop(MonitorService* service, Reader* reader, quint64 generation) {
  using Clock = std::chrono::steady_clock;
  auto post = [service, generation](MonitorSnapshot snapshot) {
    auto shared = std::make_shared<const MonitorSnapshot>(std::move(snapshot));
    QMetaObject::invokeMethod(service, [service, generation, shared] { service->deliver(generation, shared); },
                              Qt::QueuedConnection);
  };
  auto stopping = [reader] {
    std::lock_guard lock(reader->mutex);
    return reader->stopping;
  };
  // Exceptions end here: never across the thread's edge.
  try {
    archi::RunStore store(reader->storePath, archi::RunStore::Access::ReadOnly);
    MonitorFold fold;
    if (const std::optional<std::string> topology = store.topology(reader->runId)) fold.setTopology(*topology);
    fold.setWorkers(store.workers(reader->runId));

    archi::RunRowCursor cursor;
    std::optional<archi::RunSummary> summary;
    Clock::time_point lastSummary{};
    Clock::time_point lastPublish{};
    bool dirty = true;
    while (!stopping()) {
      const std::optional<archi::RunRecord> run = store.findRun(reader->runId);
      if (!run) {
        MonitorSnapshot missing;
        missing.runId = reader->runId;
        missing.error = QString::fromStdString(reader->storePath + ": there is no run with id " + std::to_string(reader->runId));
        post(std::move(missing));
        return;
      }
      const archi::RunRows rows = store.rowsAfter(reader->runId, cursor, kRowsPerRead);
      cursor = rows.next;
      bool unknownWorker = false;
      for (const archi::StepMetric& m : rows.steps) unknownWorker = unknownWorker || !fold.knowsWorker(m.worker_id);
      if (unknownWorker) fold.setWorkers(store.workers(reader->runId));
      fold.add(rows);
      dirty = dirty || rows.records() > 0 || (summary && summary->run.state != run->state);
      const bool behind = rows.steps.size() == kRowsPerRead || rows.events.size() == kRowsPerRead ||
                          rows.rounds.size() == kRowsPerRead || rows.links.size() == kRowsPerRead;

      const Clock::time_point now = Clock::now();
      if (dirty && (now - lastPublish >= kMinPublishInterval || !behind)) {
        if (!summary || now - lastSummary >= kSummaryInterval || summary->run.state != run->state) {
          summary = archi::summarizeRun(store, reader->runId);
          lastSummary = now;
        }
        post(fold.build(*run, &*summary, archi::unixSeconds()));
        lastPublish = now;
        dirty = false;
      }
      if (behind) continue;
      // Summary figures of a live run move with every step even when no rows came this turn.
      if (run->state == archi::RunState::Running && now - lastSummary >= kSummaryInterval) dirty = true;
      std::unique_lock lock(reader->mutex);
      reader->wake.wait_for(lock, std::chrono::milliseconds(service->pollInterval_ms_.load()), [reader] { return reader->stopping; });
    }
  } catch (const std::exception& error) {
    MonitorSnapshot failed;
    failed.runId = reader->runId;
    failed.error = QString::fromStdString(error.what());
    post(std::move(failed));
  }
}
