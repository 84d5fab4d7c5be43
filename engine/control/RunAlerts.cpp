#include "control/RunAlerts.h"

#include <algorithm>
#include <cmath>

#include "core/RunEvents.h"

namespace archi {

RunAlerts::RunAlerts(AlertThresholds thresholds, double predictedTokensPerS, std::vector<WanLink> links)
    : thresholds_(thresholds), predicted_(predictedTokensPerS), links_(std::move(links)) {}

std::vector<RunEvent> RunAlerts::observe(const JournalBatch& batch, double now_s) {
  std::vector<RunEvent> out;
  for (const EventRecord& e : batch.events) {
    const RunEvent event = e.event();
    if ((event.kind == EventKind::WorkerDone || event.kind == EventKind::WorkerFailed) && event.has("worker")) {
      finished_.insert(event.text("worker"));
    }
  }
  for (const StepMetric& step : batch.steps) observeStep(step, out);
  for (const OuterRound& round : batch.rounds) observeRound(round, out);
  for (const LinkSample& link : batch.links) observeLink(link, out);
  checkStalls(now_s, out);
  return out;
}

void RunAlerts::observeStep(const StepMetric& step, std::vector<RunEvent>& out) {
  WorkerWatch& w = workers_[step.worker_id];
  // A re-sent or late row of an older step says nothing about the worker being alive now.
  if (step.step <= w.last_step) return;
  w.last_step = step.step;
  if (w.last_step_s > 0.0 && step.wall_time_s > w.last_step_s) {
    const double interval = step.wall_time_s - w.last_step_s;
    w.interval_s = w.interval_s > 0.0 ? 0.8 * w.interval_s + 0.2 * interval : interval;
  }
  w.last_step_s = std::max(w.last_step_s, step.wall_time_s);
  if (w.stalled) w.stalled = false;
  if (!std::isfinite(step.loss)) {
    if (!w.spiking) out.push_back(events::alertLossSpike(step.worker_id, step.step, step.loss, 0.0));
    w.spiking = true;
    return;  // never folded into the history: one NaN would poison every later z
  }
  const double z = w.loss.push(step.loss);
  if (z > thresholds_.loss_z) {
    if (!w.spiking) out.push_back(events::alertLossSpike(step.worker_id, step.step, step.loss, z));
    w.spiking = true;
  } else {
    w.spiking = false;
  }
}

void RunAlerts::observeRound(const OuterRound& round, std::vector<RunEvent>& out) {
  datacenters_ = std::max(datacenters_, round.participants);
  RoundTotals& totals = rounds_[round.round];
  totals.tokens += round.tokens;
  totals.end_s = std::max(totals.end_s, round.wall_time_s);
  ++totals.datacenters;
  if (predicted_ <= 0.0) return;
  // Judge rounds in order, each once every datacenter in it has reported (or a later round
  // began, which means the stragglers were left out of this one).
  while (!rounds_.empty()) {
    const auto first = rounds_.begin();
    const bool complete = first->second.datacenters >= std::max(1, datacenters_);
    if (!complete && rounds_.size() < 2) break;
    const RoundTotals judged = first->second;
    rounds_.erase(first);
    const double start_s = lastRoundEnd_s_;
    lastRoundEnd_s_ = judged.end_s;
    if (start_s <= 0.0 || judged.end_s <= start_s) continue;  // the first round has no start to measure from
    const double tokensPerS = static_cast<double>(judged.tokens) / (judged.end_s - start_s);
    if (tokensPerS < thresholds_.throughput_share * predicted_) {
      ++slowRounds_;
      if (slowRounds_ >= thresholds_.throughput_rounds && !slow_) {
        out.push_back(events::alertThroughput(100.0 * tokensPerS / predicted_, slowRounds_, tokensPerS, predicted_));
        slow_ = true;
      }
    } else {
      slowRounds_ = 0;
      slow_ = false;
    }
  }
}

void RunAlerts::observeLink(const LinkSample& link, std::vector<RunEvent>& out) {
  const auto drawn = std::find_if(links_.begin(), links_.end(), [&](const WanLink& l) {
    return (l.a == link.link_a && l.b == link.link_b) || (l.a == link.link_b && l.b == link.link_a);
  });
  if (drawn == links_.end() || drawn->gbit <= 0.0 || link.bytes <= 0) return;
  const double fullSpeed_s = static_cast<double>(link.bytes) * 8.0 / (drawn->gbit * 1e9);
  if (fullSpeed_s < thresholds_.link_min_transfer_s) return;
  const double share = link.mbit_per_s / (drawn->gbit * 1000.0);
  const std::string key = link.link_a + "/" + link.link_b;
  if (share < thresholds_.link_share) {
    if (slowLinks_.insert(key).second) {
      const auto round = rounds_.empty() ? std::int64_t{-1} : rounds_.rbegin()->first;
      out.push_back(events::alertLink(link.link_a, link.link_b, round, 100.0 * share, link.mbit_per_s));
    }
  } else {
    slowLinks_.erase(key);
  }
}

void RunAlerts::checkStalls(double now_s, std::vector<RunEvent>& out) {
  for (auto& [worker, w] : workers_) {
    if (w.stalled || finished_.contains(worker) || w.last_step < 0) continue;
    const double silent_s = now_s - w.last_step_s;
    if (silent_s > std::max(thresholds_.stall_s, thresholds_.stall_intervals * w.interval_s)) {
      out.push_back(events::alertStall(worker, w.last_step, silent_s));
      w.stalled = true;
    }
  }
}

}  // namespace archi
