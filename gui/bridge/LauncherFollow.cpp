#include "bridge/LauncherFollow.h"

#include <QCoreApplication>
#include <QStringList>

#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <tuple>

#include "control/RunLauncher.h"
#include "store/RunStore.h"

namespace {

constexpr auto kPostInterval = std::chrono::milliseconds(250);

QString q(const std::string& s) { return QString::fromStdString(s); }

RunProgress::Phase phaseOf(archi::RunState state) {
  switch (state) {
    case archi::RunState::Completed: return RunProgress::Phase::Completed;
    case archi::RunState::Stopped: return RunProgress::Phase::Stopped;
    case archi::RunState::Failed: return RunProgress::Phase::Failed;
    default: return RunProgress::Phase::Running;
  }
}

RunProgress snapshotOf(const archi::RunLauncher& launcher, RunProgress base) {
  base.elapsed_s = launcher.elapsedSeconds();
  base.tokens = launcher.collector().totalTokens();
  base.wanBytes = launcher.collector().totalWanBytes();
  base.tokensPerSecond = 0.0;
  base.datacenters.clear();
  for (const archi::DatacenterPlan& plan : launcher.plan().datacenters) {
    RunProgress::Datacenter dc;
    dc.id = q(plan.id);
    dc.name = plan.name.empty() ? q(plan.id) : q(plan.name);
    const auto it = launcher.collector().progress().find(plan.id);
    if (it != launcher.collector().progress().end()) {
      dc.steps = it->second.leader_steps;
      dc.rounds = it->second.rounds;
      dc.loss = it->second.last_loss;
      dc.validationLoss = it->second.last_val_loss;
      dc.tokensPerSecond = it->second.tokensPerSecond();
    }
    base.tokensPerSecond += dc.tokensPerSecond;
    base.datacenters.append(dc);
  }
  return base;
}

}  // namespace

RunProgress followLauncher(archi::RunLauncher& launcher, RunProgress snapshot, const std::filesystem::path& storePath,
                           RunControls& controls, const std::function<void(const RunProgress&)>& post) {
  snapshot.runName = q(launcher.runName());
  snapshot.predictedTokensPerSecond = launcher.plan().predicted_tokens_per_s;
  snapshot.phase = RunProgress::Phase::Running;
  // The launcher writes the run's events into the store; a reader of our own picks them up.
  // The store orders events by wall time, and a node's journal can arrive after later events of
  // another node: what was forwarded is remembered by content, not by position.
  archi::RunStore events(storePath, archi::RunStore::Access::ReadOnly);
  std::set<std::tuple<double, std::string, std::string, std::string>> forwarded;  // time, source, kind, text
  const auto withNewEvents = [&](RunProgress next) {
    for (const archi::EventRecord& e : events.events(snapshot.runId)) {
      if (e.level == "debug" || !forwarded.emplace(e.wall_time_s, e.source, e.kind, e.text).second) continue;
      next.newEvents.append({q(e.level), q(e.source), q(e.text), q(e.kind), q(e.fields)});
    }
    return next;
  };
  post(withNewEvents(snapshotOf(launcher, snapshot)));
  bool stopSent = false;
  auto lastPost = std::chrono::steady_clock::now();
  while (launcher.poll()) {
    if (controls.detach.load()) {
      launcher.detach();
      snapshot = withNewEvents(snapshotOf(launcher, snapshot));
      snapshot.phase = RunProgress::Phase::Detached;
      return snapshot;
    }
    if (controls.stop.load() && !stopSent) {
      launcher.requestStop();
      stopSent = true;
      snapshot.phase = RunProgress::Phase::Stopping;
    }
    if (std::chrono::steady_clock::now() - lastPost >= kPostInterval) {
      post(withNewEvents(snapshotOf(launcher, snapshot)));
      lastPost = std::chrono::steady_clock::now();
    }
    std::this_thread::sleep_for(kPostInterval / 5);
  }
  const archi::RunSummary summary = launcher.finish();
  snapshot = withNewEvents(snapshotOf(launcher, snapshot));
  snapshot.phase = phaseOf(summary.state);
  snapshot.tokens = summary.tokens;
  snapshot.tokensPerSecond = summary.tokens_per_s;
  snapshot.runDirectory = q(summary.run_directory.string());
  QStringList lines;
  for (const std::string& failure : summary.failures) lines.append(q(failure));
  if (summary.final_validation_loss) {
    lines.prepend(QCoreApplication::translate("RunService", "validation loss %1 → %2")
                      .arg(summary.first_validation_loss.value_or(0.0), 0, 'f', 3)
                      .arg(*summary.final_validation_loss, 0, 'f', 3));
  }
  snapshot.message = lines.join(QStringLiteral("; "));
  return snapshot;
}
