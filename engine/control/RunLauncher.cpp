#include "control/RunLauncher.h"

#include <fmt/core.h>

#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <set>
#include <random>
#include <stdexcept>
#include <thread>

#include "comm/gloo/RendezvousSecret.h"
#include "comm/pki/CertificateAuthority.h"
#include "control/FreePorts.h"
#include "control/HostSpeedProbe.h"
#include "control/LauncherLease.h"
#include "core/AtomicFile.h"
#include "core/ModelMemory.h"
#include "core/ProjectJson.h"
#include "core/WallClock.h"
#include "plan/PlanJson.h"
#include "core/RunEvents.h"
#include "train/CheckpointSet.h"

namespace archi {
namespace {

// Run names go into certificates and file names: [A-Za-z0-9._-], at most 64 characters.
std::string safeName(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    out += safe ? c : '-';
  }
  return out.substr(0, 64);
}

}  // namespace

std::string newRunId(const std::string& humanName) {
  std::random_device entropy;  // getrandom(): unpredictable, so nobody can pick a future run's id
  return safeName(humanName).substr(0, 55) + fmt::format("-{:08x}", entropy());
}

namespace {

std::string defaultRunName(const std::string& project) {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &local);
  return safeName(project.substr(0, 39) + "-" + stamp);
}

// Leader certificates live for the planned run plus as much again, and at least a day more:
// a run that goes slower than planned keeps its WAN group (issue 15 item 4).
std::chrono::seconds leaderCertificateLifetime(const Plan& plan, std::int64_t tokens) {
  const double planned_s = plan.predicted_tokens_per_s > 0.0 ? double(tokens) / plan.predicted_tokens_per_s : 0.0;
  const double lifetime_s = planned_s + std::max(planned_s, 24.0 * 3600.0);
  return std::chrono::seconds(static_cast<std::int64_t>(std::min(lifetime_s, 3650.0 * 24 * 3600)));
}

std::string fileStem(const std::string& workerId) {
  std::string stem = workerId;
  std::replace(stem.begin(), stem.end(), '/', '_');
  return stem;
}

}  // namespace

RunLauncher::RunLauncher(Project project, GpuCatalog catalog, LaunchOptions options, std::unique_ptr<WorkerSpawner> spawner)
    : project_(std::move(project)), catalog_(std::move(catalog)), options_(std::move(options)), spawner_(std::move(spawner)) {}

RunLauncher::~RunLauncher() {
  if (!detached_ && spawner_ && spawner_->running() > 0) spawner_->stopAll(std::chrono::seconds(5));
}

void RunLauncher::detach() {
  detached_ = true;
  if (!store_ || runId_ == 0) return;
  try {
    store_->releaseLauncherLease(runId_);
  } catch (const StoreError&) {
    // Its workers run on node agents, so a lease left behind never marks the run lost.
  }
}

double RunLauncher::elapsedSeconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

std::map<std::string, double> emulationPaces(const Project& project, const GpuCatalog& catalog, double cpuShare) {
  double emulatedTflops = 0.0;
  for (const Datacenter& dc : project.topology.datacenters) {
    for (const Node& node : dc.nodes) {
      for (const DeviceGroup& group : node.devices) {
        const GpuSpec* spec = catalog.find(group.type);
        if (group.emulate && spec != nullptr) emulatedTflops += spec->bf16_tflops * group.count;
      }
    }
  }
  std::map<std::string, double> paces;
  if (emulatedTflops <= 0.0) return paces;
  const double hostTokensPerS = measureHostTokensPerSecond(project.run.model);
  const double cores = std::max(1u, std::thread::hardware_concurrency());
  const double capacity = hostTokensPerS * cores * cpuShare;
  for (const GpuSpec& spec : catalog.entries()) paces[spec.type] = capacity * spec.bf16_tflops / emulatedTflops;
  return paces;
}

PlanOptions emulatedPlanOptions(const Project& project, const GpuCatalog& catalog, const std::map<std::string, double>& paces) {
  PlanOptions options;
  double maxTflops = 0.0;
  for (const Datacenter& dc : project.topology.datacenters) {
    for (const Node& node : dc.nodes) {
      for (const DeviceGroup& group : node.devices) {
        const GpuSpec* spec = catalog.find(group.type);
        const auto pace = spec != nullptr ? paces.find(spec->type) : paces.end();
        if (group.emulate && pace != paces.end() && spec->bf16_tflops > maxTflops) {
          maxTflops = spec->bf16_tflops;
          options.emulated_reference_tokens_per_s = pace->second;
        }
      }
    }
  }
  return options;
}

ProfileBook measuredProfiles(RunStore& store, const ModelConfig& model) {
  ProfileBook profiles;
  for (const DeviceProfileRecord& p : store.deviceProfiles(modelKey(model))) {
    profiles.put({p.device_type, p.emulated, p.tokens_per_s, p.micro_batch, p.memory_bytes, ProfileSource::Measured});
  }
  return profiles;
}

DilatedEmulation dilateEmulation(const Project& project, const GpuCatalog& catalog, const ProfileBook& profiles,
                                 std::map<std::string, double> paces, double standsForParameters, double maxFactor) {
  DilatedEmulation out{project, std::move(paces), std::nullopt, {}};
  std::optional<Dilation> dilation = deriveDilation(project, catalog, profiles, out.paces, PlanOptions{}.prior_mfu, standsForParameters);
  if (!dilation || !dilation->active()) return out;
  if (standsForParameters <= 0.0 && dilation->factor > maxFactor) {
    char text[400];
    std::snprintf(text, sizeof text,
                  "not dilated: the real devices are %.3g times faster than their emulation here, and a rehearsal "
                  "that much slower than the real run would take hours; --stands-for PARAMS rehearses the larger model "
                  "this one stands for at a smaller dilation, --dilation-max %.3g dilates it all the same "
                  "(docs/architecture.md#time-dilation)",
                  dilation->factor, dilation->factor);
    out.not_dilated_because = text;
    return out;
  }
  // Every device runs 1/d of its real speed, and the WAN links are shaped d times slower; only
  // the WAN is shaped here (user space), the fabric inside a datacenter is loopback.
  out.paces = dilation->dilatedPaces();
  out.shaped.topology = dilateTopology(project.topology, *dilation, FabricDilation::Real);
  out.dilation = std::move(dilation);
  return out;
}

