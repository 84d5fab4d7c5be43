#include "control/WorkerRuntime.h"

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <system_error>
#include <vector>

#include "comm/collective/ElasticGroup.h"
#include "comm/gloo/GlooElasticGroup.h"
#include "comm/gloo/RendezvousServer.h"
#include "comm/wan/ElasticLeaders.h"
#include "comm/wan/LinkCuts.h"
#include "comm/wan/LinkShaper.h"
#include "control/GpuCollective.h"
#include "control/GpuDeviceCheck.h"
#include "control/JournalObserver.h"
#include "control/MetricsJournal.h"
#include "core/GpuCatalog.h"
#include "core/RunEvents.h"
#include "cuda/CudaPluginLoader.h"

namespace archi {
namespace {

using Logger = std::shared_ptr<spdlog::logger>;

// The datacenter's group re-forms around lost and restarted workers (issue 5, faults).
comm::ElasticGroupOptions datacenterGroupOptions(const WorkerSpec& spec, const comm::RendezvousSecret& secret,
                                                 const Logger& logger) {
  comm::ElasticGroupOptions elastic;
  elastic.slot = spec.rank;
  elastic.slotCount = spec.world_size;
  elastic.gloo.rendezvous = {spec.rendezvous.host, static_cast<std::uint16_t>(spec.rendezvous.port)};
  elastic.gloo.rendezvousSecret = secret;
  elastic.gloo.groupName = spec.run_id + "-" + spec.datacenter_id;
  elastic.gloo.transportHost = spec.fabric_address;
  // Short: a killed peer closes its sockets and the ring fails at once; this only bounds a
  // peer that hangs. Waits on the leader's WAN work have their own long deadline.
  elastic.gloo.operationTimeout = std::chrono::seconds(30);
  elastic.log = [logger](const std::string& text) { logger->info("{}", text); };
  return elastic;
}

wan::WanGroupConfig wanGroupConfig(const WorkerSpec& spec, const Logger& logger) {
  wan::WanGroupConfig config;
  config.rank = spec.wan_rank;
  for (const LeaderPeer& peer : spec.leaders) {
    config.leaders.push_back({peer.name, peer.endpoint.host, static_cast<std::uint16_t>(peer.endpoint.port)});
  }
  config.identity = {spec.tls.ca, spec.tls.certificate, spec.tls.key};
  config.policy = {pki::PeerRole::Worker, spec.run_id};
  config.streamsPerPeer = spec.wan_streams;
  config.logger = logger;
  // The transport's stream default and deadlines follow the slowest link to a peer.
  const LeaderPeer* slowest = nullptr;
  for (const LeaderPeer& peer : spec.leaders) {
    if (peer.link_gbit > 0.0 && (slowest == nullptr || peer.link_gbit < slowest->link_gbit)) slowest = &peer;
  }
  if (slowest != nullptr) {
    config.link_gbit = slowest->link_gbit;
    config.link_rtt_ms = slowest->link_rtt_ms;
  }
  if (spec.wan_round_timeout_s > 0.0) config.round_timeout_s = spec.wan_round_timeout_s;
  return config;
}

// WAN emulation: each send to a peer is shaped to that link's bandwidth, delay and loss.
std::function<std::unique_ptr<wan::LinkShaper>(int)> linkShapers(const WorkerSpec& spec) {
  std::vector<LeaderPeer> peers = spec.leaders;
  const int streams = spec.wan_streams;
  const std::uint64_t seed = spec.run.seed ^ static_cast<std::uint64_t>(spec.wan_rank);
  return [peers, streams, seed](int peerRank) -> std::unique_ptr<wan::LinkShaper> {
    const LeaderPeer& peer = peers.at(static_cast<std::size_t>(peerRank));
    if (peer.link_gbit <= 0.0) return nullptr;  // no direct link described: unshaped
    const auto oneWay = std::chrono::duration_cast<wan::Clock::duration>(
        std::chrono::duration<double, std::milli>(peer.link_rtt_ms / 2.0));
    const int linkStreams = streams > 0 ? streams : wan::defaultStreamsForLink(peer.link_gbit, peer.link_rtt_ms);
    // The burst is at most 50 ms of the link's rate (at least 4 KiB, at most 64 KiB): on a slow or
    // dilated link a fixed 64 KiB would let a good part of a round's bytes through unshaped.
    const double bytes_per_s = peer.link_gbit * 1e9 / 8.0;
    const double burst_bytes = std::clamp(0.05 * bytes_per_s, 4096.0, 64.0 * 1024.0);
    return std::make_unique<wan::LossyLinkShaper>(bytes_per_s, burst_bytes, oneWay,
                                                  peer.link_loss_pct / 100.0, linkStreams,
                                                  seed * 1000003u + static_cast<std::uint64_t>(peerRank));
  };
}

std::string describeEmulatedLinks(const WorkerSpec& spec) {
  std::string links;
  for (const LeaderPeer& peer : spec.leaders) {
    if (peer.link_gbit > 0.0) {
      links += fmt::format("{}{} {:g} Mbit/s {:g} ms", links.empty() ? "" : ", ", peer.datacenter_id, peer.link_gbit * 1e3,
                           peer.link_rtt_ms);
      if (peer.link_loss_pct > 0.0) links += fmt::format(" {:g}% loss", peer.link_loss_pct);
    }
  }
  return links;
}

// A datacenter leader of a multi-datacenter run joins the other leaders over TLS.
std::unique_ptr<wan::ElasticLeaders> joinLeaders(const WorkerSpec& spec, const Logger& logger, WorkerObserver& observer) {
  const LeaderPeer& self = spec.leaders.at(static_cast<std::size_t>(spec.wan_rank));
  wan::Listener listener = wan::listenTcp(self.endpoint.host, static_cast<std::uint16_t>(self.endpoint.port));
  wan::ElasticLeadersConfig elastic;
  elastic.group = wanGroupConfig(spec, logger);
  if (spec.wan_emulation.enabled) {
    elastic.group.shaperForPeer = linkShapers(spec);
    observer.onEvent(events::wanEmulation(describeEmulatedLinks(spec)));
  }
  // An outsider knocks every few rounds: each knock that is answered costs the group a re-forming.
  elastic.knock_interval_s = std::max(30.0, 3.0 * spec.round_target_s);
  if (!spec.wan_cuts_file.empty()) {
    std::vector<std::string> datacenters;
    for (const LeaderPeer& peer : spec.leaders) datacenters.push_back(peer.datacenter_id);
    elastic.cuts = std::make_shared<wan::LinkCuts>(spec.wan_cuts_file, datacenters, spec.wan_rank);
  }
  auto leaders = std::make_unique<wan::ElasticLeaders>(std::move(elastic), std::move(listener));
  observer.onEvent(events::wanTransport(leaders->worldSize(), leaders->streamsPerPeer(), leaders->config().group.round_timeout_s,
                                        spec.wan_cuts_file));
  return leaders;
}

// A GPU worker's device: the one its spec names, checked against the type the plan assumed
// (a mismatch is reported, and the worker trains on what it got).
int chooseGpu(const WorkerSpec& spec, const cuda::PluginApi& plugin, WorkerObserver& observer) {
  const std::vector<cuda::DeviceInfo> devices = plugin.devices();
  const int index = resolveGpu(devices, spec.gpu.empty() ? "0" : spec.gpu);
  const cuda::DeviceInfo& device = devices.at(static_cast<std::size_t>(index));
  Diagnostics catalogProblems;
  const GpuCatalog catalog = GpuCatalog::loadDefault(catalogProblems);
  if (const GpuSpec* planned = catalog.find(spec.device_type)) {
    const std::vector<GpuMismatch> mismatches = checkGpuAgainstCatalog(device, *planned);
    if (!mismatches.empty()) {
      observer.onEvent(events::note(EventLevel::Warning,
                                    fmt::format("worker {}: CUDA device {} ({}, {}) is not the {} the plan assumed: {}",
                                                spec.worker_id, index, device.name, device.uuid, spec.device_type,
                                                describeGpuMismatches(mismatches))));
    }
  } else {
    observer.onEvent(events::note(EventLevel::Warning, fmt::format("worker {}: device type {} is not in the GPU catalog; "
                                                                   "CUDA device {} ({}) was not checked",
                                                                   spec.worker_id, spec.device_type, index, device.name)));
  }
  observer.onEvent(events::note(EventLevel::Info, fmt::format("worker {} computes on CUDA device {}: {} ({}), {:.1f} GiB, "
                                                              "compute capability {}.{}",
                                                              spec.worker_id, index, device.name, device.uuid,
                                                              static_cast<double>(device.totalMemoryBytes) / (1u << 30),
                                                              device.computeCapabilityMajor, device.computeCapabilityMinor)));
  return index;
}

DilocoWorkerConfig trainingConfig(const WorkerSpec& spec, bool rejoining) {
  DilocoWorkerConfig config;
  config.run = spec.run;
  config.worker_id = spec.worker_id;
  config.datacenter_id = spec.datacenter_id;
  config.shares = spec.dc_shares;
  config.share_caps = spec.dc_share_caps;
  config.slot_worker_ids = spec.dc_worker_ids;
  config.dc_index = spec.wan_rank;
  config.dc_count = std::max<int>(1, static_cast<int>(spec.leaders.size()));
  config.pace_tokens_per_s = spec.emulated ? spec.pace_tokens_per_s : 0.0;
  for (const PaceChange& change : spec.pace_changes) config.pace_changes.push_back({change.at_unix_s, change.factor});
  config.rebalance = spec.rebalance;
  config.round_target_s = spec.round_target_s;
  config.threads = spec.threads;
  config.backend.kind = spec.onGpu() ? BackendChoice::Kind::Cuda : BackendChoice::Kind::Cpu;
  config.checkpoint_dir = spec.checkpoint_dir;
  config.rejoining = rejoining;
  config.resume = spec.resume;
  return config;
}

}  // namespace

std::string workerLogPattern(const std::string& workerId) { return "[%H:%M:%S.%e] [" + workerId + "] [%l] %v"; }

WorkerRuntime::WorkerRuntime(WorkerSpec spec, std::shared_ptr<spdlog::logger> logger)
    : spec_(std::move(spec)), logger_(std::move(logger)) {}

WorkerOutcome WorkerRuntime::run(const std::atomic<bool>& stop) {
  // A journal that already holds records means this worker was restarted mid-run. Not when the
  // whole run is resumed (node agents keep appending to a worker's journal): then every leader
  // starts at once and none has a group to knock on.
  std::error_code ignored;
  const bool rejoining = !spec_.resume && std::filesystem::file_size(spec_.journal, ignored) > 0 && !ignored;
  JournalWriter journal(spec_.journal);
  JournalObserver observer(journal, spec_, logger_);
  WorkerOutcome outcome;
  try {
    observer.onEvent(events::workerStarting(spec_.worker_id, spec_.device_type, spec_.rank, spec_.world_size, spec_.datacenter_id,
                                            spec_.emulated, spec_.pace_tokens_per_s));
    // A datacenter of one worker has no store and no secret (WorkerSpec::rendezvous_secret_file).
    comm::RendezvousSecret secret;
    if (spec_.world_size > 1) secret = comm::RendezvousSecret::readFile(spec_.rendezvous_secret_file);
    std::unique_ptr<comm::RendezvousServer> rendezvous;
    if (spec_.isLeader() && spec_.world_size > 1) {
      comm::RendezvousServerOptions options;
      options.bind = {spec_.rendezvous.host, static_cast<std::uint16_t>(spec_.rendezvous.port)};
      options.secret = secret;
      rendezvous = std::make_unique<comm::RendezvousServer>(options);
    }
    DilocoWorkerConfig training = trainingConfig(spec_, rejoining);
    std::unique_ptr<comm::Collective> gpuGroup;
    std::unique_ptr<comm::ElasticGroup> datacenter;
    if (spec_.onGpu()) {
      // GPU workers: NCCL, fixed membership (a failure ends the datacenter's workers, which
      // their agents restart); CPU workers: Gloo, re-forming around lost workers.
      const cuda::PluginApi& plugin = cuda::cudaPlugin();
      training.backend.device = chooseGpu(spec_, plugin, observer);
      gpuGroup = makeGpuCollective(spec_, secret, plugin, training.backend.device, std::chrono::seconds(60),
                                   std::chrono::seconds(30));
      datacenter = std::make_unique<comm::FixedGroup>(*gpuGroup);
    } else {
      auto gloo = std::make_unique<comm::GlooElasticGroup>(datacenterGroupOptions(spec_, secret, logger_), stop);
      if (!gloo->formed()) {
        observer.onEvent(events::workerStoppedBeforeGroup(spec_.worker_id));
        outcome.end = WorkerOutcome::End::StoppedBeforeGroup;
        return outcome;
      }
      datacenter = std::move(gloo);
    }
    std::unique_ptr<wan::ElasticLeaders> leaders;
    if (spec_.isLeader() && spec_.leaders.size() > 1) leaders = joinLeaders(spec_, logger_, observer);

    outcome.training = runDilocoWorker(training, *datacenter, leaders.get(), observer, stop);
    observer.onEvent(events::workerDone(spec_.worker_id, outcome.training.steps, outcome.training.rounds,
                                        outcome.training.global_tokens, outcome.training.stopped_early));
    return outcome;
  } catch (const std::exception& e) {
    observer.onEvent(events::workerFailed(spec_.worker_id, e.what()));
    logger_->error("{}", e.what());
    outcome.end = WorkerOutcome::End::Failed;
    outcome.error = e.what();
    return outcome;
  }
}

}  // namespace archi
