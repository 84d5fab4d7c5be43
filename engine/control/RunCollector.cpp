#include "control/RunCollector.h"

#include <chrono>

#include "control/JournalRecords.h"
#include "core/WallClock.h"
#include "core/RunEvents.h"

namespace archi {
double DatacenterProgress::tokensPerSecond() const {
  const double span = last_step_wall_s - first_step_wall_s;
  return span > 0.0 ? double(tokens) / span : 0.0;
}

void RunCollector::addJournal(const std::filesystem::path& path, const std::string& datacenterId, bool isLeader) {
  sources_.push_back({JournalTailer(path), datacenterId, isLeader});
  progress_[datacenterId].datacenter_id = datacenterId;
}

std::size_t RunCollector::poll() {
  std::vector<StepMetric> steps;
  std::vector<OuterRound> rounds;
  std::vector<EventRecord> events;
  std::vector<ValidationRecord> validations;
  std::vector<SampleRecord> samples;
  std::vector<CheckpointRecord> checkpoints;
  Diagnostics fresh;
  for (Source& source : sources_) {
    DatacenterProgress& dc = progress_[source.datacenter_id];
    for (const nlohmann::json& line : source.tailer.readNew(fresh)) {
      auto record = journal::parseRecord(line, runId_, source.tailer.path().string(), fresh);
      if (!record) continue;
      if (auto* step = std::get_if<StepMetric>(&*record)) {
        dc.tokens += step->tokens;
        // The run's clock starts when the first step began: its end minus everything it spent.
        const double stepSeconds = (step->compute_ms + step->intra_ms + step->inter_ms + step->idle_ms) / 1e3;
        if (dc.first_step_wall_s < 0.0) dc.first_step_wall_s = step->wall_time_s - stepSeconds;
        dc.last_step_wall_s = std::max(dc.last_step_wall_s, step->wall_time_s);
        if (source.leader) {
          dc.leader_steps = std::max(dc.leader_steps, step->step);
          dc.last_loss = step->loss;
        }
        steps.push_back(std::move(*step));
      } else if (auto* round = std::get_if<OuterRound>(&*record)) {
        dc.rounds = std::max(dc.rounds, round->round);
        dc.wan_bytes += round->bytes_on_wire;
        rounds.push_back(std::move(*round));
      } else if (auto* validation = std::get_if<ValidationRecord>(&*record)) {
        dc.last_val_loss = validation->loss;
        validations.push_back(std::move(*validation));
      } else if (auto* event = std::get_if<EventRecord>(&*record)) {
        events.push_back(std::move(*event));
      } else if (auto* sample = std::get_if<SampleRecord>(&*record)) {
        samples.push_back(std::move(*sample));
      } else if (auto* checkpoint = std::get_if<CheckpointRecord>(&*record)) {
        checkpoints.push_back(std::move(*checkpoint));
      }
    }
  }
  for (const Diagnostic& d : fresh.all()) {
    events.push_back(EventRecord::of(runId_, unixSeconds(), "collector", events::journalProblem(EventLevel::Warning, d.message)));
    problems_.error(d.pointer, d.message);
  }
  store_.insertStepMetrics(steps);
  store_.insertOuterRounds(rounds);
  for (const ValidationRecord& v : validations) store_.addValidation(v);
  for (const EventRecord& e : events) store_.addEvent(e);
  for (const SampleRecord& s : samples) {
    store_.addSample(s);
    samples_.push_back(s);
  }
  for (const CheckpointRecord& c : checkpoints) store_.addCheckpoint(c);
  return steps.size() + rounds.size() + validations.size() + events.size() + samples.size() + checkpoints.size();
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
