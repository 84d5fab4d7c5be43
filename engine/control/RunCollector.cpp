#include "control/RunCollector.h"

#include <chrono>

#include "control/JournalRecords.h"
#include "core/RunEvents.h"
#include "core/WallClock.h"

namespace archi {
double DatacenterProgress::tokensPerSecond() const {
  const double span = last_step_wall_s - first_step_wall_s;
  return span > 0.0 ? double(tokens) / span : 0.0;
}

void RunCollector::addJournal(const std::filesystem::path& path, const std::string& datacenterId, bool isLeader) {
  sources_[path.string()] = Source{JournalTailer(path), datacenterId, isLeader, 0};
  progress_[datacenterId].datacenter_id = datacenterId;
}

void RunCollector::addStream(const std::string& stream, const std::string& datacenterId, bool isLeader) {
  Source& source = sources_[stream];
  source.datacenter_id = datacenterId;
  source.leader = isLeader;
  if (!datacenterId.empty()) progress_[datacenterId].datacenter_id = datacenterId;
}

std::int64_t RunCollector::cursor(const std::string& stream) const {
  const auto it = sources_.find(stream);
  return it == sources_.end() ? 0 : it->second.cursor;
}

void RunCollector::accept(const std::string& stream, std::int64_t seq, std::string_view line) {
  // A stream nobody announced (an agent's own events) is stored under no datacenter.
  Source& source = sources_[stream];
  if (seq <= source.cursor) return;
  source.cursor = seq;
  pending_.cursors[stream] = seq;
  const std::string where = stream + " record " + std::to_string(seq);
  const auto parsed = parseJournalLine(line, where, fresh_);
  if (parsed) absorb(source, *parsed, where);
}

void RunCollector::count(const StepMetric& step, bool leader, DatacenterProgress& dc) {
  dc.tokens += step.tokens;
  // The run's clock starts when the first step began: its end minus everything it spent.
  const double stepSeconds = (step.compute_ms + step.intra_ms + step.inter_ms + step.idle_ms) / 1e3;
  if (dc.first_step_wall_s < 0.0) dc.first_step_wall_s = step.wall_time_s - stepSeconds;
  dc.last_step_wall_s = std::max(dc.last_step_wall_s, step.wall_time_s);
  if (leader) {
    dc.leader_steps = std::max(dc.leader_steps, step.step);
    dc.last_loss = step.loss;
  }
}

void RunCollector::absorb(Source& source, const nlohmann::json& line, const std::string& where) {
  auto record = journal::parseRecord(line, runId_, where, fresh_);
  if (!record) return;
  DatacenterProgress& dc = progress_[source.datacenter_id];
  if (auto* step = std::get_if<StepMetric>(&*record)) {
    count(*step, source.leader, dc);
    pending_.steps.push_back(std::move(*step));
  } else if (auto* round = std::get_if<OuterRound>(&*record)) {
    dc.rounds = std::max(dc.rounds, round->round);
    dc.wan_bytes += round->bytes_on_wire;
    pending_.rounds.push_back(std::move(*round));
  } else if (auto* validation = std::get_if<ValidationRecord>(&*record)) {
    dc.last_val_loss = validation->loss;
    pending_.validations.push_back(std::move(*validation));
  } else if (auto* event = std::get_if<EventRecord>(&*record)) {
    pending_.events.push_back(std::move(*event));
  } else if (auto* sample = std::get_if<SampleRecord>(&*record)) {
    samples_.push_back(*sample);
    pending_.samples.push_back(std::move(*sample));
  } else if (auto* checkpoint = std::get_if<CheckpointRecord>(&*record)) {
    pending_.checkpoints.push_back(std::move(*checkpoint));
  } else if (auto* link = std::get_if<LinkSample>(&*record)) {
    pending_.links.push_back(std::move(*link));
  }
}

void RunCollector::resume() {
  for (const auto& [stream, seq] : store_.journalCursors(runId_)) sources_[stream].cursor = seq;
  std::map<std::string, std::pair<std::string, bool>> workerPlace;  // worker -> datacenter, leader
  for (const WorkerRecord& w : store_.workers(runId_)) workerPlace[w.worker_id] = {w.datacenter_id, w.rank_in_dc == 0};
  for (const StepMetric& step : store_.stepMetrics(runId_)) {
    const auto& [datacenter, leader] = workerPlace[step.worker_id];
    count(step, leader, progress_[datacenter]);
  }
  for (const OuterRound& round : store_.outerRounds(runId_)) {
    DatacenterProgress& dc = progress_[round.datacenter_id];
    dc.rounds = std::max(dc.rounds, round.round);
    dc.wan_bytes += round.bytes_on_wire;
  }
  for (const ValidationRecord& v : store_.validation(runId_)) progress_[v.datacenter_id].last_val_loss = v.loss;
  samples_ = store_.samples(runId_);
}

std::size_t RunCollector::poll() {
  for (auto& [name, source] : sources_) {
    if (!source.tailer) continue;
    for (const nlohmann::json& line : source.tailer->readNew(fresh_)) absorb(source, line, source.tailer->path().string());
  }
  pending_.run_id = runId_;
  for (const Diagnostic& d : fresh_.all()) {
    pending_.events.push_back(
        EventRecord::of(runId_, unixSeconds(), "collector", events::journalProblem(EventLevel::Warning, d.message)));
    problems_.error(d.pointer, d.message);
  }
  fresh_ = Diagnostics();
  if (alerts_) {
    const double now_s = unixSeconds();
    for (const RunEvent& alert : alerts_->observe(pending_, now_s)) {
      pending_.events.push_back(EventRecord::of(runId_, now_s, "alerts", alert));
    }
  }
  const std::size_t stored = pending_.records();
  store_.commitJournalBatch(pending_);
  pending_ = JournalBatch();
  return stored;
}

std::int64_t RunCollector::totalTokens() const {
  std::int64_t total = 0;
  for (const auto& [id, dc] : progress_) total += dc.tokens;
  return total;
}

std::int64_t RunCollector::totalWanBytes() const {
  std::int64_t total = 0;
  for (const auto& [id, dc] : progress_) total += dc.wan_bytes;
  return total;
}

}  // namespace archi