Plan planLocalRun(const Project& project, const GpuCatalog& catalog, const std::filesystem::path& storePath) {
  const LaunchOptions defaults;
  ProfileBook profiles;
  std::error_code ignored;
  if (!storePath.empty() && std::filesystem::exists(storePath, ignored)) {
    try {
      RunStore store(storePath, RunStore::Access::ReadOnly);
      profiles = measuredProfiles(store, project.run.model);
    } catch (const StoreError&) {
      // An unreadable store only means no measurements: the catalog priors still plan.
    }
  }
  return planDilatedRun(project, catalog, profiles, emulationPaces(project, catalog, defaults.emulation_cpu_share));
}

Plan planDilatedRun(const Project& project, const GpuCatalog& catalog, const ProfileBook& profiles,
                    const std::map<std::string, double>& paces, double standsForParameters) {
  const DilatedEmulation emulation = dilateEmulation(project, catalog, profiles, paces, standsForParameters);
  Plan plan = makePlan(emulation.shaped, catalog, profiles, emulatedPlanOptions(emulation.shaped, catalog, emulation.paces));
  if (emulation.dilation) {
    plan.dilation = emulation.dilation->factor;
    plan.dilation_bytes_factor = emulation.dilation->bytesFactor();
    plan.dilation_derivation = emulation.dilation->derivation();
  }
  return plan;
}

void RunLauncher::preparePlan() {
  notDilatedBecause_.clear();
  if (options_.token_budget > 0) project_.run.train.tokens = options_.token_budget;
  paceByType_ = options_.emulation_paces.empty() ? emulationPaces(project_, catalog_, options_.emulation_cpu_share)
                                                 : options_.emulation_paces;
  const ProfileBook profiles = measuredProfiles(*store_, project_.run.model);
  shaped_ = project_;
  dilation_.reset();
  if (options_.dilation) {
    DilatedEmulation emulation = dilateEmulation(project_, catalog_, profiles, paceByType_, options_.dilation_stands_for_parameters,
                                                    options_.dilation_max);
    shaped_ = std::move(emulation.shaped);
    paceByType_ = std::move(emulation.paces);
    dilation_ = std::move(emulation.dilation);
    notDilatedBecause_ = std::move(emulation.not_dilated_because);
  }
  PlanOptions planOptions = emulatedPlanOptions(shaped_, catalog_, paceByType_);
  planOptions.equal_split = options_.equal_split;
  planOptions.measured_memory_gib = options_.measured_memory_gib;
  // Speeds measured by earlier runs of this model shape beat the catalog (docs/architecture.md#planning).
  // A dilated run is planned on the dilated topology: its time boxes and timeouts follow the dilated clock.
  plan_ = makePlan(shaped_, catalog_, profiles, planOptions);
  if (dilation_) {
    plan_.dilation = dilation_->factor;
    plan_.dilation_bytes_factor = dilation_->bytesFactor();
    plan_.dilation_derivation = dilation_->derivation();
    // The prediction check's other side: the planner on the real devices and links (for the
    // run's own model: a represented one has no shape to plan with).
    Project real = project_;
    for (Datacenter& dc : real.topology.datacenters) {
      for (Node& node : dc.nodes) {
        for (DeviceGroup& group : node.devices) group.emulate = false;
      }
    }
    PlanOptions realOptions;
    realOptions.equal_split = options_.equal_split;
    realPlan_ = makePlan(real, catalog_, profiles, realOptions);
    // A represented model has no shape to plan with: the dilated plan in real time is the
    // planner's prediction for it (tst_dilation: the two agree for the run's own model).
    if (dilation_->bytesFactor() != 1.0) realPlan_ = Plan{};
  }
}

void RunLauncher::keepStoredDilation() {
  // A resumed run goes on as it was launched: dilated (standing for the same model) or not, as
  // its stored plan says; only the factor is derived again, from this machine's speed now.
  const std::optional<std::string> stored = store_->plan(runId_);
  const nlohmann::json plan = stored ? nlohmann::json::parse(*stored, nullptr, false) : nlohmann::json();
  const auto dilation = plan.is_object() ? plan.find("dilation") : plan.end();
  if (!plan.is_object() || dilation == plan.end() || !dilation->is_object()) {
    options_.dilation = false;
    return;
  }
  options_.dilation = dilation->value("factor", 1.0) != 1.0;
  const double bytesFactor = dilation->value("bytes_factor", 1.0);
  options_.dilation_stands_for_parameters = bytesFactor != 1.0 ? bytesFactor * double(parameterCount(project_.run.model)) : 0.0;
}

void RunLauncher::dilateFaults() {
  if (!dilation_) return;
  for (Fault& fault : options_.faults) {
    fault.at_s *= dilation_->factor;
    fault.duration_s *= dilation_->factor;
    if (fault.restart_after_s > 0.0) fault.restart_after_s *= dilation_->factor;
  }
}

std::pair<std::string, bool> measuredProfileKey(const WorkerSpec& spec) {
  if (spec.emulated) return {spec.device_type, true};
  if (spec.onGpu()) return {spec.device_type, false};
  return {"CPU", false};
}

