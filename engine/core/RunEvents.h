#pragma once
// One builder per event kind (RunEvent.h): the kind's level, its fields and their types.
// Field names carry units (cost_s, outside_s, tokens_per_s); `reason` is a cause reported by a
// lower layer, as that layer worded it.

#include <cstdint>
#include <string>
#include <vector>

#include "core/RunEvent.h"

namespace archi::events {

RunEvent note(EventLevel level, const std::string& text);

// --- a worker's life
RunEvent workerStarting(const std::string& worker, const std::string& deviceType, int rank, int worldSize,
                        const std::string& datacenter, bool emulated, double paceTokensPerS);
RunEvent workerStoppedBeforeGroup(const std::string& worker);
RunEvent workerDone(const std::string& worker, std::int64_t steps, std::int64_t rounds, std::int64_t runTokens,
                    bool stoppedOnRequest);
RunEvent workerFailed(const std::string& worker, const std::string& reason);
RunEvent datacenterReady(const std::string& datacenter, int workers, std::int64_t sequences, int contextTokens,
                         int datacenters, const std::string& sync, bool paced);

// --- faults inside a datacenter
RunEvent datacenterGroupFailed(std::int64_t step, const std::string& reason);
RunEvent regroupSyncFailed(std::int64_t generation, const std::string& reason);
RunEvent datacenterLeaderRejoined(std::int64_t step, double cost_s, int workers);
RunEvent workerLost(const std::string& worker, std::int64_t step, int workers, std::int64_t sequences, double regroup_s);
// down_s < 0: the worker was lost before this leader (re)started, for an unknown time.
RunEvent workerRejoined(const std::string& worker, std::int64_t step, double down_s, double regroup_s, int workers,
                        std::int64_t sequences);
RunEvent datacenterRegrouped(std::int64_t step, int workers, double regroup_s);
RunEvent leaderTookDatacenterState(const std::string& leader, std::int64_t step, const std::string& source,
                                   bool parametersToo, int workers);
RunEvent emulatedThrottle(const std::string& worker, double tokensPerS, double factor);
struct ShareMove {
  std::string worker;
  int from = 0;
  int to = 0;
};
// `device` drifted: measured against planned tokens/s (empty device: a member change).
RunEvent sharesRebalanced(std::int64_t step, const std::vector<ShareMove>& moves, const std::string& device,
                          double measuredTokensPerS, double plannedTokensPerS);

// --- the WAN and the outer loop
RunEvent wanTransport(int leaders, int streamsPerPeer, double roundTimeout_s, const std::string& cutsFile);
RunEvent wanEmulation(const std::string& links);
// `outside_s` > 0: how long this leader had been outside a group; `knocks`: leaders that knocked meanwhile.
RunEvent wanGroupFormed(const std::string& why, const std::vector<std::string>& members, const std::vector<std::string>& leftOut,
                        std::uint64_t epoch, bool fullGroup, double cost_s, double outside_s, int knocks);
RunEvent wanGroupLeftOut(const std::string& why, int quorum, const std::vector<std::string>& outside,
                         const std::string& disagreement, double cost_s);
RunEvent outerRoundFailed(std::int64_t round, double cost_s, const std::string& reason);
RunEvent outerRoundRecovered(std::int64_t round, int leaders, double cost_s, const std::string& reason);
RunEvent contributionAlreadyMerged(std::int64_t round, std::uint64_t adoptedVersion, std::uint64_t contributionVersion);
// noQuorum: no group with a quorum was reachable (otherwise the round failed every attempt).
RunEvent leftOutOfRound(std::int64_t round, bool noQuorum, std::int64_t tokens);
RunEvent wanExchangeFailed(std::int64_t round, const std::string& reason);
RunEvent ddpAllReduceFailed(const std::string& reason);
RunEvent stateShareFailed(const std::string& reason);
RunEvent globalStateTaken(const std::string& source, std::uint64_t version, std::uint64_t ownVersion, std::uint64_t runTokens,
                          std::int64_t carriedTokens);

// --- the launcher
RunEvent runLaunched(const std::string& text);
RunEvent workerExitedAfterRun(const std::string& worker, const std::string& how, const std::string& log);
RunEvent workerGaveUp(const std::string& worker, const std::string& text);
RunEvent workerRestarting(const std::string& worker, const std::string& how, int attempt, double delay_s, const std::string& log);
RunEvent workerRestarted(const std::string& worker, int attempt, const std::string& datacenter);
RunEvent faultInjected(const std::string& fault, const std::string& effect);
RunEvent faultSkipped(const std::string& fault, const std::string& why);
RunEvent linkRestored(const std::string& a, const std::string& b);
RunEvent stopRequested();
RunEvent runAttached(const std::string& run);
// A leader took its datacenter's newest checkpoint set (resume, or a restart); `path`: its outer file.
RunEvent checkpointRestored(const std::string& datacenter, std::int64_t round, std::uint64_t version, std::int64_t step,
                            std::int64_t runTokens, const std::string& path);
RunEvent checkpointSkipped(const std::string& datacenter, const std::string& reason);
// `checkpoints`: the round each datacenter continues from, e.g. "beijing round 6, guiyang none".
RunEvent runResumed(const std::string& run, const std::string& checkpoints);
RunEvent workersKilled();
// --- alerts (control/RunAlerts.h); a loss that is not finite is stored as null
RunEvent alertLossSpike(const std::string& worker, std::int64_t step, double loss, double z);
RunEvent alertStall(const std::string& worker, std::int64_t lastStep, double seconds);
RunEvent alertThroughput(double percentOfPlan, int rounds, double tokensPerS, double plannedTokensPerS);
RunEvent alertLink(const std::string& from, const std::string& to, std::int64_t round, double percentOfBandwidth,
                   double mbitPerS);
RunEvent journalProblem(EventLevel level, const std::string& text);

// --- the launcher's own troubles: the run goes on through them
// `problem`: the StoreError kind ("busy", "disk-full", …); one event per outage, not per attempt.
RunEvent storeWriteFailed(const std::string& problem, const std::string& reason, std::int64_t recordsWaiting);
RunEvent storeWriteRecovered(double down_s, std::int64_t attempts, std::int64_t records);
RunEvent recordRefused(const std::string& record, const std::string& reason);
// A run found `running` whose launcher process is gone, with nothing of the run left alive.
RunEvent launcherLost(std::int64_t pid, const std::string& host, double leaseTaken_s);
RunEvent certificateRenewed(const std::string& leader, double validFor_s);

// --- a node agent's workers
RunEvent agentWorkerStarted(const std::string& worker, std::int64_t pid, bool adopted);
RunEvent agentWorkerEnded(const std::string& worker, const std::string& how, bool success);

}  // namespace archi::events
