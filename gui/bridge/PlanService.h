#pragma once
// Plans the open project with the engine's planner (engine/plan) whenever it changes: off the
// GUI thread, debounced so a burst of edits plans once, and only for projects without
// validation errors. Results arrive on the GUI thread as planChanged().

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

#include <memory>

#include "plan/Planner.h"

class ProjectDocument;

class PlanService : public QObject {
  Q_OBJECT

 public:
  enum class State { NoProject, Blocked, Planning, Ready, Failed };

  explicit PlanService(ProjectDocument& document, QObject* parent = nullptr);
  ~PlanService() override;

  State state() const { return state_; }
  // The latest plan (null unless Ready).
  std::shared_ptr<const archi::Plan> plan() const { return plan_; }
  // Why there is no plan (Blocked, Failed), in words.
  QString reason() const { return reason_; }
  // Plans now instead of after the debounce delay (the toolbar's Plan action).
  void planNow();

 signals:
  void planChanged();

 private:
  struct Outcome {
    std::shared_ptr<const archi::Plan> plan;
    QString error;
    quint64 generation = 0;
  };
  void schedule();
  void finished();

  ProjectDocument& document_;
  QTimer debounce_;
  QFutureWatcher<Outcome> watcher_;
  State state_ = State::NoProject;
  std::shared_ptr<const archi::Plan> plan_;
  QString reason_;
  quint64 generation_ = 0;
  bool pending_ = false;  // the project changed while a plan was being computed
};
