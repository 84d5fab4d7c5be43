// archi worker --spec FILE: one process per device. Reads its validated spec, joins its
// datacenter's Gloo group (the leader also serves the rendezvous store and, in a
// multi-datacenter run, joins the leaders' TLS WAN group), trains, and appends every step,
// round, validation loss, event, sample and checkpoint to its journal.

#include <fmt/core.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "cli/CliContext.h"
#include "cli/StopSignals.h"
#include "comm/gloo/GlooCollective.h"
#include "comm/gloo/GlooElasticGroup.h"
#include "comm/gloo/RendezvousServer.h"
#include "comm/wan/LinkShaper.h"
#include "comm/wan/ElasticLeaders.h"
#include "comm/wan/LinkCuts.h"
#include "control/JournalRecords.h"
#include "control/MetricsJournal.h"
#include "control/WorkerSpec.h"
#include "core/Resources.h"
#include "core/WallClock.h"
#include "train/DilocoWorker.h"

namespace archi::cli {
namespace {

// Journals every report; step lines carry the worker id, the rest the datacenter.
class JournalObserver : public WorkerObserver {
 public:
  JournalObserver(JournalWriter& journal, const WorkerSpec& spec, std::shared_ptr<spdlog::logger> logger)
      : journal_(journal), spec_(spec), logger_(std::move(logger)) {}

  void onStep(const WorkerStepReport& r) override {
    journal_.append(journal::stepRecord({0, spec_.worker_id, r.step, r.wall_time_s, r.tokens, r.loss, r.compute_ms,
                                         r.intra_ms, r.inter_ms, r.idle_ms}));
    logger_->debug("step {} loss {:.4f} lr {:.2e} grad_norm {:.3f} compute {:.0f} ms intra {:.0f} ms idle {:.0f} ms", r.step,
                   r.loss, r.learning_rate, r.grad_norm, r.compute_ms, r.intra_ms, r.idle_ms);
  }
  void onRound(const WorkerRoundReport& r) override {
    journal_.append(journal::roundRecord({0, r.round, spec_.datacenter_id, r.wall_time_s, r.inner_steps, r.tokens,
                                          static_cast<std::int64_t>(r.bytes_on_wire), r.compression_ratio, r.duration_ms,
                                          r.participants}));
    logger_->info("round {}: {} inner steps, {} tokens here, {} in the run; {} bytes on the WAN ({:.2f} of fp32) in {:.0f} ms; "
                  "{} participants; next time box {:.1f} s",
                  r.round, r.inner_steps, r.tokens, r.global_tokens, r.bytes_on_wire, r.compression_ratio, r.duration_ms,
                  r.participants, r.next_round_target_s);
  }
  void onValidation(std::int64_t step, std::int64_t round, std::int64_t tokens, double loss) override {
    journal_.append(journal::validationRecord({0, spec_.datacenter_id, step, round, unixSeconds(), tokens, loss}));
    logger_->info("validation loss {:.4f} at step {} (round {}, {} tokens)", loss, step, round, tokens);
  }
  void onEvent(const std::string& level, const std::string& text) override {
    journal_.append(journal::eventRecord({std::nullopt, unixSeconds(), level, spec_.worker_id, text}));
    logger_->info("{}", text);
  }
  void onSample(std::int64_t step, const std::string& prompt, const std::string& text) override {
    journal_.append(journal::sampleRecord({0, step, prompt, text}));
  }
  void onCheckpoint(std::int64_t step, const std::filesystem::path& path, const std::string& sha,
                    std::int64_t bytes) override {
    journal_.append(journal::checkpointRecord({0, step, path.string(), sha, bytes, unixSeconds()}));
    logger_->info("checkpoint {} at step {} ({} bytes, sha256 {})", path.string(), step, bytes, sha);
  }

