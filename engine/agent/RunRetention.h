#pragma once
// How much of the past an agent keeps (docs/agent-api.md): a run's folder (journals, logs,
// checkpoints) stays while any of its workers lives, for `keepDays` after it ended (a launcher
// may come back late and read it), and among the newest `keepRuns` runs; older finished runs
// are removed whole. Within a run nothing is ever dropped: journals are read by sequence
// number from disk, in bounded replies, however far behind a client is.

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "agent/AgentLayout.h"

namespace archi::agent {

struct RetentionPolicy {
  int keepRuns = 20;
  double keepDays = 7.0;
};

// Removes the finished runs the policy lets go (never one in `activeRuns`); returns their names.
std::vector<std::string> pruneFinishedRuns(const AgentLayout& layout, const std::set<std::string>& activeRuns,
                                           const RetentionPolicy& policy);

}  // namespace archi::agent