void RunLauncher::saveMeasuredProfiles() {
  // Per worker: median tokens/s of its own steps (compute plus pacing, without communication),
  // skipping the first two (warm-up); per device type: the median over its workers.
  std::map<std::string, const WorkerRecord*> workerById;
  const std::vector<WorkerRecord> workers = store_->workers(runId_);
  for (const WorkerRecord& w : workers) workerById[w.worker_id] = &w;
  std::map<std::string, std::vector<double>> perWorker;
  for (const StepMetric& m : store_->stepMetrics(runId_)) {
    const double busy_ms = m.compute_ms + m.idle_ms;
    if (m.step > 2 && busy_ms > 0.0 && m.tokens > 0) perWorker[m.worker_id].push_back(1e3 * double(m.tokens) / busy_ms);
  }
  const auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
  };
  std::map<std::pair<std::string, bool>, std::vector<double>> perType;
  std::map<std::pair<std::string, bool>, int> microBatch;
  for (const auto& [worker, rates] : perWorker) {
    const auto it = workerById.find(worker);
    if (it == workerById.end() || rates.size() < 3) continue;
    // The spec says what the worker computed on; a run attached to later knows only the record,
    // which cannot tell a GPU run from a CPU one: such a speed is kept only when emulated.
    WorkerSpec known;
    if (const auto spec = supervised_.find(worker); spec != supervised_.end()) {
      known = spec->second.spec;
    } else {
      known.device_type = it->second->device_type;
      known.emulated = it->second->emulated;
    }
    const auto key = measuredProfileKey(known);
    perType[key].push_back(median(rates));
    for (const DatacenterPlan& dc : plan_.datacenters) {
      for (const DevicePlan& d : dc.devices) {
        if (d.device.id == worker) microBatch[key] = d.sequences_per_step;
      }
    }
  }
  for (const auto& [key, rates] : perType) {
    store_->saveDeviceProfile({key.first, modelKey(project_.run.model), std::max(1, microBatch[key]), median(rates), 0, key.second,
                               unixSeconds()});
  }
}

void RunLauncher::checkPlacements() const {
  for (const auto& [datacenterId, placement] : options_.placements) {
    const auto& dcs = project_.topology.datacenters;
    if (std::none_of(dcs.begin(), dcs.end(), [&](const Datacenter& dc) { return dc.id == datacenterId; })) {
      throw std::runtime_error("placement for datacenter '" + datacenterId + "', which the project does not have");
    }
    if (!isValidNetnsName(placement.netns) || !isIpv4Address(placement.address)) {
      throw std::runtime_error("placement of datacenter '" + datacenterId + "' needs a namespace name and an IPv4 address");
    }
    if (!std::filesystem::exists(std::filesystem::path("/run/netns") / placement.netns)) {
      throw std::runtime_error("network namespace '" + placement.netns + "' for datacenter '" + datacenterId +
                               "' does not exist (create it with `ip netns add`)");
    }
  }
}

std::string RunLauncher::hostOf(const std::string& datacenterId) const {
  if (const auto leader = leaderHost_.find(datacenterId); leader != leaderHost_.end()) return leader->second;
  const auto it = options_.placements.find(datacenterId);
  return it == options_.placements.end() ? "127.0.0.1" : it->second.address;
}

void RunLauncher::reserveEndpoints(const std::vector<const DatacenterPlan*>& active) {
  // Node agents hand out ports on their own machines (and say at which address peers reach
  // them); local spawners use free loopback ports of this machine.
  std::vector<int> local;
  if (!spawner_->supervises()) local = pickFreeLoopbackPorts(static_cast<int>(active.size() * 2));
  for (std::size_t i = 0; i < active.size(); ++i) {
    const DatacenterPlan& dc = *active[i];
    if (!local.empty()) {
      rendezvousPort_[dc.id] = local[2 * i];
      wanPort_[dc.id] = local[2 * i + 1];
      continue;
    }
    const DevicePlan* leader = nullptr;
    for (const DevicePlan& d : dc.devices) {
      if (!d.excluded && d.sequences_per_step > 0 && leader == nullptr) leader = &d;
    }
    for (const DevicePlan& d : dc.devices) {
      if (d.excluded || d.sequences_per_step <= 0 || nodeHost_.count(d.device.node_id) != 0) continue;
      const bool leaderNode = d.device.node_id == leader->device.node_id;
      const std::optional<NodePorts> ports = spawner_->reservePorts(d.device.node_id, leaderNode ? 2 : 1);
      if (!ports) throw std::runtime_error("the spawner cannot reserve ports on node " + d.device.node_id);
      nodeHost_[d.device.node_id] = ports->host;
      if (leaderNode) {
        leaderHost_[dc.id] = ports->host;
        rendezvousPort_[dc.id] = ports->ports[0];
        wanPort_[dc.id] = ports->ports[1];
      }
    }
  }
}

