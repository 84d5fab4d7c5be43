#include "core/RunEvent.h"

#include <fmt/core.h>

#include <array>
#include <cmath>
#include <utility>

#include "core/RunEvents.h"

namespace archi {
namespace {

constexpr std::array<std::pair<EventKind, std::string_view>, 53> kKindNames{{
    {EventKind::Note, "note"},
    {EventKind::WorkerStarting, "worker-starting"},
    {EventKind::WorkerStoppedBeforeGroup, "worker-stopped-before-group"},
    {EventKind::WorkerDone, "worker-done"},
    {EventKind::WorkerFailed, "worker-failed"},
    {EventKind::DatacenterReady, "datacenter-ready"},
    {EventKind::DatacenterGroupFailed, "datacenter-group-failed"},
    {EventKind::RegroupSyncFailed, "regroup-sync-failed"},
    {EventKind::DatacenterLeaderRejoined, "datacenter-leader-rejoined"},
    {EventKind::WorkerLost, "worker-lost"},
    {EventKind::WorkerRejoined, "worker-rejoined"},
    {EventKind::DatacenterRegrouped, "datacenter-regrouped"},
    {EventKind::LeaderTookDatacenterState, "leader-took-datacenter-state"},
    {EventKind::EmulatedThrottle, "emulated-throttle"},
    {EventKind::SharesRebalanced, "shares-rebalanced"},
    {EventKind::WanTransport, "wan-transport"},
    {EventKind::WanEmulation, "wan-emulation"},
    {EventKind::WanGroupFormed, "wan-group-formed"},
    {EventKind::WanGroupLeftOut, "wan-group-left-out"},
    {EventKind::OuterRoundFailed, "outer-round-failed"},
    {EventKind::OuterRoundRecovered, "outer-round-recovered"},
    {EventKind::ContributionAlreadyMerged, "contribution-already-merged"},
    {EventKind::LeftOutOfRound, "left-out-of-round"},
    {EventKind::WanExchangeFailed, "wan-exchange-failed"},
    {EventKind::DdpAllReduceFailed, "ddp-all-reduce-failed"},
    {EventKind::StateShareFailed, "state-share-failed"},
    {EventKind::GlobalStateTaken, "global-state-taken"},
    {EventKind::RunLaunched, "run-launched"},
    {EventKind::WorkerExitedAfterRun, "worker-exited-after-run"},
    {EventKind::WorkerGaveUp, "worker-gave-up"},
    {EventKind::WorkerRestarting, "worker-restarting"},
    {EventKind::WorkerRestarted, "worker-restarted"},
    {EventKind::FaultInjected, "fault-injected"},
    {EventKind::FaultSkipped, "fault-skipped"},
    {EventKind::LinkRestored, "link-restored"},
    {EventKind::StopRequested, "stop-requested"},
    {EventKind::RunAttached, "run-attached"},
    {EventKind::CheckpointRestored, "checkpoint-restored"},
    {EventKind::CheckpointSkipped, "checkpoint-skipped"},
    {EventKind::RunResumed, "run-resumed"},
    {EventKind::WorkersKilled, "workers-killed"},
    {EventKind::JournalProblem, "journal-problem"},
    {EventKind::AgentWorkerStarted, "agent-worker-started"},
    {EventKind::AgentWorkerEnded, "agent-worker-ended"},
    {EventKind::AlertLossSpike, "alert-loss-spike"},
    {EventKind::AlertStall, "alert-stall"},
    {EventKind::AlertThroughput, "alert-throughput"},
    {EventKind::AlertLink, "alert-link"},
    {EventKind::StoreWriteFailed, "store-write-failed"},
    {EventKind::StoreWriteRecovered, "store-write-recovered"},
    {EventKind::RecordRefused, "record-refused"},
    {EventKind::LauncherLost, "launcher-lost"},
    {EventKind::CertificateRenewed, "certificate-renewed"},
}};

constexpr std::array<std::pair<EventLevel, std::string_view>, 4> kLevelNames{{
    {EventLevel::Debug, "debug"},
    {EventLevel::Info, "info"},
    {EventLevel::Warning, "warning"},
    {EventLevel::Error, "error"},
}};

RunEvent make(EventKind kind, EventLevel level, nlohmann::json fields) {
  return RunEvent{kind, level, std::move(fields)};
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace

std::string_view toString(EventKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "note";
}

std::optional<EventKind> parseEventKind(std::string_view text) {
  for (const auto& [kind, name] : kKindNames) {
    if (name == text) return kind;
  }
  return std::nullopt;
}

std::string_view toString(EventLevel level) {
  for (const auto& [l, name] : kLevelNames) {
    if (l == level) return name;
  }
  return "info";
}

std::optional<EventLevel> parseEventLevel(std::string_view text) {
  for (const auto& [level, name] : kLevelNames) {
    if (name == text) return level;
  }
  return std::nullopt;
}

std::string RunEvent::text(const char* field) const {
  const auto it = fields.find(field);
  return it != fields.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::int64_t RunEvent::integer(const char* field) const {
  const auto it = fields.find(field);
  return it != fields.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

double RunEvent::number(const char* field) const {
  const auto it = fields.find(field);
  return it != fields.end() && it->is_number() ? it->get<double>() : 0.0;
}

std::vector<std::string> RunEvent::names(const char* field) const {
  std::vector<std::string> out;
  const auto it = fields.find(field);
  if (it == fields.end() || !it->is_array()) return out;
  for (const auto& item : *it) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

namespace events {

RunEvent note(EventLevel level, const std::string& text) { return make(EventKind::Note, level, {{"text", text}}); }

RunEvent workerStarting(const std::string& worker, const std::string& deviceType, int rank, int worldSize,
                        const std::string& datacenter, bool emulated, double paceTokensPerS) {
  return make(EventKind::WorkerStarting, EventLevel::Info,
              {{"worker", worker}, {"device_type", deviceType}, {"rank", rank}, {"world_size", worldSize},
               {"datacenter", datacenter}, {"emulated", emulated}, {"pace_tokens_per_s", paceTokensPerS}});
}
RunEvent workerStoppedBeforeGroup(const std::string& worker) {
  return make(EventKind::WorkerStoppedBeforeGroup, EventLevel::Info, {{"worker", worker}});
}
RunEvent workerDone(const std::string& worker, std::int64_t steps, std::int64_t rounds, std::int64_t runTokens,
                    bool stoppedOnRequest) {
  return make(EventKind::WorkerDone, EventLevel::Info,
              {{"worker", worker}, {"steps", steps}, {"rounds", rounds}, {"run_tokens", runTokens},
               {"stopped_on_request", stoppedOnRequest}});
}
RunEvent workerFailed(const std::string& worker, const std::string& reason) {
  return make(EventKind::WorkerFailed, EventLevel::Error, {{"worker", worker}, {"reason", reason}});
}
RunEvent datacenterReady(const std::string& datacenter, int workers, std::int64_t sequences, int contextTokens,
                         int datacenters, const std::string& sync, bool paced) {
  return make(EventKind::DatacenterReady, EventLevel::Info,
              {{"datacenter", datacenter}, {"workers", workers}, {"sequences", sequences}, {"context_tokens", contextTokens},
               {"datacenters", datacenters}, {"sync", sync}, {"paced", paced}});
}

RunEvent datacenterGroupFailed(std::int64_t step, const std::string& reason) {
  return make(EventKind::DatacenterGroupFailed, EventLevel::Warning, {{"step", step}, {"reason", reason}});
}
RunEvent regroupSyncFailed(std::int64_t generation, const std::string& reason) {
  return make(EventKind::RegroupSyncFailed, EventLevel::Warning, {{"generation", generation}, {"reason", reason}});
}
RunEvent datacenterLeaderRejoined(std::int64_t step, double cost_s, int workers) {
  return make(EventKind::DatacenterLeaderRejoined, EventLevel::Warning, {{"step", step}, {"cost_s", cost_s}, {"workers", workers}});
}
RunEvent workerLost(const std::string& worker, std::int64_t step, int workers, std::int64_t sequences, double regroup_s) {
  return make(EventKind::WorkerLost, EventLevel::Warning,
              {{"worker", worker}, {"step", step}, {"workers", workers}, {"sequences", sequences}, {"cost_s", regroup_s}});
}
RunEvent workerRejoined(const std::string& worker, std::int64_t step, double down_s, double regroup_s, int workers,
                        std::int64_t sequences) {
  nlohmann::json fields = {{"worker", worker}, {"step", step}, {"cost_s", regroup_s}, {"workers", workers}, {"sequences", sequences}};
  if (down_s >= 0.0) fields["down_s"] = down_s;
  return make(EventKind::WorkerRejoined, EventLevel::Info, std::move(fields));
}
RunEvent datacenterRegrouped(std::int64_t step, int workers, double regroup_s) {
  return make(EventKind::DatacenterRegrouped, EventLevel::Warning, {{"step", step}, {"workers", workers}, {"cost_s", regroup_s}});
}
RunEvent leaderTookDatacenterState(const std::string& leader, std::int64_t step, const std::string& source, bool parametersToo,
                                   int workers) {
  return make(EventKind::LeaderTookDatacenterState, EventLevel::Warning,
              {{"worker", leader}, {"step", step}, {"source", source}, {"parameters", parametersToo}, {"workers", workers}});
}
RunEvent emulatedThrottle(const std::string& worker, double tokensPerS, double factor) {
  return make(EventKind::EmulatedThrottle, EventLevel::Warning,
              {{"worker", worker}, {"tokens_per_s", tokensPerS}, {"factor", factor}, {"emulated", true}});
}
RunEvent sharesRebalanced(std::int64_t step, const std::vector<ShareMove>& moves, const std::string& device,
                          double measuredTokensPerS, double plannedTokensPerS) {
  nlohmann::json list = nlohmann::json::array();
  for (const ShareMove& move : moves) list.push_back({{"worker", move.worker}, {"from", move.from}, {"to", move.to}});
  nlohmann::json fields = {{"step", step}, {"moves", list}};
  if (!device.empty()) {
    fields["device"] = device;
    fields["measured_tokens_per_s"] = measuredTokensPerS;
    fields["planned_tokens_per_s"] = plannedTokensPerS;
  }
  return make(EventKind::SharesRebalanced, EventLevel::Info, std::move(fields));
}

RunEvent wanTransport(int leaders, int streamsPerPeer, double roundTimeout_s, const std::string& cutsFile) {
  return make(EventKind::WanTransport, EventLevel::Info,
              {{"leaders", leaders}, {"streams_per_peer", streamsPerPeer}, {"round_timeout_s", roundTimeout_s},
               {"cuts_file", cutsFile}});
}
RunEvent wanEmulation(const std::string& links) {
  return make(EventKind::WanEmulation, EventLevel::Info, {{"links", links}, {"emulated", true}});
}
RunEvent wanGroupFormed(const std::string& why, const std::vector<std::string>& members, const std::vector<std::string>& leftOut,
                        std::uint64_t epoch, bool fullGroup, double cost_s, double outside_s, int knocks) {
  return make(EventKind::WanGroupFormed, fullGroup ? EventLevel::Info : EventLevel::Warning,
              {{"why", why}, {"members", members}, {"left_out", leftOut}, {"epoch", epoch}, {"cost_s", cost_s},
               {"outside_s", outside_s}, {"knocks", knocks}});
}
RunEvent wanGroupLeftOut(const std::string& why, int quorum, const std::vector<std::string>& outside,
                         const std::string& disagreement, double cost_s) {
  return make(EventKind::WanGroupLeftOut, EventLevel::Warning,
              {{"why", why}, {"quorum", quorum}, {"outside", outside}, {"disagreement", disagreement}, {"cost_s", cost_s}});
}
RunEvent outerRoundFailed(std::int64_t round, double cost_s, const std::string& reason) {
  return make(EventKind::OuterRoundFailed, EventLevel::Warning, {{"round", round}, {"cost_s", cost_s}, {"reason", reason}});
}
RunEvent outerRoundRecovered(std::int64_t round, int leaders, double cost_s, const std::string& reason) {
  return make(EventKind::OuterRoundRecovered, EventLevel::Warning,
              {{"round", round}, {"leaders", leaders}, {"cost_s", cost_s}, {"reason", reason}});
}
RunEvent contributionAlreadyMerged(std::int64_t round, std::uint64_t adoptedVersion, std::uint64_t contributionVersion) {
  return make(EventKind::ContributionAlreadyMerged, EventLevel::Info,
              {{"round", round}, {"version", adoptedVersion}, {"contribution_version", contributionVersion}});
}
RunEvent leftOutOfRound(std::int64_t round, bool noQuorum, std::int64_t tokens) {
  return make(EventKind::LeftOutOfRound, EventLevel::Warning, {{"round", round}, {"no_quorum", noQuorum}, {"tokens", tokens}});
}
RunEvent wanExchangeFailed(std::int64_t round, const std::string& reason) {
  return make(EventKind::WanExchangeFailed, EventLevel::Warning, {{"round", round}, {"reason", reason}});
}
RunEvent ddpAllReduceFailed(const std::string& reason) {
  return make(EventKind::DdpAllReduceFailed, EventLevel::Warning, {{"reason", reason}});
}
RunEvent stateShareFailed(const std::string& reason) {
  return make(EventKind::StateShareFailed, EventLevel::Warning, {{"reason", reason}});
}
RunEvent globalStateTaken(const std::string& source, std::uint64_t version, std::uint64_t ownVersion, std::uint64_t runTokens,
                          std::int64_t carriedTokens) {
  return make(EventKind::GlobalStateTaken, EventLevel::Info,
              {{"source", source}, {"version", version}, {"own_version", ownVersion}, {"run_tokens", runTokens},
               {"carried_tokens", carriedTokens}});
}

RunEvent runLaunched(const std::string& text) { return make(EventKind::RunLaunched, EventLevel::Info, {{"text", text}}); }
RunEvent workerExitedAfterRun(const std::string& worker, const std::string& how, const std::string& log) {
  return make(EventKind::WorkerExitedAfterRun, EventLevel::Warning, {{"worker", worker}, {"how", how}, {"log", log}});
}
RunEvent workerGaveUp(const std::string& worker, const std::string& text) {
  return make(EventKind::WorkerGaveUp, EventLevel::Error, {{"worker", worker}, {"text", text}});
}
RunEvent workerRestarting(const std::string& worker, const std::string& how, int attempt, double delay_s, const std::string& log) {
  return make(EventKind::WorkerRestarting, EventLevel::Warning,
              {{"worker", worker}, {"how", how}, {"attempt", attempt}, {"delay_s", delay_s}, {"log", log}});
}
RunEvent workerRestarted(const std::string& worker, int attempt, const std::string& datacenter) {
  return make(EventKind::WorkerRestarted, EventLevel::Info, {{"worker", worker}, {"attempt", attempt}, {"datacenter", datacenter}});
}
RunEvent faultInjected(const std::string& fault, const std::string& effect) {
  return make(EventKind::FaultInjected, EventLevel::Warning, {{"fault", fault}, {"effect", effect}});
}
RunEvent faultSkipped(const std::string& fault, const std::string& why) {
  return make(EventKind::FaultSkipped, EventLevel::Warning, {{"fault", fault}, {"why", why}});
}
RunEvent agentWorkerStarted(const std::string& worker, std::int64_t pid, bool adopted) {
  return make(EventKind::AgentWorkerStarted, EventLevel::Info, {{"worker", worker}, {"pid", pid}, {"adopted", adopted}});
}
RunEvent agentWorkerEnded(const std::string& worker, const std::string& how, bool success) {
  return make(EventKind::AgentWorkerEnded, success ? EventLevel::Info : EventLevel::Warning,
              {{"worker", worker}, {"how", how}, {"success", success}});
}
RunEvent linkRestored(const std::string& a, const std::string& b) {
  return make(EventKind::LinkRestored, EventLevel::Info, {{"a", a}, {"b", b}, {"emulated", true}});
}
RunEvent checkpointRestored(const std::string& datacenter, std::int64_t round, std::uint64_t version, std::int64_t step,
                            std::int64_t runTokens, const std::string& path) {
  return make(EventKind::CheckpointRestored, EventLevel::Info,
              {{"datacenter", datacenter}, {"round", round}, {"version", version}, {"step", step}, {"run_tokens", runTokens},
               {"path", path}});
}
RunEvent checkpointSkipped(const std::string& datacenter, const std::string& reason) {
  return make(EventKind::CheckpointSkipped, EventLevel::Warning, {{"datacenter", datacenter}, {"reason", reason}});
}
RunEvent runResumed(const std::string& run, const std::string& checkpoints) {
  return make(EventKind::RunResumed, EventLevel::Info, {{"run", run}, {"checkpoints", checkpoints}});
}
RunEvent runAttached(const std::string& run) { return make(EventKind::RunAttached, EventLevel::Info, {{"run", run}}); }
RunEvent stopRequested() { return make(EventKind::StopRequested, EventLevel::Info, nlohmann::json::object()); }
RunEvent workersKilled() { return make(EventKind::WorkersKilled, EventLevel::Warning, nlohmann::json::object()); }
RunEvent storeWriteFailed(const std::string& problem, const std::string& reason, std::int64_t recordsWaiting) {
  return make(EventKind::StoreWriteFailed, EventLevel::Error,
              {{"problem", problem}, {"reason", reason}, {"records_waiting", recordsWaiting}});
}
RunEvent storeWriteRecovered(double down_s, std::int64_t attempts, std::int64_t records) {
  return make(EventKind::StoreWriteRecovered, EventLevel::Info, {{"down_s", down_s}, {"attempts", attempts}, {"records", records}});
}
RunEvent recordRefused(const std::string& record, const std::string& reason) {
  return make(EventKind::RecordRefused, EventLevel::Warning, {{"record", record}, {"reason", reason}});
}
RunEvent launcherLost(std::int64_t pid, const std::string& host, double leaseTaken_s) {
  return make(EventKind::LauncherLost, EventLevel::Error, {{"pid", pid}, {"host", host}, {"lease_taken_s", leaseTaken_s}});
}
RunEvent certificateRenewed(const std::string& leader, double validFor_s) {
  return make(EventKind::CertificateRenewed, EventLevel::Info, {{"leader", leader}, {"valid_for_s", validFor_s}});
}
RunEvent journalProblem(EventLevel level, const std::string& text) {
  return make(EventKind::JournalProblem, level, {{"text", text}});
}
RunEvent alertLossSpike(const std::string& worker, std::int64_t step, double loss, double z) {
  // JSON has no NaN: a loss that is not finite is stored as null, and z with it.
  nlohmann::json fields{{"worker", worker}, {"step", step}, {"loss", nullptr}, {"z", nullptr}};
  if (std::isfinite(loss)) {
    fields["loss"] = loss;
    fields["z"] = z;
  }
  return make(EventKind::AlertLossSpike, EventLevel::Warning, std::move(fields));
}
RunEvent alertStall(const std::string& worker, std::int64_t lastStep, double seconds) {
  return make(EventKind::AlertStall, EventLevel::Warning, {{"worker", worker}, {"step", lastStep}, {"seconds", seconds}});
}
RunEvent alertThroughput(double percentOfPlan, int rounds, double tokensPerS, double plannedTokensPerS) {
  return make(EventKind::AlertThroughput, EventLevel::Warning,
              {{"percent_of_plan", percentOfPlan}, {"rounds", rounds}, {"tokens_per_s", tokensPerS},
               {"planned_tokens_per_s", plannedTokensPerS}});
}
RunEvent alertLink(const std::string& from, const std::string& to, std::int64_t round, double percentOfBandwidth,
                   double mbitPerS) {
  return make(EventKind::AlertLink, EventLevel::Warning,
              {{"link", from + "/" + to}, {"from", from}, {"to", to}, {"round", round},
               {"percent_of_bandwidth", percentOfBandwidth}, {"mbit_per_s", mbitPerS}});
}

}  // namespace events

std::string renderEvent(const RunEvent& e) {
  switch (e.kind) {
    case EventKind::Note:
    case EventKind::RunLaunched:
    case EventKind::WorkerGaveUp:
    case EventKind::JournalProblem:
      return e.text("text");
    case EventKind::WorkerStarting: {
      std::string emulated;
      if (e.fields.value("emulated", false)) {
        emulated = fmt::format(" (emulated: computes on this CPU, paced to {:.0f} tok/s)", e.number("pace_tokens_per_s"));
      }
      return fmt::format("worker {} starting: {} rank {}/{} in {}{}", e.text("worker"), e.text("device_type"), e.integer("rank"),
                         e.integer("world_size"), e.text("datacenter"), emulated);
    }
    case EventKind::WorkerStoppedBeforeGroup:
      return fmt::format("worker {} stopped before its datacenter's group formed", e.text("worker"));
    case EventKind::WorkerDone:
      return fmt::format("worker {} done: {} steps, {} rounds, {} tokens in the run{}", e.text("worker"), e.integer("steps"),
                         e.integer("rounds"), e.integer("run_tokens"),
                         e.fields.value("stopped_on_request", false) ? " (stopped on request)" : "");
    case EventKind::WorkerFailed:
      return fmt::format("worker {} failed: {}", e.text("worker"), e.text("reason"));
    case EventKind::DatacenterReady:
      return fmt::format("{} worker(s) in {}, {} sequences of {} tokens per step; {} datacenter(s); sync {}{}", e.integer("workers"),
                         e.text("datacenter"), e.integer("sequences"), e.integer("context_tokens"), e.integer("datacenters"),
                         e.text("sync"), e.fields.value("paced", false) ? "; emulated device pacing on" : "");
    case EventKind::DatacenterGroupFailed:
      return fmt::format("datacenter group failed at step {}: {}; regrouping", e.integer("step"), e.text("reason"));
    case EventKind::RegroupSyncFailed:
      return fmt::format("regroup into generation {} failed while syncing state: {}; regrouping again", e.integer("generation"),
                         e.text("reason"));
    case EventKind::DatacenterLeaderRejoined:
      return fmt::format("datacenter leader lost at step {}: re-joined its restarted leader after {:.1f} s with {} workers",
                         e.integer("step"), e.number("cost_s"), e.integer("workers"));
    case EventKind::WorkerLost:
      return fmt::format("worker {} lost at step {}: datacenter continues with {} workers, {} sequences per step (regroup took "
                         "{:.1f} s)",
                         e.text("worker"), e.integer("step"), e.integer("workers"), e.integer("sequences"), e.number("cost_s"));
    case EventKind::WorkerRejoined: {
      const std::string down =
          e.has("down_s") ? fmt::format("down for {:.1f} s", e.number("down_s")) : std::string("down for an unknown time");
      return fmt::format("worker {} re-joined at step {} ({}; regroup took {:.1f} s); {} workers, {} sequences per step",
                         e.text("worker"), e.integer("step"), down, e.number("cost_s"), e.integer("workers"), e.integer("sequences"));
    }
    case EventKind::DatacenterRegrouped:
      return fmt::format("datacenter regrouped at step {} with the same {} workers (regroup took {:.1f} s)", e.integer("step"),
                         e.integer("workers"), e.number("cost_s"));
    case EventKind::LeaderTookDatacenterState:
      return fmt::format("leader {} (re)started and took the datacenter's state at step {} from worker {} (step, AdamW moments, "
                         "data cursor{}); {} workers",
                         e.text("worker"), e.integer("step"), e.text("source"),
                         e.fields.value("parameters", false) ? ", parameters; outer momentum reset" : "", e.integer("workers"));
    case EventKind::EmulatedThrottle:
      return fmt::format("emulated throttle: worker {} now paced to {:.0f} tok/s ({:g}× its device's pace)", e.text("worker"),
                         e.number("tokens_per_s"), e.number("factor"));
    case EventKind::SharesRebalanced: {
      std::string moves;
      for (const auto& move : e.fields.value("moves", nlohmann::json::array())) {
        moves += fmt::format("{}{}:{}→{}", moves.empty() ? "" : ", ", move.value("worker", ""), move.value("from", 0),
                             move.value("to", 0));
      }
      const std::string cause = e.has("device") ? fmt::format("device {} measured {:.0f} tok/s, planned {:.0f}", e.text("device"),
                                                              e.number("measured_tokens_per_s"), e.number("planned_tokens_per_s"))
                                                : std::string();
      return fmt::format("re-balanced shares at step {}: {} ({})", e.integer("step"), moves, cause);
    }
    case EventKind::WanTransport: {
      const std::string cuts = e.text("cuts_file");
      return fmt::format("WAN: {} datacenter leaders over TLS 1.3, {} stream(s) per peer; a leader missing a round for {:.0f} s "
                         "is left out of it{}",
                         e.integer("leaders"), e.integer("streams_per_peer"), e.number("round_timeout_s"),
                         cuts.empty() ? "" : "; emulated link cuts (fault injection) read from " + cuts);
    }
    case EventKind::WanEmulation:
      return "WAN emulation (emulated, user space): sends shaped to " + e.text("links");
    case EventKind::WanGroupFormed: {
      const std::vector<std::string> members = e.names("members");
      const std::vector<std::string> leftOut = e.names("left_out");
      std::string text = fmt::format("WAN group ({}): group of {} leaders ({})", e.text("why"), members.size(), joined(members));
      if (!leftOut.empty()) text += "; left out: " + joined(leftOut);
      text += fmt::format(" in {:.1f} s", e.number("cost_s"));
      if (e.number("outside_s") > 0.0) text += fmt::format("; back in after {:.1f} s outside", e.number("outside_s"));
      if (e.integer("knocks") > 0) text += fmt::format("; {} leader(s) knocked meanwhile", e.integer("knocks"));
      return text;
    }
    case EventKind::WanGroupLeftOut: {
      std::string text = fmt::format("WAN group ({}): no group with a quorum of {} leaders includes this one", e.text("why"),
                                     e.integer("quorum"));
      const std::vector<std::string> outside = e.names("outside");
      if (!outside.empty()) text += "; outside: " + joined(outside);
      if (!e.text("disagreement").empty()) text += "; the leaders disagreed: " + e.text("disagreement");
      return text + fmt::format(" after {:.1f} s; this datacenter trains on alone", e.number("cost_s"));
    }
    case EventKind::OuterRoundFailed:
      return fmt::format("outer round {}: WAN all-reduce failed after {:.1f} s: {}; re-forming among the reachable leaders",
                         e.integer("round"), e.number("cost_s"), e.text("reason"));
    case EventKind::OuterRoundRecovered:
      return fmt::format("outer round {} completed by {} leader(s) after a WAN fault; the fault cost {:.1f} s ({})",
                         e.integer("round"), e.integer("leaders"), e.number("cost_s"), e.text("reason"));
    case EventKind::ContributionAlreadyMerged:
      return fmt::format("outer round {}: the global state taken from a peer (outer step {}) already holds this datacenter's "
                         "contribution from outer step {}; not applied again",
                         e.integer("round"), e.integer("version"), e.integer("contribution_version"));
    case EventKind::LeftOutOfRound:
      return fmt::format("left out of outer round {}: {}; training on locally ({} tokens to contribute when back)",
                         e.integer("round"),
                         e.fields.value("no_quorum", false) ? "no group with a quorum of leaders is reachable"
                                                            : "the round failed three times",
                         e.integer("tokens"));
    case EventKind::WanExchangeFailed:
      return fmt::format("round {}: WAN exchange failed: {}; re-forming", e.integer("round"), e.text("reason"));
    case EventKind::DdpAllReduceFailed:
      return fmt::format("ddp WAN all-reduce failed: {}; re-forming", e.text("reason"));
    case EventKind::StateShareFailed:
      return fmt::format("sharing the global state failed: {}; re-forming at the next round", e.text("reason"));
    case EventKind::GlobalStateTaken:
      return fmt::format("took the global state from leader {} (outer step {} where this leader had {}, {} tokens in the run); {} "
                         "tokens of our own progress carried over",
                         e.text("source"), e.integer("version"), e.integer("own_version"), e.integer("run_tokens"),
                         e.integer("carried_tokens"));
    case EventKind::WorkerExitedAfterRun:
      return fmt::format("worker {} {} after its datacenter's run ended (log: {})", e.text("worker"), e.text("how"), e.text("log"));
    case EventKind::WorkerRestarting:
      return fmt::format("worker {} {}; restarting (attempt {}) in {:g} s (log: {})", e.text("worker"), e.text("how"),
                         e.integer("attempt"), e.number("delay_s"), e.text("log"));
    case EventKind::WorkerRestarted:
      return fmt::format("worker {} restarted (attempt {}); it re-joins {}", e.text("worker"), e.integer("attempt"),
                         e.text("datacenter"));
    case EventKind::FaultInjected:
      return "fault injection: " + e.text("fault") + e.text("effect");
    case EventKind::FaultSkipped:
      return "fault injection: " + e.text("fault") + " skipped: " + e.text("why");
    case EventKind::AgentWorkerStarted:
      return fmt::format("worker {} {} (pid {})", e.text("worker"), e.fields.value("adopted", false) ? "adopted after an agent restart" : "started",
                         e.integer("pid"));
    case EventKind::AgentWorkerEnded:
      return "worker " + e.text("worker") + " " + e.text("how");
    case EventKind::LinkRestored:
      return "fault injection: the WAN link " + e.text("a") + "–" + e.text("b") + " carries traffic again (emulated cut ended)";
    case EventKind::StopRequested:
      return "stop requested: workers finish their step and checkpoint";
    case EventKind::WorkersKilled:
      return "workers did not stop in time and were killed";
    case EventKind::CheckpointRestored:
      return fmt::format("{} continues from its checkpoint of round {} (global version {}, step {}, {} run tokens): {}",
                         e.text("datacenter"), e.integer("round"), e.integer("version"), e.integer("step"), e.integer("run_tokens"),
                         e.text("path"));
    case EventKind::CheckpointSkipped:
      return e.text("datacenter") + " passed over a checkpoint that does not load: " + e.text("reason");
    case EventKind::RunResumed:
      return "run " + e.text("run") + " resumed from its checkpoints (" + e.text("checkpoints") + ")";
    case EventKind::RunAttached:
      return "a launcher re-attached to run " + e.text("run") + " and back-fills what it missed";
    case EventKind::AlertLossSpike:
      if (e.fields.value("loss", nlohmann::json()).is_null()) {
        return fmt::format("alert: worker {} reported a loss that is not a number at step {}", e.text("worker"), e.integer("step"));
      }
      return fmt::format("alert: worker {} loss {:.4f} at step {} is {:.1f} standard deviations above its smoothed history",
                         e.text("worker"), e.number("loss"), e.integer("step"), e.number("z"));
    case EventKind::AlertStall:
      return fmt::format("alert: worker {} has taken no step for {:.0f} s (last step {})", e.text("worker"), e.number("seconds"),
                         e.integer("step"));
    case EventKind::AlertThroughput:
      return fmt::format("alert: the run made {:.0f}% of the plan's tokens/s ({:.0f} of {:.0f}) for {} rounds in a row",
                         e.number("percent_of_plan"), e.number("tokens_per_s"), e.number("planned_tokens_per_s"),
                         e.integer("rounds"));
    case EventKind::AlertLink:
      return fmt::format("alert: the WAN link {} carried {:.1f} Mbit/s in round {}, {:.1f}% of its bandwidth", e.text("link"),
                         e.number("mbit_per_s"), e.integer("round"), e.number("percent_of_bandwidth"));
    case EventKind::StoreWriteFailed:
      return fmt::format("the run store refused a write ({}): {}; {} record(s) wait in memory and the run goes on",
                         e.text("problem"), e.text("reason"), e.integer("records_waiting"));
    case EventKind::StoreWriteRecovered:
      return fmt::format("the run store accepts writes again after {:.1f} s and {} failed attempt(s); {} waiting record(s) stored",
                         e.number("down_s"), e.integer("attempts"), e.integer("records"));
    case EventKind::RecordRefused:
      return fmt::format("the run store refused {} and it was left out: {}", e.text("record"), e.text("reason"));
    case EventKind::LauncherLost:
      return fmt::format("the launcher (pid {} on {}) died and nothing of the run is alive (it took the run at {:.0f})", e.integer("pid"),
                         e.text("host"), e.number("lease_taken_s"));
    case EventKind::CertificateRenewed:
      return fmt::format("renewed the certificate of {} for {:.0f} s; new connections use it", e.text("leader"),
                         e.number("valid_for_s"));
  }
  return e.text("text");
}

}  // namespace archi
