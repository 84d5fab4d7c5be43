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
  double link_gbit = 40.0;          // every WAN link, real
  double link_rtt_ms = 50.0;
  double stands_for_parameters = 1e9;
  std::int64_t diloco_tokens = 1'230'000;  // about four DiLoCo rounds of the demo
  std::int64_t ddp_tokens = 250'000;       // ddp is slow here: fewer tokens, its final loss is the bar
  double cpu_share = 0.25;
  std::string directory;
};

void runWanBoundBench(const WanBoundOptions& options, CliContext& context);

}  // namespace archi::cli