std::int64_t RunLauncher::start() {
  started_ = std::chrono::steady_clock::now();
  startedUnix_s_ = unixSeconds();
  checkPlacements();
  for (const Fault& fault : options_.faults) {
    if (fault.kind == FaultKind::Throttle) {
      const bool emulated = std::any_of(project_.topology.datacenters.begin(), project_.topology.datacenters.end(), [&](const Datacenter& dc) {
        return std::any_of(dc.nodes.begin(), dc.nodes.end(), [&](const Node& node) {
          return std::any_of(node.devices.begin(), node.devices.end(), [](const DeviceGroup& group) { return group.emulate; });
        });
      });
      if (!emulated) throw std::runtime_error("fault '" + describeFault(fault) + "': only emulated devices can be throttled");
    }
  }
  faultApplied_.assign(options_.faults.size(), false);
  std::filesystem::create_directories(options_.store_path.parent_path());
  store_ = std::make_unique<RunStore>(options_.store_path);
  markRunsWithLostLaunchers(*store_);
  preparePlan();
  dilateFaults();
  // The human name (--name, or project and time) gets a random suffix: certificates are bound to
  // the id, so a run reusing a name never accepts the certificates of the earlier one.
  runName_ = newRunId(options_.run_name.empty() ? defaultRunName(project_.name) : options_.run_name);
  runDirectory_ = options_.runs_directory / runName_;
  // The run's folder holds its keys, secrets, journals and checkpoints: 0700, whatever the umask.
  for (const char* sub : {"specs", "journals", "logs", "pki", "checkpoints"}) {
    std::filesystem::create_directories(runDirectory_ / sub);
    std::filesystem::permissions(runDirectory_ / sub, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace);
  }
  std::filesystem::permissions(runDirectory_, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace);

  bool anyEmulated = false;
  for (const DatacenterPlan& dc : plan_.datacenters) {
    for (const DevicePlan& d : dc.devices) anyEmulated |= d.device.emulated;
  }
  runId_ = store_->createRun({0, runName_, project_.name, RunState::Running, toString(project_.run.train.sync), anyEmulated,
                              unixSeconds(), unixSeconds(), {}});
  store_->takeLauncherLease(runId_, currentLauncherLease());
  store_->saveTopology(runId_, serializeProject(project_));
  store_->savePlan(runId_, planToJson(plan_).dump());
  collector_ = std::make_unique<RunCollector>(*store_, runId_);
  collector_->watch(RunAlerts(options_.alerts, plan_.predicted_tokens_per_s, shaped_.topology.links));
  store_->saveRunAgents(runId_, options_.agents);
  writeSpecsAndStart();
  return runId_;
}

Project storedRunProject(RunStore& store, const RunRecord& run) {
  Diagnostics problems;
  const std::optional<std::string> topology = store.topology(run.id);
  std::optional<Project> project = topology ? parseProject(*topology, problems) : std::nullopt;
  if (!project) throw std::runtime_error("run " + run.name + ": the store holds no readable project snapshot");
  return std::move(*project);
}

std::int64_t RunLauncher::resume(const std::string& runName) {
  started_ = std::chrono::steady_clock::now();
  startedUnix_s_ = unixSeconds();
  checkPlacements();
  faultApplied_.assign(options_.faults.size(), false);
  std::filesystem::create_directories(options_.store_path.parent_path());
  store_ = std::make_unique<RunStore>(options_.store_path);
  // A run whose launcher died while it was going is marked failed here, and so can be resumed.
  markRunsWithLostLaunchers(*store_);
  const std::optional<RunRecord> run = store_->findRunByName(runName);
  if (!run) throw std::runtime_error("the store " + options_.store_path.string() + " has no run named " + runName);
  if (run->state == RunState::Running) {
    throw std::runtime_error("run " + runName + " is still running: follow it with --attach, or stop it first");
  }
  if (run->state == RunState::Completed) {
    throw std::runtime_error("run " + runName + " completed its token budget: there is nothing to resume");
  }
  project_ = storedRunProject(*store_, *run);
  runId_ = run->id;
  runName_ = run->name;
  runDirectory_ = options_.runs_directory / runName_;
  keepStoredDilation();
  preparePlan();
  dilateFaults();

  // Which set each datacenter continues from, as the store lists them (the files may be on the
  // nodes); a run without any cannot be resumed: its workers would start from fresh parameters.
  std::map<std::string, std::int64_t> newestRound;  // by checkpoint folder name
  for (const CheckpointRecord& checkpoint : store_->checkpoints(runId_)) {
    const std::filesystem::path path(checkpoint.path);
    if (const std::optional<std::int64_t> round = checkpointSetRound(path)) {
      std::int64_t& newest = newestRound[path.parent_path().filename().string()];
      newest = std::max(newest, *round);
    }
  }
  std::string from;
  for (const DatacenterPlan& dc : plan_.datacenters) {
    if (dc.sequences_per_step <= 0) continue;
    const auto it = newestRound.find(datacenterCheckpointFolder({}, dc.id).filename().string());
    from += (from.empty() ? "" : ", ") + dc.id + (it == newestRound.end() ? " none" : " round " + std::to_string(it->second));
  }
  if (newestRound.empty()) throw std::runtime_error("run " + runName + " has no checkpoint set in the store: it cannot be resumed");
  if (!spawner_->supervises()) {
    // Workers spawned here write journals that the collector reads from the start: the resumed
    // ones write new journals (numbered from 1 again), the old ones are kept beside them. Node
    // agents instead append to a worker's journal, whose line numbers the store's cursors follow.
    const std::filesystem::path journals = runDirectory_ / "journals";
    int attempt = 1;
    while (std::filesystem::exists(journals / ("before-resume-" + std::to_string(attempt)))) ++attempt;
    const std::filesystem::path aside = journals / ("before-resume-" + std::to_string(attempt));
    std::filesystem::create_directories(aside);
    for (const auto& entry : std::filesystem::directory_iterator(journals)) {
      if (entry.is_regular_file()) std::filesystem::rename(entry.path(), aside / entry.path().filename());
    }
    store_->forgetJournalCursors(runId_);
  }
  store_->setRunState(runId_, RunState::Running, unixSeconds());
  store_->takeLauncherLease(runId_, currentLauncherLease());
  collector_ = std::make_unique<RunCollector>(*store_, runId_);
  collector_->watch(RunAlerts(options_.alerts, plan_.predicted_tokens_per_s, shaped_.topology.links));
  resuming_ = true;
  event(events::runResumed(runName_, from));
  writeSpecsAndStart();
  if (spawner_->supervises()) collector_->resume();
  return runId_;
}

