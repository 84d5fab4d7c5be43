#pragma once
// What the agent writes before it starts a worker (docs/agent-api.md, POST .../workers): the
// spec with every file path rewritten into the run folder, key material 0600 in secrets/,
// and the pid file through which a restarted agent finds the workers that outlived it.

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>

#include "agent/AgentLayout.h"
#include "agent/AgentRequests.h"
#include "control/WorkerSpec.h"

namespace archi::agent {

// Rewrites the spec's paths into `run`'s folder, writes the TLS files and the rendezvous
// secret (0600) and the spec itself; returns the spec as written. Throws std::runtime_error.
WorkerSpec writeWorkerFiles(const AgentLayout& layout, const std::string& run, const StartWorkerRequest& request);

// The process's start time (field 22 of /proc/<pid>/stat), which tells a live worker from
// an unrelated process that got its pid later; nullopt when no such process lives.
std::optional<std::string> processStartTime(pid_t pid);

struct PidFile {
  pid_t pid = -1;
  std::string start_time;
};
void writePidFile(const std::filesystem::path& path, const PidFile& file);
std::optional<PidFile> readPidFile(const std::filesystem::path& path);
// True while the process of `file` runs (not a zombie, same start time).
bool pidFileProcessAlive(const PidFile& file);

}  // namespace archi::agent
