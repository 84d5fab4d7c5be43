#include "control/RunCollector.h"

#include <chrono>

#include "control/JournalRecords.h"
#include "core/RunEvents.h"
#include "core/WallClock.h"

namespace archi {
namespace {

std::string describe(StoreError::Kind kind) {
  switch (kind) {
    case StoreError::Kind::Busy: return "busy";
    case StoreError::Kind::DiskFull: return "disk-full";
    case StoreError::Kind::ReadOnly: return "read-only";
    case StoreError::Kind::Corrupt: return "corrupt";
    case StoreError::Kind::Constraint: return "constraint";
    case StoreError::Kind::NewerSchema:
    case StoreError::Kind::NotARunStore:
    case StoreError::Kind::Generic: break;
  }
  return "error";
}

template <typename T>
void moveAppend(std::vector<T>& to, std::vector<T>& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

// Appends `from` (read later) to `to`: its cursors are the newer ones.
void appendBatch(JournalBatch& to, JournalBatch&& from) {
  moveAppend(to.steps, from.steps);
  moveAppend(to.rounds, from.rounds);
  moveAppend(to.validations, from.validations);
  moveAppend(to.events, from.events);
  moveAppend(to.samples, from.samples);
  moveAppend(to.checkpoints, from.checkpoints);
  moveAppend(to.links, from.links);
  for (const auto& [stream, seq] : from.cursors) to.cursors[stream] = std::max(to.cursors[stream], seq);
}

}  // namespace

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
  if (seq <= source.cursor || full()) return;
  source.cursor = seq;
  incoming_.cursors[stream] = seq;
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
  std::optional<journal::Record> record;
  try {
    record = journal::parseRecord(line, runId_, where, fresh_);
  } catch (const std::exception& e) {  // a record is outside input: whatever it holds, the run goes on
    fresh_.error("", where + ": record skipped: " + e.what());
  }
  if (!record) return;
  DatacenterProgress& dc = progress_[source.datacenter_id];
  if (auto* step = std::get_if<StepMetric>(&*record)) {
    count(*step, source.leader, dc);
    incoming_.steps.push_back(std::move(*step));
  } else if (auto* round = std::get_if<OuterRound>(&*record)) {
    dc.rounds = std::max(dc.rounds, round->round);
    dc.wan_bytes += round->bytes_on_wire;
    incoming_.rounds.push_back(std::move(*round));
  } else if (auto* validation = std::get_if<ValidationRecord>(&*record)) {
    dc.last_val_loss = validation->loss;
    incoming_.validations.push_back(std::move(*validation));
  } else if (auto* event = std::get_if<EventRecord>(&*record)) {
    incoming_.events.push_back(std::move(*event));
  } else if (auto* sample = std::get_if<SampleRecord>(&*record)) {
    samples_.push_back(*sample);
    incoming_.samples.push_back(std::move(*sample));
  } else if (auto* checkpoint = std::get_if<CheckpointRecord>(&*record)) {
    incoming_.checkpoints.push_back(std::move(*checkpoint));
  } else if (auto* link = std::get_if<LinkSample>(&*record)) {
    incoming_.links.push_back(std::move(*link));
  }
}

void RunCollector::resume() {
  for (const auto& [stream, seq] : store_.journalCursors(runId_)) {
    Source& source = sources_[stream];
    source.cursor = seq;
    if (source.tailer) {
      const std::filesystem::path path = source.tailer->path();  // emplace destroys the old tailer first
      source.tailer.emplace(path, static_cast<std::uint64_t>(seq));
    }
  }
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
    if (!source.tailer || full()) continue;
    for (const nlohmann::json& line : source.tailer->readNew(fresh_)) absorb(source, line, source.tailer->path().string());
    // A file's cursor is its byte offset, committed with the records it covers.
    const auto offset = static_cast<std::int64_t>(source.tailer->offset());
    if (offset != source.cursor) incoming_.cursors[name] = source.cursor = offset;
  }
  for (const Diagnostic& d : fresh_.all()) {
    incoming_.events.push_back(
        EventRecord::of(runId_, unixSeconds(), "collector", events::journalProblem(EventLevel::Warning, d.message)));
    problems_.error(d.pointer, d.message);
  }
  fresh_ = Diagnostics();
  if (alerts_) {
    const double now_s = unixSeconds();
    for (const RunEvent& alert : alerts_->observe(incoming_, now_s)) {
      incoming_.events.push_back(EventRecord::of(runId_, now_s, "alerts", alert));
    }
  }
  appendBatch(pending_, std::move(incoming_));
  incoming_ = JournalBatch();
  const std::size_t stored = pending_.records();
  return commitPending() ? stored : 0;
}

void RunCollector::keep(EventRecord event) { pending_.events.push_back(std::move(event)); }

bool RunCollector::commitPending() {
  pending_.run_id = runId_;
  if (pending_.records() == 0 && pending_.cursors.empty()) return true;
  std::vector<RefusedRecord> refused;
  try {
    try {
      store_.commitJournalBatch(pending_);
    } catch (const StoreError& e) {
      if (e.kind() != StoreError::Kind::Constraint) throw;
      // Some record is refused (a CHECK, a text too long): store the others without it.
      refused = store_.commitJournalBatchSkippingRefused(pending_);
    }
  } catch (const StoreError& e) {
    noteStoreFailure(e);
    return false;
  }
  JournalBatch followUp;
  const double now_s = unixSeconds();
  if (trouble_) {
    followUp.events.push_back(EventRecord::of(
        runId_, now_s, "collector",
        events::storeWriteRecovered(now_s - trouble_->since_s, trouble_->attempts, static_cast<std::int64_t>(pending_.records()))));
    trouble_.reset();
  }
  for (const RefusedRecord& r : refused) {
    followUp.events.push_back(EventRecord::of(runId_, now_s, "collector", events::recordRefused(r.what, r.reason)));
    problems_.error("", "the store refused " + r.what + ": " + r.reason);
  }
  pending_ = std::move(followUp);
  if (!pending_.events.empty()) commitPending();  // if it fails, they wait like any batch
  return true;
}

void RunCollector::noteStoreFailure(const StoreError& error) {
  if (!trouble_) {
    trouble_ = StoreTrouble{error.kind(), error.what(), unixSeconds(), 0};
    // Stored with the batch once the store takes writes again: the outage stays on record.
    pending_.events.push_back(EventRecord::of(
        runId_, trouble_->since_s, "collector",
        events::storeWriteFailed(describe(error.kind()), error.what(), static_cast<std::int64_t>(waitingRecords()))));
  }
  ++trouble_->attempts;
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