std::int64_t RunLauncher::attach(const std::string& runName) {
  std::filesystem::create_directories(options_.store_path.parent_path());
  store_ = std::make_unique<RunStore>(options_.store_path);
  markRunsWithLostLaunchers(*store_);
  const std::optional<RunRecord> run = store_->findRunByName(runName);
  if (!run) throw std::runtime_error("the store " + options_.store_path.string() + " has no run named " + runName);
  if (run->state != RunState::Running) {
    throw std::runtime_error("run " + runName + " has already ended (" + std::string(toString(run->state)) + ")");
  }
  project_ = storedRunProject(*store_, *run);
  runId_ = run->id;
  runName_ = run->name;
  runDirectory_ = options_.runs_directory / runName_;
  store_->takeLauncherLease(runId_, currentLauncherLease());
  startedUnix_s_ = run->started_at_s.value_or(run->created_at_s);
  started_ = std::chrono::steady_clock::now() - toSteadyDuration(std::max(0.0, unixSeconds() - startedUnix_s_));
  // The plan is made again from the snapshot: it only labels progress and the summary here.
  preparePlan();
  faultApplied_.assign(options_.faults.size(), true);
  collector_ = std::make_unique<RunCollector>(*store_, runId_);
  collector_->watch(RunAlerts(options_.alerts, plan_.predicted_tokens_per_s, shaped_.topology.links));
  std::map<std::string, std::string> nodeByWorker;
  for (const WorkerRecord& w : store_->workers(runId_)) {
    collector_->addStream(w.worker_id, w.datacenter_id, w.rank_in_dc == 0);
    WorkerSpec spec;
    spec.run_id = runName_;
    spec.worker_id = w.worker_id;
    spec.datacenter_id = w.datacenter_id;
    spec.node_id = w.node_id;
    spec.rank = w.rank_in_dc;
    supervised_[w.worker_id] = Supervised{spec, {}, 0, std::nullopt, std::nullopt};
    nodeByWorker[w.worker_id] = w.node_id;
  }
  collector_->resume();
  spawner_->adopt(runName_, nodeByWorker);
  event(events::runAttached(runName_));
  return runId_;
}

std::filesystem::path RunLauncher::writeRendezvousSecret(const std::string& datacenterId) const {
  const std::filesystem::path folder = runDirectory_ / "secrets";
  std::filesystem::create_directories(folder);
  std::filesystem::permissions(folder, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace);
  const std::filesystem::path path = folder / (safeName(datacenterId) + ".secret");
  comm::RendezvousSecret::generate().writeFile(path);
  return path;
}

