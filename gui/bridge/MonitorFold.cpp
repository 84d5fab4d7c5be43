#include "bridge/MonitorFold.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <tuple>
#include <cmath>

#include "core/Diagnostic.h"
#include "core/ProjectJson.h"
#include "core/RunEvent.h"
#include "report/RunSummary.h"

namespace {

QString q(const std::string& text) { return QString::fromStdString(text); }

// Stretches of time the throughput, its cumulative tokens and the heat map are bucketed by:
// about 120 columns whatever the run's length, never under 2 s (steps come at 1-2 Hz).
double bucketWidth_s(double span_s) { return std::max(2.0, span_s / 120.0); }

// Events that mark a fault on the outer-round timeline.
bool isFaultKind(const std::string& kind) {
  using archi::EventKind;
  for (EventKind k : {EventKind::FaultInjected, EventKind::LinkRestored, EventKind::WorkerLost, EventKind::WorkerFailed,
                      EventKind::OuterRoundFailed, EventKind::WanGroupLeftOut, EventKind::LeftOutOfRound,
                      EventKind::WanExchangeFailed, EventKind::DatacenterGroupFailed, EventKind::WorkerRestarting}) {
    if (kind == archi::toString(k)) return true;
  }
  return false;
}

// Cumulative tokens of the run at a time, interpolated inside the bucket it falls in.
struct TokenClock {
  double start_s = 0.0;
  double bucket_s = 1.0;
  std::vector<double> bucketTokens;
  std::vector<double> cumulativeBefore;  // tokens before bucket i
  double at(double t_s) const {
    if (bucketTokens.empty()) return 0.0;
    const double position = (t_s - start_s) / bucket_s;
    if (position <= 0.0) return 0.0;
    const auto i = static_cast<std::size_t>(std::min<double>(position, static_cast<double>(bucketTokens.size() - 1)));
    const double inside = std::clamp(position - static_cast<double>(i), 0.0, 1.0);
    return cumulativeBefore[i] + bucketTokens[i] * inside;
  }
};

}  // namespace

void MonitorFold::setTopology(const std::string& projectJson) {
  archi::Diagnostics diagnostics;
  const std::optional<archi::Project> project = archi::parseProject(projectJson, diagnostics);
  if (!project) return;
  for (const archi::Datacenter& dc : project->topology.datacenters) {
    const int index = datacenterIndex(dc.id);
    datacenters_[static_cast<std::size_t>(index)].name = dc.name.empty() ? dc.id : dc.name;
  }
  for (const archi::WanLink& link : project->topology.links) topologyLinks_.push_back({link.a, link.b, link.gbit});
}

void MonitorFold::setWorkers(const std::vector<archi::WorkerRecord>& workers) {
  for (const archi::WorkerRecord& w : workers) {
    workerDatacenter_[w.worker_id] = w.datacenter_id;
    workers_[static_cast<std::size_t>(workerIndex(w.worker_id))].datacenter = datacenterIndex(w.datacenter_id);
  }
}

int MonitorFold::datacenterIndex(const std::string& id) {
  for (std::size_t i = 0; i < datacenters_.size(); ++i) {
    if (datacenters_[i].id == id) return static_cast<int>(i);
  }
  datacenters_.push_back({id, id});
  return static_cast<int>(datacenters_.size() - 1);
}

int MonitorFold::workerIndex(const std::string& workerId) {
  const auto found = workerIndex_.find(workerId);
  if (found != workerIndex_.end()) return found->second;
  Worker worker;
  worker.id = workerId;
  // Worker ids are "<datacenter>/<node>/<index>": a row that arrives before the workers table
  // is re-read still lands in its datacenter.
  const auto known = workerDatacenter_.find(workerId);
  worker.datacenter = datacenterIndex(known != workerDatacenter_.end() ? known->second : workerId.substr(0, workerId.find('/')));
  workers_.push_back(std::move(worker));
  const int index = static_cast<int>(workers_.size() - 1);
  workerIndex_.emplace(workerId, index);
  return index;
}

