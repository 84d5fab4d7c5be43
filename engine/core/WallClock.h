#pragma once
// The project's two clocks: wall-clock time as Unix seconds (the time base of every metric,
// event and checkpoint record) and the steady clock that every duration and deadline uses.

#include <chrono>

namespace archi {

inline double unixSeconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

using SteadyClock = std::chrono::steady_clock;

// Seconds elapsed on the steady clock since `start`.
inline double secondsSince(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

// A steady-clock duration of `seconds` (fractions kept to the clock's resolution).
inline SteadyClock::duration toSteadyDuration(double seconds) {
  return std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(seconds));
}

}  // namespace archi
