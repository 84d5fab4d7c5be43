#pragma once
// A runtime event is data (docs/architecture.md, "Events"): a kind plus named fields — who
// (worker, leader, link), round, step, cost in seconds, tokens, members — from which its
// English sentence is rendered. Journals and the run store keep the kind and the fields
// beside the sentence, so tests assert kinds and fields, charts and reports read numbers, and
// the sentence can be translated later. Each kind is made by one builder in RunEvents.h,
// which fixes its fields and their types.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace archi {

enum class EventLevel { Debug, Info, Warning, Error };

enum class EventKind {
  Note,  // free text from a layer without kinds of its own
  // a worker's life
  WorkerStarting,
  WorkerStoppedBeforeGroup,
  WorkerDone,
  WorkerFailed,
  DatacenterReady,
  // faults inside a datacenter
  DatacenterGroupFailed,
  RegroupSyncFailed,
  DatacenterLeaderRejoined,
  WorkerLost,
  WorkerRejoined,
  DatacenterRegrouped,
  LeaderTookDatacenterState,
  EmulatedThrottle,
  SharesRebalanced,
  // the WAN and the outer loop
  WanTransport,
  WanEmulation,
  WanGroupFormed,
  WanGroupLeftOut,
  OuterRoundFailed,
  OuterRoundRecovered,
  ContributionAlreadyMerged,
  LeftOutOfRound,
  WanExchangeFailed,
  DdpAllReduceFailed,
  StateShareFailed,
  GlobalStateTaken,
  // checkpoints and resume (docs/architecture.md#checkpoints)
  CheckpointRestored,
  CheckpointSkipped,
  RunResumed,
  // the launcher
  RunLaunched,
  WorkerExitedAfterRun,
  WorkerGaveUp,
  WorkerRestarting,
  WorkerRestarted,
  FaultInjected,
  FaultSkipped,
  LinkRestored,
  StopRequested,
  WorkersKilled,
  JournalProblem,
  RunAttached,
  // a node agent's supervision of its workers (docs/agent-api.md)
  AgentWorkerStarted,
  AgentWorkerEnded,
  // alerts raised by the collector (control/RunAlerts.h)
  AlertLossSpike,
  AlertStall,
  AlertThroughput,
  AlertLink,
  // the launcher's own troubles (issue 15 item 3): the run goes on through them
  StoreWriteFailed,
  StoreWriteRecovered,
  RecordRefused,
  LauncherLost,
  CertificateRenewed,
};

std::string_view toString(EventKind kind);
std::optional<EventKind> parseEventKind(std::string_view text);
std::string_view toString(EventLevel level);
std::optional<EventLevel> parseEventLevel(std::string_view text);

struct RunEvent {
  EventKind kind = EventKind::Note;
  EventLevel level = EventLevel::Info;
  nlohmann::json fields = nlohmann::json::object();

  bool has(const char* field) const { return fields.contains(field); }
  // A field's value; the type's zero when the field is missing or of another type.
  std::string text(const char* field) const;
  std::int64_t integer(const char* field) const;
  double number(const char* field) const;
  std::vector<std::string> names(const char* field) const;
};

// The event's sentence, as the console and the logs show it.
std::string renderEvent(const RunEvent& event);

}  // namespace archi
