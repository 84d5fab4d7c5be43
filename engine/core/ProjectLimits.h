#pragma once
// What a project file may hold (docs/architecture.md#limits-on-outside-input). A project comes
// from anyone's editor, mail or download, and the console, `archi validate` and the planner
// expand it (one entry per device, one check per pair of datacenters): every size that costs
// memory or time is capped here, and the parser refuses more before building anything from it.
// The model's own limits are in RunSpec.h.

#include <cstddef>

#include "core/JsonSyntax.h"

namespace archi {

// Far above any real project (a 1000-node project is about 250 KB of JSON) and low enough that
// even the most expensive valid JSON of this size parses in well under a second.
inline constexpr std::size_t kMaxProjectFileBytes = 4u << 20;
// A project nests five levels (/datacenters/0/nodes/0/devices/0); the rest is headroom.
inline constexpr int kMaxProjectJsonDepth = 16;
inline constexpr JsonLimits kProjectJsonLimits{kMaxProjectFileBytes, kMaxProjectJsonDepth};

inline constexpr std::size_t kMaxDatacenters = 64;
// One link per pair of datacenters; a second one is an error anyway.
inline constexpr std::size_t kMaxLinks = kMaxDatacenters * (kMaxDatacenters - 1) / 2;
inline constexpr std::size_t kMaxNodesPerDatacenter = 1024;
inline constexpr std::size_t kMaxDeviceGroupsPerNode = 64;
// The console's editor offers 0..4096 per group.
inline constexpr int kMaxDevicesPerGroup = 4096;
// Every device becomes a worker: a planner entry, a spec, a process.
inline constexpr int kMaxDevicesPerProject = 65536;
// Ids name files, certificate subjects (an X.509 common name holds at most 64 characters) and
// worker ids.
inline constexpr std::size_t kMaxIdBytes = 64;

}  // namespace archi
