#include "remote/SlurmSpawner.h"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <stdexcept>
#include <thread>

#include "control/FreePorts.h"
#include "control/RoutedSpawner.h"
#include "control/WorkerOutcomeFile.h"
#include "control/WorkerUser.h"
#include "core/RunEvents.h"
#include "core/WallClock.h"

namespace archi::remote {
namespace {

// srun --multi-prog splits its lines on white space: a path with any cannot be passed.
void requirePlainPath(const std::filesystem::path& path, const char* what) {
  const std::string text = path.string();
  if (text.find_first_of(" \t\n\r\"'\\") != std::string::npos) {
    throw std::runtime_error(std::string(what) + " " + text + " holds white space or quotes, which srun --multi-prog cannot pass");
  }
}

// The job's environment: the allow-list workers started here get (control/WorkerUser.h), less
// the user's identity, which slurmd sets for the job's own user.
std::map<std::string, std::string> jobEnvironment(const std::string& run, const std::string& datacenter) {
  std::map<std::string, std::string> out;
  for (const std::string& entry : allowListedEnvironment(currentEnvironment(), std::nullopt)) {
    const auto eq = entry.find('=');
    const std::string name = entry.substr(0, eq);
    if (name == "HOME" || name == "USER" || name == "LOGNAME") continue;
    out[name] = entry.substr(eq + 1);
  }
  out["ARCHI_RUN"] = run;
  out["ARCHI_DATACENTER"] = datacenter;
  return out;
}

}  // namespace

std::vector<Datacenter> slurmDatacenters(const Project& project) {
  std::vector<Datacenter> out;
  for (const Datacenter& dc : project.topology.datacenters) {
    if (dc.launch.via == LaunchVia::Slurm) out.push_back(dc);
  }
  return out;
}

Project withoutSlurmDatacenters(const Project& project) {
  Project out = project;
  std::erase_if(out.topology.datacenters, [](const Datacenter& dc) { return dc.launch.via == LaunchVia::Slurm; });
  return out;
}

SlurmSpawner::SlurmSpawner(std::vector<Datacenter> datacenters, SlurmSpawnerOptions options) : options_(std::move(options)) {
  for (Datacenter& dc : datacenters) {
    if (dc.launch.via != LaunchVia::Slurm) throw std::runtime_error("datacenter '" + dc.id + "' is not launched through Slurm");
    auto client = std::make_unique<SlurmRestClient>(dc.launch);
    client->checkServer();
    // A partition the server does not have, or one that is down, would leave the job pending for ever.
    std::string listed;
    bool found = false;
    for (const SlurmPartition& partition : client->partitions()) {
      listed += (listed.empty() ? "" : ", ") + partition.name;
      if (partition.name != dc.launch.partition) continue;
      found = true;
      if (partition.state != "UP") {
        throw SlurmError(client->describe() + ": partition '" + partition.name + "' of datacenter '" + dc.id + "' is " + partition.state +
                         ", not UP");
      }
    }
    if (!found) {
      throw SlurmError(client->describe() + ": datacenter '" + dc.id + "' asks for partition '" + dc.launch.partition +
                       "', which the server does not list (it lists: " + (listed.empty() ? std::string("none") : listed) + ")");
    }
    clients_[dc.id] = std::move(client);
    datacenters_.emplace(dc.id, std::move(dc));
  }
}

SlurmRestClient& SlurmSpawner::clientOf(const std::string& datacenterId) {
  const auto it = clients_.find(datacenterId);
  if (it == clients_.end()) throw std::runtime_error("datacenter '" + datacenterId + "' is not launched through Slurm");
  return *it->second;
}

void SlurmSpawner::event(const RunEvent& happened) { events_.push_back(happened); }

void SlurmSpawner::start(const WorkerSpec& spec, const std::filesystem::path& specPath, const std::filesystem::path&) {
  clientOf(spec.datacenter_id);
  requirePlainPath(specPath, "the worker spec");
  requirePlainPath(options_.archi_binary, "the archi binary");
  run_ = spec.run_id;
  runDirectory_ = specPath.parent_path().parent_path();
  const std::filesystem::path folder = runDirectory_ / "slurm";
  std::filesystem::create_directories(folder);
  ::chmod(folder.c_str(), 0700);
  Worker& worker = workers_[spec.worker_id];
  worker.spec = spec;
  worker.specPath = specPath;
  // The worker says how it ended in this file, so that a worker that fails inside a job that
  // goes on is noticed, and a cancelled job tells which workers had finished.
  worker.outcomePath = folder / (specPath.stem().string() + ".outcome");
  worker.spec.outcome_file = worker.outcomePath.string();
  std::filesystem::remove(worker.outcomePath);
  writeWorkerSpec(worker.spec, specPath);
  if (!worker.tailer) worker.tailer = std::make_unique<JournalTailer>(spec.journal);
  worker.ended = false;
  worker.job = 0;
  worker.submitAt = std::chrono::steady_clock::now();
}

void SlurmSpawner::submitDue() {
  const auto now = std::chrono::steady_clock::now();
  std::map<std::string, std::vector<std::string>> due;  // datacenter -> workers
  for (auto& [id, worker] : workers_) {
    if (worker.submitAt && *worker.submitAt <= now && !worker.ended) due[worker.spec.datacenter_id].push_back(id);
  }
  for (const auto& [datacenter, ids] : due) submit(datacenter, ids);
}

void SlurmSpawner::submit(const std::string& datacenter, const std::vector<std::string>& ids) {
  if (stopping_) {
    for (const std::string& id : ids) {
      workers_[id].submitAt.reset();
      ended(workers_[id], false, "not submitted: the run is stopping");
    }
    return;
  }
  const Datacenter& dc = datacenters_.at(datacenter);
  ++submissions_;
  const std::string stem = datacenter + "-" + std::to_string(submissions_);
  // One line per task: "RANK PROGRAM ARGS", the argv srun execs (no shell per task).
  const std::filesystem::path program = runDirectory_ / "slurm" / (stem + ".multi-prog");
  {
    std::ofstream out(program);
    for (std::size_t task = 0; task < ids.size(); ++task) {
      out << task << ' ' << options_.archi_binary.string() << " worker --spec " << workers_[ids[task]].specPath.string()
          << " --stop-file " << stopFile().string() << '\n';
    }
    if (!out) throw std::runtime_error("cannot write " + program.string());
  }
  requirePlainPath(runDirectory_, "the run folder");
  SlurmJobRequest request;
  request.name = "archi-" + run_ + "-" + datacenter;
  request.partition = dc.launch.partition;
  request.account = dc.launch.account;
  request.tasks = static_cast<int>(ids.size());
  int threads = 1;
  bool gpus = false;
  for (const std::string& id : ids) {
    threads = std::max(threads, workers_[id].spec.threads);
    gpus = gpus || workers_[id].spec.onGpu();
  }
  request.cpus_per_task = threads;
  request.gpus_per_task = gpus ? 1 : 0;
  request.working_directory = runDirectory_.string();
  request.standard_output = (runDirectory_ / "logs" / ("slurm-" + datacenter + "-%j.log")).string();
  request.environment = jobEnvironment(run_, datacenter);
  request.script = "#!/bin/sh\n# Archipelago run " + run_ + ", datacenter " + datacenter + ": one task per device\nexec srun --kill-on-bad-exit=0 --output=" +
                   (runDirectory_ / "logs" / ("slurm-%j-task%t.log")).string() + " --multi-prog " + program.string() + "\n";
  std::int64_t jobId = 0;
  try {
    jobId = clientOf(datacenter).submit(request);
  } catch (const SlurmError& e) {
    for (const std::string& id : ids) {
      workers_[id].submitAt.reset();
      ended(workers_[id], false, std::string("could not be submitted: ") + e.what());
    }
    return;
  }
  Job& job = jobs_[jobId];
  job.datacenter = datacenter;
  job.workers = ids;
  job.submitted = std::chrono::steady_clock::now();
  job.last.job_id = jobId;
  job.last.state = "PENDING";
  for (const std::string& id : ids) {
    Worker& worker = workers_[id];
    worker.job = jobId;
    worker.submitAt.reset();
    if (worker.restarts > 0) event(events::workerRestarted(id, worker.restarts, datacenter));
  }
  event(events::note(EventLevel::Info, "Slurm job " + std::to_string(jobId) + " (" + request.name + ") submitted to partition " +
                                           request.partition + " of " + dc.launch.url + ": " + std::to_string(ids.size()) + " task(s)"));
}

void SlurmSpawner::ended(Worker& worker, bool success, const std::string& how) {
  worker.job = 0;
  const std::string& id = worker.spec.worker_id;
  if (success || stopping_ || worker.restarts >= options_.max_restarts_per_worker) {
    worker.ended = true;
    exits_.push_back({id, success, how});
    return;
  }
  ++worker.restarts;
  const double delay_s = static_cast<double>(1 << std::min(worker.restarts - 1, 6));
  worker.submitAt = std::chrono::steady_clock::now() +
                    std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(delay_s));
  const std::string log = (runDirectory_ / "logs").string();
  event(events::workerRestarting(id, how, worker.restarts, delay_s, log));
}

