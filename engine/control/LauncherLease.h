#pragma once
// Which process drives a run (issue 15 item 3). The launcher records itself in the store when
// it starts or attaches (store/RunStore.h, run_launchers) and lets go when it finishes or
// detaches. A run found `running` whose launcher process is gone, and that has nothing left
// alive, is then marked failed with a `launcher-lost` event instead of showing `running` for
// ever: detected whenever a launcher starts or attaches, and by `archi run --attach`.
//
// "Nothing left alive" is certain only for runs whose workers the launcher started itself
// (LocalSpawner, ThreadSpawner): they die with it (SpawnOptions::die_with_parent). Workers on
// node agents outlive the launcher on purpose; such a run stays `running` until
// `archi run --attach` follows it again (docs/architecture.md#processes).

#include <string>
#include <vector>

#include "store/RunStore.h"

namespace archi {

// This process as a lease holder: host, boot id, pid and its start time since boot.
LauncherLeaseRecord currentLauncherLease();

enum class LeaseHolder {
  Alive,      // that process still runs on this machine
  Gone,       // it ended, or the machine rebooted since
  Elsewhere,  // another host's process: not judged from here
};
LeaseHolder leaseHolder(const LauncherLeaseRecord& lease);

// Marks every `running` run whose launcher on this machine is gone and that ran no node
// agents: state failed, a launcher-lost event, the lease released. Returns their names.
std::vector<std::string> markRunsWithLostLaunchers(RunStore& store);

}  // namespace archi
