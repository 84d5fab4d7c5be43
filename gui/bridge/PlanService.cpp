#include "bridge/PlanService.h"

#include <QtConcurrent/QtConcurrentRun>

#include <exception>

#include "bridge/ProjectDocument.h"
#include "bridge/RunService.h"
#include "control/RunLauncher.h"

namespace {
constexpr int kDebounceMs = 150;
}

PlanService::PlanService(ProjectDocument& document, QObject* parent) : QObject(parent), document_(document) {
  debounce_.setSingleShot(true);
  debounce_.setInterval(kDebounceMs);
  connect(&debounce_, &QTimer::timeout, this, &PlanService::planNow);
  connect(&document_, &ProjectDocument::projectChanged, this, &PlanService::schedule);
  connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &PlanService::finished);
  schedule();
}

PlanService::~PlanService() { watcher_.waitForFinished(); }

void PlanService::schedule() {
  ++generation_;
  debounce_.start();
}

void PlanService::planNow() {
  debounce_.stop();
  if (!document_.project()) {
    state_ = State::NoProject;
    plan_.reset();
    reason_ = tr("No project is open");
    emit planChanged();
    return;
  }
  if (document_.problems().hasErrors()) {
    state_ = State::Blocked;
    plan_.reset();
    const auto errors = document_.problems().errorCount();
    reason_ = errors == 1 ? tr("The project has 1 error: fix it (see Problems) to see the plan")
                          : tr("The project has %1 errors: fix them (see Problems) to see the plan").arg(errors);
    emit planChanged();
    return;
  }
  if (watcher_.isRunning()) {
    pending_ = true;
    return;
  }
  state_ = State::Planning;
  emit planChanged();
  // The worker gets its own copies: the document may change while it plans.
  const archi::Project project = *document_.project();
  const archi::GpuCatalog catalog = document_.catalog();
  const quint64 generation = generation_;
  const std::filesystem::path store = RunService::defaultDataLayout().storePath();
  watcher_.setFuture(QtConcurrent::run([project, catalog, generation, store]() -> Outcome {
    // Exceptions stay on this thread: they come back as an error value. The plan is the one a
    // local run will follow: this machine's emulation paces and the store's measured profiles.
    try {
      return {std::make_shared<const archi::Plan>(archi::planLocalRun(project, catalog, store)), QString(), generation};
    } catch (const std::exception& e) {
      return {nullptr, QString::fromStdString(e.what()), generation};
    }
  }));
}

void PlanService::finished() {
  const Outcome outcome = watcher_.result();
  if (pending_ || outcome.generation != generation_) {
    pending_ = false;
    planNow();  // stale: the project changed meanwhile
    return;
  }
  if (outcome.plan) {
    state_ = State::Ready;
    plan_ = outcome.plan;
    reason_.clear();
  } else {
    state_ = State::Failed;
    plan_.reset();
    reason_ = tr("The planner failed: %1").arg(outcome.error);
  }
  emit planChanged();
}
