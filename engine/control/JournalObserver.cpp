#include "control/JournalObserver.h"

#include <algorithm>

#include "control/JournalRecords.h"
#include "core/WallClock.h"

namespace archi {

void JournalObserver::onStep(const WorkerStepReport& r) {
  journal_.append(journal::stepRecord({0, spec_.worker_id, r.step, r.wall_time_s, r.tokens, r.loss, r.compute_ms,
                                       r.intra_ms, r.inter_ms, r.idle_ms}));
  logger_->debug("step {} loss {:.4f} lr {:.2e} grad_norm {:.3f} compute {:.0f} ms intra {:.0f} ms idle {:.0f} ms", r.step,
                 r.loss, r.learning_rate, r.grad_norm, r.compute_ms, r.intra_ms, r.idle_ms);
}

void JournalObserver::onRound(const WorkerRoundReport& r) {
  journal_.append(journal::roundRecord({0, r.round, spec_.datacenter_id, r.wall_time_s, r.inner_steps, r.tokens,
                                        static_cast<std::int64_t>(r.bytes_on_wire), r.compression_ratio, r.duration_ms,
                                        r.participants}));
  // Each peer's traffic as a link sample, named by datacenter as the project draws the link.
  const double seconds = r.duration_ms / 1e3;
  for (const comm::PeerTraffic& peer : r.peers) {
    const auto leader = std::find_if(spec_.leaders.begin(), spec_.leaders.end(),
                                     [&](const LeaderPeer& l) { return l.name == peer.name; });
    if (leader == spec_.leaders.end() || seconds <= 0.0) continue;
    const double mbit = static_cast<double>(peer.bytesSent) * 8.0 / seconds / 1e6;
    journal_.append(journal::linkRecord({0, spec_.datacenter_id, leader->datacenter_id, r.wall_time_s,
                                         static_cast<std::int64_t>(peer.bytesSent), mbit, 0.0}));
  }
  logger_->info("round {}: {} inner steps, {} tokens here, {} in the run; {} bytes on the WAN ({:.2f} of fp32) in {:.0f} ms; "
                "{} participants; next time box {:.1f} s",
                r.round, r.inner_steps, r.tokens, r.global_tokens, r.bytes_on_wire, r.compression_ratio, r.duration_ms,
                r.participants, r.next_round_target_s);
}

void JournalObserver::onValidation(std::int64_t step, std::int64_t round, std::int64_t tokens, double loss) {
  journal_.append(journal::validationRecord({0, spec_.datacenter_id, step, round, unixSeconds(), tokens, loss}));
  logger_->info("validation loss {:.4f} at step {} (round {}, {} tokens)", loss, step, round, tokens);
}

void JournalObserver::onEvent(const RunEvent& event) {
  const EventRecord record = EventRecord::of(std::nullopt, unixSeconds(), spec_.worker_id, event);
  journal_.append(journal::eventRecord(record));
  logger_->info("{}", record.text);
}

void JournalObserver::onSample(std::int64_t step, const std::string& prompt, const std::string& text) {
  journal_.append(journal::sampleRecord({0, step, prompt, text}));
}

void JournalObserver::onCheckpoint(std::int64_t step, const std::filesystem::path& path, const std::string& sha,
                                   std::int64_t bytes) {
  journal_.append(journal::checkpointRecord({0, step, path.string(), sha, bytes, unixSeconds()}));
  logger_->info("checkpoint {} at step {} ({} bytes, sha256 {})", path.string(), step, bytes, sha);
}

}  // namespace archi
