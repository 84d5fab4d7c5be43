// OpenMP threads of the CPU backend should sleep, not spin, while they wait.
//
// libgomp reads OMP_WAIT_POLICY once, when it is loaded — before main() runs. Its default
// spins at every barrier for a while, which on a machine whose cores are shared with other
// work (builds, other workers) burns the time slices the other team thread needs: measured
// on a loaded 2-core machine, 980 tokens/s spinning vs 2240 passive, and a test suite 6 s vs
// 0.35 s. So archi re-executes itself once with PASSIVE unless the user chose a policy.

#include <unistd.h>

#include <cstdlib>

#include "cli/CliContext.h"

namespace archi::cli {

void preferPassiveOpenMpWaiting(char** argv) {
  if (std::getenv("OMP_WAIT_POLICY") != nullptr || std::getenv("GOMP_SPINCOUNT") != nullptr) return;
  if (::setenv("OMP_WAIT_POLICY", "PASSIVE", 1) != 0) return;
  ::execv("/proc/self/exe", argv);  // returns only on failure: run on with libgomp's default
}

}  // namespace archi::cli