 private:
  JournalWriter& journal_;
  const WorkerSpec& spec_;
  std::shared_ptr<spdlog::logger> logger_;
};

int runWorker(const std::string& specPath) {
  auto logger = std::make_shared<spdlog::logger>("worker", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  Diagnostics problems;
  std::optional<WorkerSpec> spec;
  try {
    spec = parseWorkerSpec(readTextFile(specPath), problems);
  } catch (const std::exception& e) {
    problems.error("", e.what());
  }
  if (!spec || problems.hasErrors()) {
    for (const Diagnostic& d : problems.all()) logger->error("{}", formatDiagnostic(specPath, d));
    return 2;
  }
  logger->set_pattern("[%H:%M:%S.%e] [" + spec->worker_id + "] [%l] %v");
  StopSignals signals;

  // A journal that already holds records means this worker was restarted mid-run.
  std::error_code ignored;
  const bool rejoining = std::filesystem::file_size(spec->journal, ignored) > 0 && !ignored;
  JournalWriter journal(spec->journal);
  JournalObserver observer(journal, *spec, logger);
  const std::string emulated = spec->emulated ? " (emulated: computes on this CPU, paced to " +
                                                    fmt::format("{:.0f}", spec->pace_tokens_per_s) + " tok/s)"
                                              : "";
  try {
    observer.onEvent("info", fmt::format("worker {} starting: {} rank {}/{} in {}{}", spec->worker_id, spec->device_type,
                                         spec->rank, spec->world_size, spec->datacenter_id, emulated));
    std::unique_ptr<comm::RendezvousServer> rendezvous;
    if (spec->isLeader() && spec->world_size > 1) {
      comm::RendezvousServerOptions options;
      options.bind = {spec->rendezvous.host, static_cast<std::uint16_t>(spec->rendezvous.port)};
      rendezvous = std::make_unique<comm::RendezvousServer>(options);
    }
    // The datacenter's group re-forms around lost and restarted workers (issue 5, faults).
    comm::ElasticGroupOptions elastic;
    elastic.slot = spec->rank;
    elastic.slotCount = spec->world_size;
    elastic.gloo.rendezvous = {spec->rendezvous.host, static_cast<std::uint16_t>(spec->rendezvous.port)};
    elastic.gloo.groupName = spec->run_id + "-" + spec->datacenter_id;
    elastic.gloo.transportHost = spec->fabric_address;
    // Short: a killed peer closes its sockets and the ring fails at once; this only bounds a
    // peer that hangs. Waits on the leader's WAN work have their own long deadline.
    elastic.gloo.operationTimeout = std::chrono::seconds(30);
    elastic.log = [logger](const std::string& text) { logger->info("{}", text); };
    auto datacenter = std::make_unique<comm::GlooElasticGroup>(elastic, signals.flag());
    if (!datacenter->formed()) {
      observer.onEvent("info", fmt::format("worker {} stopped before its datacenter's group formed", spec->worker_id));
      return 0;
    }

    std::unique_ptr<wan::ElasticLeaders> leaders;
    if (spec->isLeader() && spec->leaders.size() > 1) {
      const LeaderPeer& self = spec->leaders.at(static_cast<std::size_t>(spec->wan_rank));
      wan::Listener listener = wan::listenTcp(self.endpoint.host, static_cast<std::uint16_t>(self.endpoint.port));
      wan::WanGroupConfig config;
      config.rank = spec->wan_rank;
      for (const LeaderPeer& peer : spec->leaders) {
        config.leaders.push_back({peer.name, peer.endpoint.host, static_cast<std::uint16_t>(peer.endpoint.port)});
      }
      config.identity = {spec->tls.ca, spec->tls.certificate, spec->tls.key};
      config.policy = {pki::PeerRole::Worker, spec->run_id};
      config.streamsPerPeer = spec->wan_streams;
      config.logger = logger;
      // The transport's stream default and deadlines follow the slowest link to a peer.
      const LeaderPeer* slowest = nullptr;
      for (const LeaderPeer& peer : spec->leaders) {
        if (peer.link_gbit > 0.0 && (slowest == nullptr || peer.link_gbit < slowest->link_gbit)) slowest = &peer;
      }
      if (slowest != nullptr) {
        config.link_gbit = slowest->link_gbit;
        config.link_rtt_ms = slowest->link_rtt_ms;
      }
      if (spec->wan_emulation.enabled) {
        std::vector<LeaderPeer> peers = spec->leaders;
        const int streams = spec->wan_streams;
        const std::uint64_t seed = spec->run.seed ^ static_cast<std::uint64_t>(spec->wan_rank);
        config.shaperForPeer = [peers, streams, seed](int peerRank) -> std::unique_ptr<wan::LinkShaper> {
          const LeaderPeer& peer = peers.at(static_cast<std::size_t>(peerRank));
          if (peer.link_gbit <= 0.0) return nullptr;  // no direct link described: unshaped
          const auto oneWay = std::chrono::duration_cast<wan::Clock::duration>(
              std::chrono::duration<double, std::milli>(peer.link_rtt_ms / 2.0));
          const int linkStreams = streams > 0 ? streams : wan::defaultStreamsForLink(peer.link_gbit, peer.link_rtt_ms);
          return std::make_unique<wan::LossyLinkShaper>(peer.link_gbit * 1e9 / 8.0, 64.0 * 1024.0, oneWay,
                                                        peer.link_loss_pct / 100.0, linkStreams,
                                                        seed * 1000003u + static_cast<std::uint64_t>(peerRank));
        };
        std::string links;
        for (const LeaderPeer& peer : spec->leaders) {
          if (peer.link_gbit > 0.0) {
            links += fmt::format("{}{} {:g} Mbit/s {:g} ms", links.empty() ? "" : ", ", peer.datacenter_id, peer.link_gbit * 1e3,
                                 peer.link_rtt_ms);
            if (peer.link_loss_pct > 0.0) links += fmt::format(" {:g}% loss", peer.link_loss_pct);
          }
        }
        observer.onEvent("info", "WAN emulation (emulated, user space): sends shaped to " + links);
      }
      if (spec->wan_round_timeout_s > 0.0) config.round_timeout_s = spec->wan_round_timeout_s;
      wan::ElasticLeadersConfig elastic;
      elastic.group = std::move(config);
      // An outsider knocks every few rounds: each knock that is answered costs the group a re-forming.
      elastic.knock_interval_s = std::max(30.0, 3.0 * spec->round_target_s);
      if (!spec->wan_cuts_file.empty()) {
        std::vector<std::string> datacenters;
        for (const LeaderPeer& peer : spec->leaders) datacenters.push_back(peer.datacenter_id);
        elastic.cuts = std::make_shared<wan::LinkCuts>(spec->wan_cuts_file, datacenters, spec->wan_rank);
      }
      leaders = std::make_unique<wan::ElasticLeaders>(std::move(elastic), std::move(listener));
      observer.onEvent("info", fmt::format("WAN: {} datacenter leaders over TLS 1.3, {} stream(s) per peer; a leader missing a "
                                           "round for {:.0f} s is left out of it{}",
                                           leaders->worldSize(), leaders->streamsPerPeer(),
                                           leaders->config().group.round_timeout_s,
                                           spec->wan_cuts_file.empty() ? "" : "; emulated link cuts (fault injection) read from " + spec->wan_cuts_file));
    }

    DilocoWorkerConfig config;
    config.run = spec->run;
    config.worker_id = spec->worker_id;
    config.datacenter_id = spec->datacenter_id;
    config.shares = spec->dc_shares;
    config.share_caps = spec->dc_share_caps;
    config.slot_worker_ids = spec->dc_worker_ids;
    config.dc_index = spec->wan_rank;
    config.dc_count = std::max<int>(1, static_cast<int>(spec->leaders.size()));
    config.pace_tokens_per_s = spec->emulated ? spec->pace_tokens_per_s : 0.0;
    for (const PaceChange& change : spec->pace_changes) config.pace_changes.push_back({change.at_unix_s, change.factor});
    config.rebalance = spec->rebalance;
    config.round_target_s = spec->round_target_s;
    config.threads = spec->threads;
    config.checkpoint_dir = spec->checkpoint_dir;
    config.rejoining = rejoining;
    const WorkerResult result = runDilocoWorker(config, *datacenter, leaders.get(), observer, signals.flag());
    observer.onEvent("info", fmt::format("worker {} done: {} steps, {} rounds, {} tokens in the run{}", spec->worker_id,
                                         result.steps, result.rounds, result.global_tokens,
                                         result.stopped_early ? " (stopped on request)" : ""));
    return 0;
  } catch (const std::exception& e) {
    observer.onEvent("error", fmt::format("worker {} failed: {}", spec->worker_id, e.what()));
    logger->error("{}", e.what());
    return 1;
  }
}

}  // namespace

void registerWorkerCommand(CLI::App& app, CliContext& context) {
  auto* command = app.add_subcommand("worker", "Run one device's worker from a spec written by the launcher");
  auto spec = std::make_shared<std::string>();
  command->add_option("--spec", *spec, "worker spec (JSON)")->required()->check(CLI::ExistingFile);
  command->callback([&context, spec] { context.exitCode = runWorker(*spec); });
}

}  // namespace archi::cli
