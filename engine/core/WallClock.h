#pragma once
// The project's clocks: wall-clock time as Unix seconds (the time base of every metric,
// event and checkpoint record), the steady clock that every duration and deadline uses, and
// the calling thread's CPU time.

#include <chrono>
#include <ctime>

namespace archi {

inline double unixSeconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

using SteadyClock = std::chrono::steady_clock;

// Seconds elapsed on the steady clock since `start`.
inline double secondsSince(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

// Milliseconds elapsed on the steady clock since `start`.
inline double msSince(SteadyClock::time_point start) {
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

// A steady-clock duration of `seconds` (fractions kept to the clock's resolution).
inline SteadyClock::duration toSteadyDuration(double seconds) {
  return std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(seconds));
}

// CPU time of the calling thread (user + system) in seconds, for per-call cost accounting.
inline double threadCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

}  // namespace archi
