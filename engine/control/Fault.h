#pragma once
// Scheduled faults for tests and demos (issue 5, item 8): the launcher applies each one when
// its time since the start of the run has come. Written as text on the command line:
//   kill:<worker-id>@<seconds>[+<restart-after-seconds>]   SIGKILL a worker (restarted after the delay,
//                                                          or by the launcher's supervision with backoff)
//   throttle:<worker-id>@<seconds>x<factor>                an emulated device slows to factor × its pace
//   cut:<dc-a>/<dc-b>@<seconds>+<duration-seconds>         the WAN link between two datacenters fails
// Throttle is emulation (docs/architecture.md#emulation) and labelled as such wherever it is reported.

#include <optional>
#include <string>
#include <vector>

namespace archi {

enum class FaultKind { KillWorker, Throttle, CutLink };

struct Fault {
  FaultKind kind = FaultKind::KillWorker;
  double at_s = 0.0;            // seconds after the run started
  std::string worker_id;        // KillWorker, Throttle
  double restart_after_s = -1;  // KillWorker: restart delay; < 0: the launcher's supervision decides
  double factor = 1.0;          // Throttle: the emulated pace is multiplied by this (0 < factor)
  std::string dc_a;             // CutLink
  std::string dc_b;
  double duration_s = 0.0;      // CutLink
  bool operator==(const Fault&) const = default;
};

// Parses one fault; nullopt with `error` naming what is wrong (and where in the text).
std::optional<Fault> parseFault(const std::string& text, std::string& error);
// The fault as a sentence, for events: "kill worker dc/n/1 at 8 s (restart after 3 s)".
std::string describeFault(const Fault& fault);

}  // namespace archi
