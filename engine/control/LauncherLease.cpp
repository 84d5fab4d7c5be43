#include "control/LauncherLease.h"

#include <unistd.h>

#include <array>
#include <fstream>
#include <sstream>

#include "core/RunEvents.h"
#include "core/WallClock.h"

namespace archi {
namespace {

std::string hostName() {
  std::array<char, 256> name{};
  if (::gethostname(name.data(), name.size() - 1) != 0) return "localhost";
  return name.data();
}

std::string bootId() {
  std::ifstream in("/proc/sys/kernel/random/boot_id");
  std::string id;
  std::getline(in, id);
  return id;
}

// Field 22 of /proc/<pid>/stat, the start time in clock ticks after boot; nullopt when no
// such process. The command name (field 2) may hold spaces and parentheses: count after the last ')'.
std::optional<std::int64_t> startTicks(std::int64_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!std::getline(in, stat)) return std::nullopt;
  const std::size_t close = stat.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(stat.substr(close + 1));
  std::string field;
  for (int index = 3; fields >> field; ++index) {  // the first field after ')' is field 3 (state)
    if (index == 3 && field == "Z") return std::nullopt;  // a zombie has ended
    if (index == 22) {
      try {
        return std::stoll(field);
      } catch (const std::exception&) {
        return std::nullopt;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

LauncherLeaseRecord currentLauncherLease() {
  const std::int64_t pid = ::getpid();
  return {hostName(), bootId(), pid, startTicks(pid).value_or(0), unixSeconds()};
}

LeaseHolder leaseHolder(const LauncherLeaseRecord& lease) {
  if (lease.host != hostName()) return LeaseHolder::Elsewhere;
  if (lease.boot_id != bootId()) return LeaseHolder::Gone;
  const std::optional<std::int64_t> ticks = startTicks(lease.pid);
  return ticks && *ticks == lease.start_ticks ? LeaseHolder::Alive : LeaseHolder::Gone;
}

std::vector<std::string> markRunsWithLostLaunchers(RunStore& store) {
  std::vector<std::string> marked;
  for (const RunRecord& run : store.listRuns()) {
    if (run.state != RunState::Running) continue;
    const std::optional<LauncherLeaseRecord> lease = store.launcherLease(run.id);
    if (!lease || leaseHolder(*lease) != LeaseHolder::Gone || !store.runAgents(run.id).empty()) continue;
    const double now_s = unixSeconds();
    store.addEvent(EventRecord::of(run.id, now_s, "launcher", events::launcherLost(lease->pid, lease->host, lease->taken_at_s)));
    store.setRunState(run.id, RunState::Failed, now_s);
    store.releaseLauncherLease(run.id);
    marked.push_back(run.name);
  }
  return marked;
}

}  // namespace archi
