#pragma once
// Wall-clock time as Unix seconds: the time base of every metric, event and checkpoint record.

#include <chrono>

namespace archi {

inline double unixSeconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace archi