void RunLauncher::writeSpecsAndStart() {
  // Datacenters that take part, in project order: their index is their WAN rank.
  std::vector<const DatacenterPlan*> active;
  for (const DatacenterPlan& dc : plan_.datacenters) {
    if (dc.sequences_per_step > 0) active.push_back(&dc);
  }
  if (active.empty()) throw std::runtime_error("no device of the project can hold the model: nothing to run");
  const bool multiDatacenter = active.size() > 1;
  reserveEndpoints(active);

  // The console's CA signs one certificate per datacenter leader, bound to this run.
  std::optional<pki::CertificateAuthority> authority;
  if (multiDatacenter) {
    authority = std::filesystem::exists(options_.pki_directory / pki::CertificateAuthority::kCertificateFile)
                    ? pki::CertificateAuthority::open(options_.pki_directory)
                    : pki::CertificateAuthority::create(options_.pki_directory, "archipelago-console-ca");
  }
  std::vector<LeaderPeer> leaders;
  for (std::size_t i = 0; i < active.size() && multiDatacenter; ++i) {
    const std::string name = safeName("leader-" + active[i]->id);
    const std::string host = hostOf(active[i]->id);
    leaders.push_back({active[i]->id, name, {host, wanPort_[active[i]->id]}});
    const std::chrono::seconds lifetime = options_.leader_certificate_lifetime.count() > 0
                                              ? options_.leader_certificate_lifetime
                                              : leaderCertificateLifetime(plan_, project_.run.train.tokens);
    authority->issueToDirectory({pki::PeerRole::Worker, name, runName_, {host}, std::nullopt, lifetime}, runDirectory_ / "pki");
    leaderCertificates_.push_back({name, host, lifetime, std::chrono::system_clock::now() + 2 * lifetime / 3});
  }

  std::vector<WorkerRecord> workerRows;
  std::vector<std::pair<WorkerSpec, std::filesystem::path>> specs;
  std::map<std::string, int> nextGpuOnNode;  // gpu_workers: CUDA device indices handed out per node
  for (std::size_t i = 0; i < active.size(); ++i) {
    const DatacenterPlan& dc = *active[i];
    std::vector<const DevicePlan*> members;
    for (const DevicePlan& d : dc.devices) {
      if (!d.excluded && d.sequences_per_step > 0) members.push_back(&d);
    }
    // The datacenter's rendezvous store serves only workers holding this run's secret.
    const std::string secretFile = members.size() > 1 ? writeRendezvousSecret(dc.id).string() : std::string();
    std::vector<int> shares;
    std::vector<int> caps;
    std::vector<std::string> ids;
    for (const DevicePlan* d : members) {
      shares.push_back(d->sequences_per_step);
      // A worker's activations are allocated for its cap: what its memory holds, but at most
      // twice its share (enough to carry a lost peer's share in a datacenter of two or more).
      caps.push_back(std::max(d->sequences_per_step, std::min(d->max_sequences, 2 * d->sequences_per_step)));
      ids.push_back(d->device.id);
    }
    const WanLink* slowest = nullptr;
    // The links as the emulation shapes them: dilated when the run is.
    for (const WanLink& link : shaped_.topology.links) {
      if ((link.a == dc.id || link.b == dc.id) && (slowest == nullptr || link.gbit < slowest->gbit)) slowest = &link;
    }
    for (std::size_t rank = 0; rank < members.size(); ++rank) {
      const DevicePlan& device = *members[rank];
      WorkerSpec spec;
      spec.run_id = runName_;
      spec.worker_id = device.device.id;
      spec.datacenter_id = dc.id;
      spec.node_id = device.device.node_id;
      spec.rank = static_cast<int>(rank);
      spec.world_size = static_cast<int>(members.size());
      spec.device_type = device.device.type;
      spec.emulated = device.device.emulated;
      const GpuSpec* type = catalog_.find(device.device.type);
      if (options_.gpu_workers && !device.device.emulated && type != nullptr && !type->cuda_name.empty()) {
        spec.backend = "cuda";
        spec.gpu = std::to_string(nextGpuOnNode[device.device.node_id]++);
      }
      spec.pace_tokens_per_s = device.device.emulated ? paceByType_[device.device.type] : 0.0;
      // Throttle faults travel in the spec (the worker applies them on time, also after a restart).
      for (const Fault& fault : options_.faults) {
        if (fault.kind == FaultKind::Throttle && fault.worker_id == device.device.id) {
          spec.pace_changes.push_back({startedUnix_s_ + fault.at_s, fault.factor});
        }
      }
      spec.rebalance = !options_.equal_split;
      spec.dc_shares = shares;
      spec.dc_share_caps = caps;
      spec.dc_worker_ids = ids;
      // Ports are picked free on this namespace's loopback; a datacenter's own namespace
      // normally has nothing else listening.
      spec.rendezvous = {hostOf(dc.id), rendezvousPort_[dc.id]};
      spec.rendezvous_secret_file = secretFile;
      spec.fabric_address = nodeHost_.count(spec.node_id) != 0 ? nodeHost_[spec.node_id] : hostOf(dc.id);
      spec.threads = options_.threads_per_worker;
      spec.wan_rank = static_cast<int>(i);
      spec.leaders = leaders;
      for (LeaderPeer& peer : spec.leaders) {
        for (const WanLink& link : shaped_.topology.links) {
          const bool joins = (link.a == dc.id && link.b == peer.datacenter_id) || (link.b == dc.id && link.a == peer.datacenter_id);
          if (joins) {
            peer.link_gbit = link.gbit;
            peer.link_rtt_ms = link.rtt_ms;
            peer.link_loss_pct = link.loss_pct;
          }
        }
      }
      spec.wan_streams = plan_.wan.streams_per_link;
      if (multiDatacenter && options_.wan_emulation && slowest != nullptr) {
        spec.wan_emulation = {true, slowest->gbit, slowest->rtt_ms, slowest->loss_pct};
      }
      if (multiDatacenter) {
        const std::filesystem::path pki = runDirectory_ / "pki";
        spec.tls = {(pki / "ca.crt").string(), (pki / (leaders[i].name + ".crt")).string(), (pki / (leaders[i].name + ".key")).string()};
      } else {
        spec.tls = {"", "", ""};
      }
      spec.run = project_.run;
      // Time box of a round: the fastest datacenter's H steps as planned; leaders retarget it from measurements.
      if (multiDatacenter && project_.run.train.sync == SyncMode::DiLoCo) {
        double fastestStepMs = 0.0;
        for (const DatacenterPlan* other : active) {
          fastestStepMs = fastestStepMs == 0.0 ? other->step_ms : std::min(fastestStepMs, other->step_ms);
        }
        spec.round_target_s = project_.run.train.inner_steps * fastestStepMs / 1e3;
      }
      if (multiDatacenter) {
        // A leader that has not delivered its part of an outer all-reduce within this time is
        // left out of the round (docs/architecture.md#faults): the predicted transfer with ample
        // headroom, plus time for a datacenter finishing its last inner step.
        spec.wan_round_timeout_s = 10.0 + 4.0 * plan_.wan.allreduce_ms / 1e3 + 0.5 * spec.round_target_s;
        spec.wan_cuts_file = (runDirectory_ / "faults" / "wan-cuts").string();
      }
      const std::string stem = fileStem(spec.worker_id);
      spec.journal = (runDirectory_ / "journals" / (stem + ".jsonl")).string();
      spec.checkpoint_dir = (runDirectory_ / "checkpoints").string();
      spec.resume = resuming_;
      const std::filesystem::path specPath = runDirectory_ / "specs" / (stem + ".json");
      writeWorkerSpec(spec, specPath);
      if (spawner_->supervises()) {
        collector_->addStream(spec.worker_id, dc.id, spec.isLeader());
      } else {
        collector_->addJournal(spec.journal, dc.id, spec.isLeader());
      }
      workerRows.push_back({runId_, spec.worker_id, dc.id, device.device.node_id, spec.rank, spec.device_type, spec.emulated});
      specs.emplace_back(std::move(spec), specPath);
    }
  }
  // A resumed run's workers have their rows; a worker the new plan adds gets one.
  if (resuming_) {
    std::set<std::string> known;
    for (const WorkerRecord& w : store_->workers(runId_)) known.insert(w.worker_id);
    std::erase_if(workerRows, [&](const WorkerRecord& w) { return known.count(w.worker_id) != 0; });
  }
  store_->addWorkers(workerRows);
  if (options_.worker_user) giveTreeTo(runDirectory_, *options_.worker_user);
  for (const auto& [spec, path] : specs) {
    spawner_->start(spec, path, runDirectory_ / "logs" / (fileStem(spec.worker_id) + ".log"));
    supervised_[spec.worker_id] = Supervised{spec, path, 0, std::nullopt, std::nullopt};
  }
  event(events::runLaunched("started " + std::to_string(specs.size()) + " workers in " + std::to_string(active.size()) +
                            " datacenter(s)" + (multiDatacenter && options_.wan_emulation ? "; WAN links emulated in user space" : "") +
                            (options_.placements.empty() ? "" : "; datacenters placed in network namespaces") +
                            (dilation_ ? fmt::format("; devices emulated, dilated rehearsal ×{:.4g}: links, time boxes and timeouts "
                                                     "scaled by it ({})",
                                                     dilation_->factor, dilation_->derivation())
                                       : std::string())));
}