void SlurmSpawner::follow() {
  const auto now = std::chrono::steady_clock::now();
  for (auto& [jobId, job] : jobs_) {
    if (job.over || now < job.nextCheck) continue;
    job.nextCheck = now + options_.state_interval;
    try {
      job.last = clientOf(job.datacenter).job(jobId);
    } catch (const SlurmError&) {
      continue;  // slurmrestd unreachable for a moment: the job goes on; asked again next time
    }
    const auto inJob = [&](const std::string& id) { return workers_[id].job == jobId && !workers_[id].ended; };
    if (job.last.pending() && now - job.submitted > options_.pending_limit) {
      try {
        clientOf(job.datacenter).cancel(jobId);
      } catch (const SlurmError&) {
      }
      job.over = true;
      const std::string how = "Slurm job " + std::to_string(jobId) + " was still " + job.last.state + " after " +
                              std::to_string(options_.pending_limit.count()) + " s (reason: " + job.last.reason + "); cancelled";
      for (const std::string& id : job.workers) {
        if (!inJob(id)) continue;
        workers_[id].restarts = options_.max_restarts_per_worker;  // waiting again would not help
        ended(workers_[id], false, how);
      }
      continue;
    }
    // Workers that ended inside the job (their outcome files), then, once the job is over, the rest.
    for (const std::string& id : job.workers) {
      if (!inJob(id)) continue;
      Worker& worker = workers_[id];
      if (const auto outcome = readWorkerOutcomeFile(worker.outcomePath)) {
        std::filesystem::remove(worker.outcomePath);
        ended(worker, outcome->exit_code == 0, "ended " + outcome->end + " (exit status " + std::to_string(outcome->exit_code) +
                                                   ") in Slurm job " + std::to_string(jobId));
      }
    }
    if (job.last.active()) continue;
    job.over = true;
    const std::string how = "Slurm job " + std::to_string(jobId) + " ended " + job.last.state +
                            (job.last.reason.empty() || job.last.reason == "None" ? "" : " (" + job.last.reason + ")");
    for (const std::string& id : job.workers) {
      if (inJob(id)) ended(workers_[id], false, how);
    }
  }
}

