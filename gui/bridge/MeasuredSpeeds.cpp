#include "bridge/MeasuredSpeeds.h"

#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>
#include <map>

#include "store/RunStore.h"

MeasuredSpeeds::MeasuredSpeeds(QObject* parent) : QObject(parent) {
  connect(&watcher_, &QFutureWatcher<Reading>::finished, this, [this] {
    reading_ = watcher_.result();
    emit changed();
  });
}

MeasuredSpeeds::~MeasuredSpeeds() { watcher_.waitForFinished(); }

void MeasuredSpeeds::refresh(const QString& storePath, const QString& projectName) {
  if (watcher_.isRunning()) watcher_.waitForFinished();  // a read takes milliseconds; keep one at a time
  const std::string path = storePath.toStdString();
  const std::string project = projectName.toStdString();
  const bool exists = QFileInfo::exists(storePath);
  watcher_.setFuture(QtConcurrent::run([path, project, exists]() -> Reading {
    Reading reading;
    if (!exists) return reading;
    // Errors stay on this thread: a store that cannot be read just yields no measurements.
    try {
      archi::RunStore store(path);
      const auto runs = store.listRuns();
      for (auto run = runs.rbegin(); run != runs.rend(); ++run) {
        if (run->project_name != project) continue;
        struct Span {
          double first_s = 0, last_s = 0;
          std::int64_t tokens = 0, steps = 0;
        };
        std::map<std::string, Span> spans;
        for (const archi::StepMetric& m : store.stepMetrics(run->id)) {
          Span& s = spans[m.worker_id];
          if (s.steps == 0) s.first_s = m.wall_time_s;
          s.last_s = std::max(s.last_s, m.wall_time_s);
          // The first step's tokens were computed before its own timestamp: count from the second.
          if (s.steps > 0) s.tokens += m.tokens;
          ++s.steps;
        }
        for (const auto& [worker, s] : spans) {
          if (s.steps >= 2 && s.last_s > s.first_s) {
            reading.tokensPerSecond.insert(QString::fromStdString(worker), double(s.tokens) / (s.last_s - s.first_s));
          }
        }
        if (!reading.tokensPerSecond.isEmpty()) {
          reading.runName = QString::fromStdString(run->name);
          break;
        }
      }
    } catch (const std::exception&) {
      reading = Reading();
    }
    return reading;
  }));
}
