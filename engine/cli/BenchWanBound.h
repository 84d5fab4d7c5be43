#pragma once
// archi bench multidc --wan-bound: the demo's datacenters on links where ddp cannot keep up on
// the real devices, as a dilated rehearsal (plan/Dilation.h); DiLoCo against ddp in real-time
// equivalents (tests/bench/README.md#wan-bound).

#include <cstdint>
#include <string>

#include "cli/CliContext.h"

namespace archi::cli {

struct WanBoundOptions {
  std::string project;              // default: the local demo
  double link_gbit = 25.0;          // every WAN link, real
  double link_rtt_ms = 60.0;
  double stands_for_parameters = 1e9;
  int inner_steps = 0;                     // DiLoCo's H; 0: the planner's recommendation for these links
  std::int64_t diloco_tokens = 0;          // 0: two rounds' tokens at that H (about three time-boxed rounds)
  std::int64_t ddp_tokens = 0;             // 0: one DiLoCo round's tokens; ddp's final loss is the bar
  int runs = 3;                            // repetitions; every RESULT is their median
  double cpu_share = 0.25;
  std::string directory;
};

void runWanBoundBench(const WanBoundOptions& options, CliContext& context);

}  // namespace archi::cli
