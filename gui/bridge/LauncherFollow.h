#pragma once
// What the console's run thread does once a launcher has started or attached to a run: poll it,
// post snapshots (at most four a second) with the events the run stored meanwhile, pass a stop
// or a detach on, and end with the run's summary. Runs on the run thread only.

#include <atomic>
#include <filesystem>
#include <functional>

#include "bridge/RunService.h"

namespace archi {
class RunLauncher;
}

struct RunControls {
  std::atomic<bool> stop{false};    // clean stop: workers checkpoint and exit
  std::atomic<bool> detach{false};  // leave the run going on its agents and stop following it
};

// Returns the last snapshot: Completed, Stopped, Failed, or Detached (the run goes on).
RunProgress followLauncher(archi::RunLauncher& launcher, RunProgress snapshot, const std::filesystem::path& storePath,
                           RunControls& controls, const std::function<void(const RunProgress&)>& post);