void MonitorFold::add(const archi::RunRows& rows) {
  for (const archi::StepMetric& m : rows.steps) {
    Worker& worker = workers_[static_cast<std::size_t>(workerIndex(m.worker_id))];
    const auto [it, inserted] = worker.steps.insert_or_assign(
        m.step, Step{m.wall_time_s, m.tokens, m.loss, m.compute_ms, m.intra_ms, m.inter_ms, m.idle_ms});
    if (inserted) ++stepRows_;
    if (firstWall_s_ == 0.0 || m.wall_time_s < firstWall_s_) firstWall_s_ = m.wall_time_s;
  }
  for (const archi::OuterRound& r : rows.rounds) rounds_[{r.round, datacenterIndex(r.datacenter_id)}] = r;
  validations_.insert(validations_.end(), rows.validations.begin(), rows.validations.end());
  events_.insert(events_.end(), rows.events.begin(), rows.events.end());
  samples_.insert(samples_.end(), rows.samples.begin(), rows.samples.end());
  links_.insert(links_.end(), rows.links.begin(), rows.links.end());
}

MonitorSnapshot MonitorFold::build(const archi::RunRecord& run, const archi::RunSummary* summary, double now_unix_s) const {
  MonitorSnapshot out;
  out.runId = run.id;
  out.runName = q(run.name);
  out.state = q(archi::toString(run.state));
  out.running = run.state == archi::RunState::Running;
  out.stepRows = stepRows_;
  const double t0 = run.started_at_s.value_or(firstWall_s_);
  out.start_unix_s = t0;

  double last_s = t0;
  for (const Worker& w : workers_) {
    if (!w.steps.empty()) {
      for (const auto& [step, s] : w.steps) last_s = std::max(last_s, s.wall_time_s);
    }
  }
  for (const auto& [key, r] : rounds_) last_s = std::max(last_s, r.wall_time_s);
  out.span_s = last_s - t0;

  const int dcCount = static_cast<int>(datacenters_.size());
  for (int i = 0; i < dcCount; ++i) {
    MonitorDatacenter dc;
    dc.id = q(datacenters_[static_cast<std::size_t>(i)].id);
    dc.name = q(datacenters_[static_cast<std::size_t>(i)].name);
    dc.colorIndex = i;
    out.datacenters.append(dc);
  }

  // Buckets of time: throughput per datacenter, the run's token clock, device utilisation.
  const double bucket_s = bucketWidth_s(out.span_s);
  const int buckets = std::max(1, static_cast<int>(std::ceil(out.span_s / bucket_s)));
  out.throughputBucket_s = bucket_s;
  std::vector<std::vector<double>> dcTokens(static_cast<std::size_t>(dcCount), std::vector<double>(static_cast<std::size_t>(buckets), 0.0));
  auto bucketOf = [&](double wall_s) {
    return std::clamp(static_cast<int>((wall_s - t0) / bucket_s), 0, buckets - 1);
  };

  // Per datacenter and step: the mean loss and the latest wall time over its workers.
  struct StepAggregate {
    double lossSum = 0.0;
    int workers = 0;
    double wall_s = 0.0;
  };
  std::vector<std::map<std::int64_t, StepAggregate>> dcSteps(static_cast<std::size_t>(dcCount));
  std::vector<std::array<double, 5>> dcRecent(static_cast<std::size_t>(dcCount), {0, 0, 0, 0, 0});  // 4 parts, count

  std::vector<int> heatOrder(workers_.size());
  for (std::size_t i = 0; i < heatOrder.size(); ++i) heatOrder[i] = static_cast<int>(i);
  std::sort(heatOrder.begin(), heatOrder.end(), [this](int a, int b) {
    const Worker& wa = workers_[static_cast<std::size_t>(a)];
    const Worker& wb = workers_[static_cast<std::size_t>(b)];
    return std::tie(wa.datacenter, wa.id) < std::tie(wb.datacenter, wb.id);
  });
  // Heat-map columns hold whole throughput buckets and at least one and a half of the slowest
  // device's recent steps, so that a slow device shows no empty cells between its steps.
  double slowestStep_ms = 0.0;
  for (const Worker& w : workers_) {
    double sum_ms = 0.0;
    int n = 0;
    for (auto it = w.steps.rbegin(); it != w.steps.rend() && n < kRecentSteps; ++it, ++n) {
      sum_ms += it->second.compute_ms + it->second.intra_ms + it->second.inter_ms + it->second.idle_ms;
    }
    if (n > 0) slowestStep_ms = std::max(slowestStep_ms, sum_ms / n);
  }
  const int heatGroup = std::max(1, static_cast<int>(std::ceil(1.5 * slowestStep_ms / 1e3 / bucket_s)));
  const int heatColumns = (buckets + heatGroup - 1) / heatGroup;
  out.heat.start_s = 0.0;
  out.heat.bucket_s = bucket_s * heatGroup;
  out.heat.buckets = heatColumns;
  out.heat.utilisation.fill(-1.0f, static_cast<qsizetype>(heatOrder.size()) * heatColumns);

  for (std::size_t row = 0; row < heatOrder.size(); ++row) {
    const Worker& w = workers_[static_cast<std::size_t>(heatOrder[row])];
    const auto dc = static_cast<std::size_t>(w.datacenter);
    out.heat.workers.append(q(w.id));
    out.heat.workerDatacenter.append(w.datacenter);
    ++out.datacenters[w.datacenter].workers;
    std::vector<double> compute(static_cast<std::size_t>(heatColumns), 0.0);
    std::vector<double> total(static_cast<std::size_t>(heatColumns), 0.0);
    for (const auto& [step, s] : w.steps) {
      const int b = bucketOf(s.wall_time_s);
      dcTokens[dc][static_cast<std::size_t>(b)] += static_cast<double>(s.tokens);
      compute[static_cast<std::size_t>(b / heatGroup)] += s.compute_ms;
      total[static_cast<std::size_t>(b / heatGroup)] += s.compute_ms + s.intra_ms + s.inter_ms + s.idle_ms;
      StepAggregate& aggregate = dcSteps[dc][step];
      aggregate.lossSum += s.loss;
      ++aggregate.workers;
      aggregate.wall_s = std::max(aggregate.wall_s, s.wall_time_s);
    }
    for (int b = 0; b < heatColumns; ++b) {
      if (total[static_cast<std::size_t>(b)] > 0.0) {
        out.heat.utilisation[static_cast<qsizetype>(row) * heatColumns + b] =
            static_cast<float>(compute[static_cast<std::size_t>(b)] / total[static_cast<std::size_t>(b)]);
      }
    }

    // Latest steps: the step-time breakdown of the datacenter and the device's live figures.
    double compute_ms = 0, intra_ms = 0, inter_ms = 0, idle_ms = 0, tokens = 0;
    int n = 0;
    double newest_s = 0.0, oldest_s = 0.0;
    for (auto it = w.steps.rbegin(); it != w.steps.rend() && n < kRecentSteps; ++it, ++n) {
      compute_ms += it->second.compute_ms;
      intra_ms += it->second.intra_ms;
      inter_ms += it->second.inter_ms;
      idle_ms += it->second.idle_ms;
      tokens += static_cast<double>(it->second.tokens);
      if (n == 0) newest_s = it->second.wall_time_s;
      oldest_s = it->second.wall_time_s;
    }
    if (n > 0) {
      dcRecent[dc][0] += compute_ms / n;
      dcRecent[dc][1] += intra_ms / n;
      dcRecent[dc][2] += inter_ms / n;
      dcRecent[dc][3] += idle_ms / n;
      dcRecent[dc][4] += 1;
      LiveDevice device;
      const double step_ms = compute_ms + intra_ms + inter_ms + idle_ms;
      device.utilisation = step_ms > 0.0 ? compute_ms / step_ms : 0.0;
      device.stepMs = step_ms / n;
      // n steps end over (newest - oldest) plus one step's own length.
      const double window_s = newest_s - oldest_s + device.stepMs / 1e3;
      device.tokensPerSecond = window_s > 0.0 ? tokens / window_s : 0.0;
      device.stalled = out.running && now_unix_s - newest_s > std::max(30.0, 10.0 * device.stepMs / 1e3);
      out.live.devices.insert(q(w.id), device);
    }
  }

  for (int i = 0; i < dcCount; ++i) {
    const auto& recent = dcRecent[static_cast<std::size_t>(i)];
    if (recent[4] > 0) {
      MonitorDatacenter& dc = out.datacenters[i];
      dc.compute_ms = recent[0] / recent[4];
      dc.intra_ms = recent[1] / recent[4];
      dc.inter_ms = recent[2] / recent[4];
      dc.idle_ms = recent[3] / recent[4];
    }
  }

  // Throughput per datacenter and the run's sum, over a trailing window of whole buckets of at
  // least 10 s: steps of 1-3 s falling into 2 s buckets would otherwise draw a comb. Each point
  // is at its bucket's end; the last bucket is only as long as the run has gone.
  const int window = std::max(1, static_cast<int>(std::ceil(std::max(10.0, 0.05 * out.span_s) / bucket_s)));
  TokenClock clock{t0, bucket_s, std::vector<double>(static_cast<std::size_t>(buckets), 0.0), {}};
  for (int b = 0; b < buckets; ++b) {
    for (int i = 0; i < dcCount; ++i) clock.bucketTokens[static_cast<std::size_t>(b)] += dcTokens[static_cast<std::size_t>(i)][static_cast<std::size_t>(b)];
  }
  for (int b = 0; b < buckets; ++b) {
    const int first = std::max(0, b - window + 1);
    const double end_s = b == buckets - 1 ? std::max(out.span_s, first * bucket_s + 1e-3) : (b + 1) * bucket_s;
    const double length_s = end_s - first * bucket_s;
    double sum = 0.0;
    for (int i = 0; i < dcCount; ++i) {
      double tokens = 0.0;
      for (int k = first; k <= b; ++k) tokens += dcTokens[static_cast<std::size_t>(i)][static_cast<std::size_t>(k)];
      out.datacenters[i].throughput.append({end_s, tokens / length_s});
      sum += tokens;
    }
    out.runThroughput.append({end_s, sum / length_s});
  }
  clock.cumulativeBefore.resize(clock.bucketTokens.size());
  double running = 0.0;
  for (std::size_t b = 0; b < clock.bucketTokens.size(); ++b) {
    clock.cumulativeBefore[b] = running;
    running += clock.bucketTokens[b];
  }

  // The highest step any datacenter had reached by a time: rounds on a step axis.
  std::vector<std::pair<double, double>> stepClock;  // (wall, step)
  for (int i = 0; i < dcCount; ++i) {
    MonitorDatacenter& dc = out.datacenters[i];
    for (const auto& [step, a] : dcSteps[static_cast<std::size_t>(i)]) {
      dc.trainingLoss.append({static_cast<double>(step), clock.at(a.wall_s), a.wall_s - t0, a.lossSum / a.workers});
      stepClock.emplace_back(a.wall_s, static_cast<double>(step));
    }
  }
  std::sort(stepClock.begin(), stepClock.end());
  for (std::size_t i = 1; i < stepClock.size(); ++i) stepClock[i].second = std::max(stepClock[i].second, stepClock[i - 1].second);
  auto stepAt = [&stepClock](double wall_s) {
    const auto it = std::upper_bound(stepClock.begin(), stepClock.end(), std::make_pair(wall_s, 1e300));
    return it == stepClock.begin() ? 0.0 : std::prev(it)->second;
  };

  for (const archi::ValidationRecord& v : validations_) {
    for (MonitorDatacenter& dc : out.datacenters) {
      if (dc.id.toStdString() == v.datacenter_id) {
        dc.validationLoss.append({static_cast<double>(v.step), static_cast<double>(v.tokens), v.wall_time_s - t0, v.loss});
      }
    }
  }

  // Rounds: when each ended (its slowest leader), and which datacenters took part.
  std::map<std::int64_t, double> roundEnd_s;
  std::map<std::int64_t, int> roundRows;
  for (const auto& [key, r] : rounds_) {
    double& end = roundEnd_s[key.first];
    end = std::max(end, r.wall_time_s - t0);
    ++roundRows[key.first];
  }
  for (const auto& [round, end_s] : roundEnd_s) {
    out.roundMarks.append({round, stepAt(end_s + t0), clock.at(end_s + t0), end_s});
  }

  // A leader that took part in a round alone, when there are others, was left out of it
  // (OuterSync records such a round with one participant).
  auto leftOutRow = [dcCount](const archi::OuterRound& r) { return dcCount > 1 && r.participants <= 1; };

  // Gantt per datacenter: inner steps up to its last step before the all-reduce, then waiting,
  // then the all-reduce; a round it has no row for, while others do, is a left-out period.
  for (int i = 0; i < dcCount; ++i) {
    double cursor_s = 0.0;
    std::vector<double> stepWalls;
    for (const auto& [step, a] : dcSteps[static_cast<std::size_t>(i)]) stepWalls.push_back(a.wall_s - t0);
    std::sort(stepWalls.begin(), stepWalls.end());
    for (const auto& [round, end_s] : roundEnd_s) {
      const auto own = rounds_.find({round, i});
      if (own == rounds_.end()) {
        out.gantt.append({i, MonitorGanttSegment::Kind::LeftOut, cursor_s, end_s, round, {}});
        cursor_s = std::max(cursor_s, end_s);
        continue;
      }
      const double arEnd_s = own->second.wall_time_s - t0;
      const double arStart_s = std::max(cursor_s, arEnd_s - own->second.duration_ms / 1e3);
      const auto lastStep = std::upper_bound(stepWalls.begin(), stepWalls.end(), arStart_s);
      double innerEnd_s = arStart_s;
      if (lastStep != stepWalls.begin() && *std::prev(lastStep) > cursor_s) innerEnd_s = *std::prev(lastStep);
      out.gantt.append({i, MonitorGanttSegment::Kind::InnerSteps, cursor_s, innerEnd_s, round, {}});
      if (leftOutRow(own->second)) {
        // Its leader tried the round alone and gave up: from then on it was outside the group.
        out.gantt.append({i, MonitorGanttSegment::Kind::LeftOut, innerEnd_s, arEnd_s, round, {}});
        cursor_s = std::max(cursor_s, arEnd_s);
        continue;
      }
      if (arStart_s - innerEnd_s > 0.05) out.gantt.append({i, MonitorGanttSegment::Kind::Waiting, innerEnd_s, arStart_s, round, {}});
      out.gantt.append({i, MonitorGanttSegment::Kind::AllReduce, arStart_s, arEnd_s, round, {}});
      cursor_s = arEnd_s;
    }
    if (!stepWalls.empty() && stepWalls.back() > cursor_s) {
      out.gantt.append({i, MonitorGanttSegment::Kind::InnerSteps, cursor_s, stepWalls.back(), 0, {}});
    }
  }

  // Events: the list, and fault marks on the timeline of the datacenters they concern.
  for (const archi::EventRecord& e : events_) {
    out.events.append({e.wall_time_s - t0, q(e.level), q(e.source), q(e.kind), q(e.text)});
    if (!isFaultKind(e.kind)) continue;
    std::vector<int> concerned;
    const auto worker = workerIndex_.find(e.source);
    if (worker != workerIndex_.end()) {
      concerned.push_back(workers_[static_cast<std::size_t>(worker->second)].datacenter);
    } else {
      // A launcher event names the datacenters in its fields (a cut link, a lost worker).
      for (int i = 0; i < dcCount; ++i) {
        if (e.fields.find(datacenters_[static_cast<std::size_t>(i)].id) != std::string::npos) concerned.push_back(i);
      }
    }
    for (int i : concerned) {
      out.gantt.append({i, MonitorGanttSegment::Kind::Fault, e.wall_time_s - t0, e.wall_time_s - t0, 0, q(e.text)});
    }
  }
  for (const archi::SampleRecord& s : samples_) out.samples.append({s.step, q(s.prompt), q(s.text)});

  // WAN links: the samples per link, against the bandwidth the topology gives it.
  for (const Link& link : topologyLinks_) out.links.append({q(link.a), q(link.b), link.gbit * 1e3, {}, {}});
  for (const archi::LinkSample& l : links_) {
    const QString key = LiveRunState::linkKey(q(l.link_a), q(l.link_b));
    MonitorLink* series = nullptr;
    for (MonitorLink& candidate : out.links) {
      if (LiveRunState::linkKey(candidate.a, candidate.b) == key) series = &candidate;
    }
    if (!series) {
      out.links.append({q(l.link_a), q(l.link_b), 0.0, {}, {}});
      series = &out.links.back();
    }
    series->mbitPerSecond.append({l.wall_time_s - t0, l.mbit_per_s});
    series->bytes.append({l.wall_time_s - t0, static_cast<double>(l.bytes)});
  }

  // The overlay's links and datacenters.
  for (const MonitorLink& link : out.links) {
    LiveLink live;
    live.bandwidthMbit = link.bandwidthMbit;
    if (!link.mbitPerSecond.isEmpty()) live.mbitPerSecond = link.mbitPerSecond.back().y();
    out.live.links.insert(LiveRunState::linkKey(link.a, link.b), live);
  }
  // The latest round every datacenter has written its row for (rows of one round arrive a
  // moment apart): a datacenter is not called left out while its row is on its way.
  std::int64_t latestRound = roundEnd_s.empty() ? 0 : roundEnd_s.rbegin()->first;
  for (auto it = roundRows.rbegin(); it != roundRows.rend(); ++it) {
    if (it->second == dcCount) {
      latestRound = it->first;
      break;
    }
  }
  for (int i = 0; i < dcCount; ++i) {
    LiveDatacenter live;
    for (const auto& [key, r] : rounds_) {
      if (key.second == i) live.round = std::max(live.round, static_cast<qint64>(key.first));
    }
    const auto latest = rounds_.find({latestRound, i});
    live.leftOut = latestRound > 0 && (latest == rounds_.end() || leftOutRow(latest->second));
    const QList<QPointF>& throughput = out.datacenters[i].throughput;
    if (!throughput.isEmpty()) live.tokensPerSecond = throughput.back().y();
    out.live.datacenters.insert(out.datacenters[i].id, live);
  }
  // A datacenter that an event of the latest round says was left out stays marked until it
  // takes part in a later round.
  for (const archi::EventRecord& e : events_) {
    if (e.kind != archi::toString(archi::EventKind::LeftOutOfRound)) continue;
    const auto worker = workerIndex_.find(e.source);
    if (worker == workerIndex_.end()) continue;
    const int i = workers_[static_cast<std::size_t>(worker->second)].datacenter;
    const std::int64_t round = e.event().integer("round");
    if (round >= latestRound) out.live.datacenters[out.datacenters[i].id].leftOut = true;
  }
  out.live.running = out.running;
  out.live.runName = out.runName;

  if (summary) {
    out.tokens = summary->tokens;
    out.steps = summary->steps;
    out.rounds = summary->rounds;
    out.tokensPerSecond = summary->tokens_per_s;
    out.predictedTokensPerSecond = summary->predicted_tokens_per_s;
    out.idealTokensPerSecond = summary->ideal_tokens_per_s;
    out.efficiency = summary->efficiency;
    out.finalLoss = summary->final_loss;
    out.dilation = summary->dilation;
    for (const archi::DatacenterSummary& s : summary->datacenters) {
      for (MonitorDatacenter& dc : out.datacenters) {
        if (dc.id.toStdString() != s.id) continue;
        if (dc.name == dc.id) dc.name = q(s.name);
        dc.measuredTokensPerSecond = s.tokens_per_s;
        dc.predictedTokensPerSecond = s.predicted_tokens_per_s;
      }
    }
  }
  return out;
}