bool RunLauncher::poll() {
  spawner_->collect(*collector_);
  collector_->poll();
  applyDueFaults();
  renewDueCertificates();
  for (const WorkerExit& exit : spawner_->poll()) handleExit(exit);
  restartDueWorkers();
  const bool restartPending = std::any_of(supervised_.begin(), supervised_.end(),
                                          [](const auto& entry) { return entry.second.restartAt.has_value(); });
  return spawner_->running() > 0 || restartPending;
}

void RunLauncher::event(const RunEvent& happened) {
  EventRecord record = EventRecord::of(runId_, unixSeconds(), "launcher", happened);
  if (!collector_) {
    store_->addEvent(record);
    return;
  }
  // The poll loop must outlive a store that refuses writes (disk full, busy): the event waits
  // with the collector's batch and is stored when the store recovers.
  try {
    store_->addEvent(record);
  } catch (const StoreError&) {
    collector_->keep(std::move(record));
  }
}

void RunLauncher::handleExit(const WorkerExit& exit) {
  const auto it = supervised_.find(exit.worker_id);
  if (it == supervised_.end()) return;
  Supervised& worker = it->second;
  const std::string& datacenter = worker.spec.datacenter_id;
  if (exit.success) {
    // The leader ends the run for its datacenter; workers still waiting to re-join it are told to stop.
    if (worker.spec.isLeader() && datacenterDone_.count(datacenter) == 0) {
      datacenterDone_[datacenter] = std::chrono::steady_clock::now();
      for (const auto& [id, other] : supervised_) {
        if (other.spec.datacenter_id == datacenter && id != exit.worker_id) spawner_->signal(id, SIGTERM);
      }
    }
    return;
  }
  const std::string log = (runDirectory_ / "logs" / (fileStem(exit.worker_id) + ".log")).string();
  if (stopRequested_ || datacenterDone_.count(datacenter) != 0) {
    event(events::workerExitedAfterRun(exit.worker_id, exit.how, log));
    return;
  }
  if (spawner_->supervises() || worker.restarts >= options_.max_restarts_per_worker) {
    // A supervising spawner (node agents) reports an exit only once it has given up restarting.
    const std::string text = spawner_->supervises() ? "worker " + exit.worker_id + " " + exit.how + "; its agent gave up restarting it"
                                                    : "worker " + exit.worker_id + " " + exit.how + " after " +
                                                          std::to_string(worker.restarts) + " restart(s); giving up (log: " + log + ")";
    event(events::workerGaveUp(exit.worker_id, text));
    failures_.push_back(text);
    requestStop();
    return;
  }
  ++worker.restarts;
  const double delay_s = worker.restartAfterKill_s.value_or(static_cast<double>(1 << std::min(worker.restarts - 1, 6)));
  worker.restartAfterKill_s.reset();
  worker.restartAt = std::chrono::steady_clock::now() +
                     std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(delay_s));
  event(events::workerRestarting(exit.worker_id, exit.how, worker.restarts, delay_s, log));
}

void RunLauncher::restartDueWorkers() {
  const auto now = std::chrono::steady_clock::now();
  for (auto& [id, worker] : supervised_) {
    if (!worker.restartAt || *worker.restartAt > now) continue;
    worker.restartAt.reset();
    if (stopRequested_ || datacenterDone_.count(worker.spec.datacenter_id) != 0) continue;
    // The same spec: the worker re-joins its datacenter and takes the datacenter's state.
    spawner_->start(worker.spec, worker.specPath, runDirectory_ / "logs" / (fileStem(id) + ".log"));
    event(events::workerRestarted(id, worker.restarts, worker.spec.datacenter_id));
  }
}

void RunLauncher::renewDueCertificates() {
  // Workers on node agents hold copies the agents wrote: renewing those needs the agents' API
  // (not there yet), so only leaders reading this run's own pki/ folder are renewed here.
  if (leaderCertificates_.empty() || spawner_->supervises()) return;
  const auto now = std::chrono::system_clock::now();
  for (LeaderCertificate& leader : leaderCertificates_) {
    if (now < leader.renewAt) continue;
    try {
      const pki::CertificateAuthority authority = pki::CertificateAuthority::open(options_.pki_directory);
      authority.issueToDirectory({pki::PeerRole::Worker, leader.name, runName_, {leader.host}, std::nullopt, leader.lifetime},
                                 runDirectory_ / "pki");
      if (options_.worker_user) giveTreeTo(runDirectory_ / "pki", *options_.worker_user);
      leader.renewAt = now + 2 * leader.lifetime / 3;
      event(events::certificateRenewed(leader.name, static_cast<double>(leader.lifetime.count())));
    } catch (const std::exception& e) {
      // Tried again at the next poll; the leader keeps its current certificate meanwhile.
      leader.renewAt = now + std::chrono::seconds(10);
      event(events::note(EventLevel::Warning, "cannot renew the certificate of " + leader.name + ": " + e.what()));
    }
  }
}

