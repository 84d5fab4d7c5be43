#pragma once

// When the token budget ends a DiLoCo round: the rule each datacenter's leader applies before
// every inner step. Pure, so that its effect on a whole run can be checked without training.

#include <cstdint>

namespace archi {

struct RoundBudget {
  std::int64_t budget = 0;          // the run's tokens
  std::int64_t runTokens = 0;       // merged into the global model before this round
  std::int64_t stepTokens = 0;      // this datacenter's tokens per inner step
  int datacenters = 1;
  // This datacenter's share of the tokens of the last round every leader merged (0: unknown —
  // the first round, a round some leader missed, ddp). It stands for the datacenters' speeds
  // when the time box ended that round; a first round the budget ended early (a run of about
  // a round) gives shares that are not, and its last round ends less evenly.
  double share = 0.0;

  // Whether the round ends after `stepsThisRound` steps (at least one) because of the budget.
  //
  // With a share, each datacenter takes that share of what is left, rounded up to whole steps:
  // time-boxed datacenters differ in speed, so they end together, and the shares' sum reaches
  // the budget. Without one, every datacenter is assumed to keep this one's pace and the round
  // stops short of the budget. That rule alone, used at every round's end, kept the fastest
  // datacenter waiting on the slowest through the last round and left a remainder below one
  // step of every datacenter for a whole outer round of its own.
  bool endsRound(int stepsThisRound) const {
    if (stepsThisRound <= 0) return false;
    if (share > 0.0) {
      return static_cast<double>(stepsThisRound * stepTokens) >= share * static_cast<double>(budget - runTokens);
    }
    return runTokens + (stepsThisRound + 1) * stepTokens * datacenters > budget;
  }
};

}  // namespace archi
