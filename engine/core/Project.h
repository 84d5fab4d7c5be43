#pragma once
// A project file (*.archipelago.json): a topology plus the run to train on it.

#include <string>

#include "core/RunSpec.h"
#include "core/Topology.h"

namespace archi {

inline constexpr int kProjectFormat = 1;

struct Project {
  int format = kProjectFormat;
  std::string name;
  Topology topology;
  RunSpec run;
  bool operator==(const Project&) const = default;
};

}  // namespace archi
