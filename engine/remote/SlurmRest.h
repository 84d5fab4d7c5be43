#pragma once
// A client of Slurm's REST daemon, slurmrestd (docs/architecture.md#slurm), for the one API
// version Debian 12 ships: Slurm 22.05, OpenAPI plugin v0.0.38. The version is detected from
// the server (GET /openapi/v3) and anything else is refused by name. TCP calls carry a JWT
// (X-SLURM-USER-NAME / X-SLURM-USER-TOKEN, read from the project's 0600 token file); a unix
// socket (unix:///run/slurmrestd.sock) needs none: slurmrestd knows its peer. Every answer is
// parsed strictly and bounded in size; whatever is wrong is a SlurmError naming the server,
// the call, and the field or status.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/DatacenterLaunch.h"
#include "remote/CurlHandles.h"

namespace archi::remote {

inline constexpr const char* kSlurmApiVersion = "v0.0.38";
// Answers larger than this are refused: slurmrestd's largest (the OpenAPI document, the node
// list of a big cluster) stay well under it.
inline constexpr std::size_t kMaxSlurmAnswerBytes = 32u << 20;

class SlurmError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One job of one datacenter: `tasks` tasks (one per device), each started by `srun
// --multi-prog` from the script, with only the environment given here.
struct SlurmJobRequest {
  std::string name;               // carries the run id: "archi-<run>-<datacenter>"
  std::string partition;
  std::string account;            // empty: the user's default
  int tasks = 1;
  int gpus_per_task = 0;          // GPU binding: Slurm's --gpus-per-task
  int cpus_per_task = 1;
  std::string working_directory;
  std::string standard_output;    // the job's own log (srun's messages)
  std::map<std::string, std::string> environment;
  std::string script;             // "#!/bin/sh ..." the batch step runs
  int time_limit_min = 0;         // 0: the partition's limit
};

struct SlurmJob {
  std::int64_t job_id = 0;
  std::string name;
  std::string state;   // PENDING, RUNNING, COMPLETING, COMPLETED, CANCELLED, FAILED, TIMEOUT, PREEMPTED, NODE_FAIL, ...
  std::string reason;  // why it is pending or ended ("Resources", "None")
  std::string nodes;
  std::string partition;
  int exit_code = 0;

  bool pending() const { return state == "PENDING" || state == "CONFIGURING" || state == "REQUEUED"; }
  bool active() const { return pending() || state == "RUNNING" || state == "COMPLETING" || state == "SUSPENDED"; }
};

struct SlurmNode {
  std::string name;
  std::string state;  // idle, mixed, allocated, down, drained...
  int cpus = 0;
  int alloc_cpus = 0;
  int gpus = 0;        // from "gres" (gpu[:type]:N)
  int alloc_gpus = 0;  // from "gres_used"
  std::vector<std::string> partitions;
};

struct SlurmPartition {
  std::string name;
  std::string state;  // UP, DOWN...
  int total_nodes = 0;
  int total_cpus = 0;
  // From the node list: what is free now (so a plan can use what is really free).
  int idle_nodes = 0;
  int free_cpus = 0;
  int free_gpus = 0;
};

struct SlurmServerInfo {
  std::string api_version;    // "v0.0.38"
  std::string slurm_release;  // "22.05.8"
};

class SlurmRestClient {
 public:
  // Throws SlurmError when the URL is refused or the token file cannot be used.
  explicit SlurmRestClient(DatacenterLaunch launch, std::chrono::milliseconds requestLimit = std::chrono::seconds(10));

  // GET /openapi/v3 (v0.0.38 must be among the versions it lists), then GET .../ping: the
  // server speaks our version and slurmctld answers it.
  SlurmServerInfo checkServer();
  std::int64_t submit(const SlurmJobRequest& request);
  SlurmJob job(std::int64_t jobId);
  // Sends `signal` to the job's steps (KILL: cancels it, as scancel does; TERM: its tasks stop
  // cleanly); a job that already ended is no error.
  void cancel(std::int64_t jobId, const char* signal = "KILL");
  std::vector<SlurmNode> nodes();
  // The partitions, with what is free from nodes().
  std::vector<SlurmPartition> partitions();
  // Polls job() until it leaves PENDING; throws SlurmError naming the job, its reason and
  // the wait when it is still pending after `limit`.
  SlurmJob waitUntilStarted(std::int64_t jobId, std::chrono::milliseconds limit,
                            std::chrono::milliseconds interval = std::chrono::milliseconds(250));

  const DatacenterLaunch& launch() const { return launch_; }
  // "slurmrestd https://host:6820" — the start of every error message.
  std::string describe() const;

 private:
  nlohmann::json call(const char* method, const std::string& path, const std::string& body = {});
  std::string versioned(const std::string& route) const { return std::string("/slurm/") + kSlurmApiVersion + route; }

  DatacenterLaunch launch_;
  SlurmUrl url_;
  std::string token_;
  std::chrono::milliseconds requestLimit_;
  EasyHandle handle_;
};

// Parsers of slurmrestd's answers, strict: a missing or mistyped field is a SlurmError naming
// its JSON pointer. `what` prefixes messages ("slurmrestd ...: GET /slurm/v0.0.38/job/7").
std::vector<std::string> slurmApiVersionsOf(const nlohmann::json& openapi, const std::string& what);
SlurmJob parseSlurmJob(const nlohmann::json& answer, std::int64_t jobId, const std::string& what);
std::vector<SlurmNode> parseSlurmNodes(const nlohmann::json& answer, const std::string& what);
std::vector<SlurmPartition> parseSlurmPartitions(const nlohmann::json& answer, const std::vector<SlurmNode>& nodes, const std::string& what);
// The GPU count of a gres string: "gpu:4", "gpu:a100:2(S:0-1)", "gpu:2,shard:8" -> 4, 2, 2.
int slurmGresGpus(const std::string& gres);
// The request as slurmrestd v0.0.38 takes it: {"job": {...}, "script": ...}.
nlohmann::json slurmJobSubmission(const SlurmJobRequest& request);

}  // namespace archi::remote