void RunLauncher::applyDueFaults() {
  const double elapsed_s = elapsedSeconds();
  for (std::size_t i = 0; i < options_.faults.size(); ++i) {
    const Fault& fault = options_.faults[i];
    if (faultApplied_[i] || elapsed_s < fault.at_s || stopRequested_) continue;
    faultApplied_[i] = true;
    if (fault.kind == FaultKind::KillWorker) {
      const auto it = supervised_.find(fault.worker_id);
      const std::optional<double> restartAfter =
          fault.restart_after_s >= 0.0 ? std::optional<double>(fault.restart_after_s) : std::nullopt;
      const bool killed = it != supervised_.end() && (spawner_->supervises() ? spawner_->killForFault(fault.worker_id, restartAfter)
                                                                             : spawner_->signal(fault.worker_id, SIGKILL));
      if (!killed) {
        event(events::faultSkipped(describeFault(fault), "no such worker is running"));
        continue;
      }
      if (fault.restart_after_s >= 0.0) it->second.restartAfterKill_s = fault.restart_after_s;
      event(events::faultInjected(describeFault(fault), ": sent SIGKILL"));
    } else if (fault.kind == FaultKind::CutLink) {
      const auto known = [&](const std::string& id) {
        return std::any_of(project_.topology.datacenters.begin(), project_.topology.datacenters.end(),
                           [&](const Datacenter& dc) { return dc.id == id; });
      };
      if (!known(fault.dc_a) || !known(fault.dc_b) || fault.dc_a == fault.dc_b) {
        event(events::faultSkipped(describeFault(fault), "not a link between two datacenters of the run"));
        continue;
      }
      activeCuts_.push_back({fault.dc_a, fault.dc_b, std::chrono::steady_clock::now() +
                                                         std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                             std::chrono::duration<double>(fault.duration_s))});
      writeLinkCuts();
      event(events::faultInjected(describeFault(fault),
                                  " (emulated: both leaders stop sending on it, dialing and admitting each other)"));
    } else if (fault.kind == FaultKind::Throttle) {
      event(events::faultInjected(describeFault(fault), ": applied by the worker from its spec"));
    }
  }
  const auto now = std::chrono::steady_clock::now();
  const auto healed = std::remove_if(activeCuts_.begin(), activeCuts_.end(), [&](const LinkCut& cut) {
    if (cut.until > now) return false;
    event(events::linkRestored(cut.a, cut.b));
    return true;
  });
  if (healed != activeCuts_.end()) {
    activeCuts_.erase(healed, activeCuts_.end());
    writeLinkCuts();
  }
}

void RunLauncher::writeLinkCuts() {
  // The leaders read this file (spec wan_cuts_file); replaced whole so that no reader sees half a line.
  std::string text;
  for (const LinkCut& cut : activeCuts_) text += cut.a + " " + cut.b + "\n";
  if (spawner_->publishLinkCuts(text)) return;
  std::filesystem::create_directories(runDirectory_ / "faults");
  writeFileAtomically(runDirectory_ / "faults" / "wan-cuts", text);
}

void RunLauncher::requestStop() {
  if (stopRequested_) return;
  stopRequested_ = true;
  event(events::stopRequested());
  spawner_->requestStop();
}

RunSummary RunLauncher::finish(std::chrono::milliseconds grace) {
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (poll() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  if (spawner_->running() > 0) {
    event(events::workersKilled());
    spawner_->stopAll(std::chrono::seconds(2));
    poll();
  }
  spawner_->collectRest(*collector_, std::chrono::seconds(5));
  collector_->poll();

  RunSummary summary;
  summary.run_id = runId_;
  summary.name = runName_;
  summary.run_directory = runDirectory_;
  summary.elapsed_s = elapsedSeconds();
  summary.failures = failures_;
  summary.state = !failures_.empty() ? RunState::Failed : (stopRequested_ ? RunState::Stopped : RunState::Completed);
  // A store that refuses writes (disk full) gets a while to recover: what waits is the run's record.
  const auto storeDeadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (collector_->storeTrouble() && std::chrono::steady_clock::now() < storeDeadline) {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    collector_->poll();
  }
  try {
    store_->setRunState(runId_, summary.state, unixSeconds());
    store_->releaseLauncherLease(runId_);
    saveMeasuredProfiles();
  } catch (const StoreError& e) {
    summary.failures.push_back(std::string("the run store could not record the run's end: ") + e.what());
    return summary;
  }
  for (const DatacenterPlan& dc : plan_.datacenters) {
    DatacenterSummary s;
    s.id = dc.id;
    s.name = dc.name;
    s.predicted_tokens_per_s = dc.tokens_per_s;
    for (const DatacenterPlan& real : realPlan_.datacenters) {
      if (dilation_ && real.id == dc.id) s.real_predicted_tokens_per_s = real.tokens_per_s;
    }
    if (dilation_ && realPlan_.datacenters.empty()) s.real_predicted_tokens_per_s = dc.tokens_per_s * dilation_->factor;
    for (const DevicePlan& d : dc.devices) {
      s.workers += d.sequences_per_step > 0 ? 1 : 0;
      s.emulated |= d.device.emulated;
    }
    if (const auto it = collector_->progress().find(dc.id); it != collector_->progress().end()) {
      s.tokens = it->second.tokens;
      s.leader_steps = it->second.leader_steps;
      s.rounds = it->second.rounds;
      s.wan_bytes = it->second.wan_bytes;
      s.tokens_per_s = it->second.tokensPerSecond();
    }
    summary.any_emulated |= s.emulated;
    summary.tokens += s.tokens;
    summary.tokens_per_s += s.tokens_per_s;
    summary.wan_bytes += s.wan_bytes;
    summary.datacenters.push_back(s);
  }
  summary.predicted_tokens_per_s = plan_.predicted_tokens_per_s;
  const auto activeCount = std::count_if(plan_.datacenters.begin(), plan_.datacenters.end(),
                                         [](const DatacenterPlan& dc) { return dc.sequences_per_step > 0; });
  summary.wan_emulated = options_.wan_emulation && activeCount > 1;
  summary.in_namespaces = !options_.placements.empty();
  if (dilation_) {
    summary.dilation = dilation_->factor;
    summary.dilation_bytes_factor = dilation_->bytesFactor();
    summary.dilation_derivation = dilation_->derivation();
  }
  const auto validation = store_->validation(runId_);
  if (!validation.empty()) {
    summary.first_validation_loss = validation.front().loss;
    summary.final_validation_loss = validation.back().loss;
  }
  const auto samples = store_->samples(runId_);
  if (!samples.empty()) summary.sample = samples.back().prompt + samples.back().text;
  return summary;
}

}  // namespace archi