std::vector<WorkerExit> SlurmSpawner::poll() {
  submitDue();
  follow();
  return std::exchange(exits_, {});
}

int SlurmSpawner::running() const {
  int count = 0;
  for (const auto& [id, worker] : workers_) count += worker.ended ? 0 : 1;
  return count;
}

std::filesystem::path SlurmSpawner::stopFile() const { return runDirectory_ / "slurm" / "stop"; }

void SlurmSpawner::requestStop() {
  // A file, not a signal: Slurm's own SIGTERM (scancel, preemption) must stay a fault.
  stopping_ = true;
  if (runDirectory_.empty()) return;
  std::ofstream(stopFile()) << "stop\n";
}

void SlurmSpawner::stopAll(std::chrono::milliseconds grace) {
  requestStop();
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (std::chrono::steady_clock::now() < deadline) {
    follow();
    if (std::none_of(jobs_.begin(), jobs_.end(), [](const auto& entry) { return !entry.second.over; })) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  for (auto& [jobId, job] : jobs_) {
    if (job.over) continue;
    try {
      clientOf(job.datacenter).cancel(jobId);
    } catch (const SlurmError&) {
    }
    job.over = true;
  }
  for (auto& [id, worker] : workers_) {
    if (!worker.ended) {
      worker.ended = true;
      exits_.push_back({id, false, "stopped: its Slurm job was cancelled"});
    }
  }
}

std::optional<NodePorts> SlurmSpawner::reservePorts(const std::string& nodeId, int count) {
  // The launcher picks the ports on its own host and the workers listen at the project's
  // address of their node: right where the Slurm node is the launcher's host, or where the job
  // lands on the node the project names (docs/architecture.md#slurm, limits).
  for (const auto& [id, dc] : datacenters_) {
    for (const Node& node : dc.nodes) {
      if (node.id == nodeId) return NodePorts{node.host, pickFreeLoopbackPorts(count)};
    }
  }
  return std::nullopt;
}

void SlurmSpawner::collect(RunCollector& collector) {
  submitDue();
  follow();
  for (const RunEvent& happened : std::exchange(events_, {})) {
    collector.keep(EventRecord::of(collector.runId(), unixSeconds(), "slurm", happened));
  }
  Diagnostics problems;
  for (auto& [id, worker] : workers_) {
    if (!worker.tailer) continue;
    for (const nlohmann::json& record : worker.tailer->readNew(problems)) collector.accept(id, ++worker.seq, record.dump());
  }
}

void SlurmSpawner::collectRest(RunCollector& collector, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  do {
    const std::size_t before = collector.waitingRecords();
    collect(collector);
    if (collector.waitingRecords() == before) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  } while (std::chrono::steady_clock::now() < deadline);
}

void SlurmSpawner::refreshJobs() {
  // Jobs whose workers all ended are still tearing down for a moment (srun, the epilog).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  for (;;) {
    bool active = false;
    for (auto& [jobId, job] : jobs_) {
      try {
        job.last = clientOf(job.datacenter).job(jobId);
      } catch (const SlurmError&) {
        continue;
      }
      active = active || job.last.active();
    }
    if (!active || std::chrono::steady_clock::now() >= deadline) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
}

std::vector<SlurmJobView> SlurmSpawner::jobs() const {
  std::vector<SlurmJobView> out;
  for (const auto& [jobId, job] : jobs_) {
    out.push_back({job.datacenter, jobId, job.last.state, job.last.reason, job.last.nodes, static_cast<int>(job.workers.size())});
  }
  return out;
}

std::unique_ptr<WorkerSpawner> routeSlurmDatacenters(const Project& project, std::unique_ptr<WorkerSpawner> agents,
                                                     SlurmSpawnerOptions options, SlurmSpawner** slurm) {
  std::vector<Datacenter> viaSlurm = slurmDatacenters(project);
  if (viaSlurm.empty()) return agents;
  RoutedSpawner::Route route;
  for (const Datacenter& dc : viaSlurm) {
    route.datacenters.insert(dc.id);
    for (const Node& node : dc.nodes) route.nodes.insert(node.id);
  }
  auto spawner = std::make_unique<SlurmSpawner>(std::move(viaSlurm), std::move(options));
  if (slurm != nullptr) *slurm = spawner.get();
  route.spawner = std::move(spawner);
  std::vector<RoutedSpawner::Route> routes;
  routes.push_back({{}, {}, std::move(agents)});
  routes.push_back(std::move(route));
  return std::make_unique<RoutedSpawner>(std::move(routes));
}

}  // namespace archi::remote
