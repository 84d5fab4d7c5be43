// archi wan-peer (internal): one datacenter leader that joins a WAN group on loopback or a
// real network and runs all-reduce rounds over synthetic pseudo-gradients. Tests and
// `archi bench wan` start several of these as separate processes. Leaders find each
// other's ports through a rendezvous folder: each writes leader-<rank>.port.

#include <fmt/core.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/CliContext.h"
#include "comm/wan/SyntheticGradient.h"
#include "comm/wan/WanError.h"
#include "comm/wan/WanGroup.h"

namespace archi::cli {
namespace {

struct WanPeerOptions {
  int rank = 0;
  int world = 3;
  std::vector<std::string> names;
  std::string pkiDirectory;
  std::string runId;
  std::string rendezvous;
  std::string host = "127.0.0.1";
  std::string format = "int8";
  int rounds = 1;
  std::size_t elements = 1 << 20;
  std::uint64_t seed = 1;
  bool sameEveryRound = false;
  bool noErrorFeedback = false;
  int streams = 0;
  std::uint32_t chunkElements = 64 * 1024;
  double connect_timeout_s = 30.0;
  double round_timeout_s = 60.0;
  double silent_s = 0.0;
  double emulate_mbit = 0.0;  // > 0: shape every link in user space (labelled emulation)
  double emulate_rtt_ms = 0.0;
  std::string output;
  std::string report;
};

// Publishes our port and waits for every other leader's, bounded by `deadline`.
std::vector<std::uint16_t> exchangePorts(const std::filesystem::path& folder, int rank, int world,
                                         std::uint16_t port, wan::Deadline deadline) {
  const auto file = [&](int r) { return folder / ("leader-" + std::to_string(r) + ".port"); };
  {
    const auto temporary = folder / ("leader-" + std::to_string(rank) + ".port.tmp");
    std::ofstream(temporary) << port << "\n";
    std::filesystem::rename(temporary, file(rank));
  }
  std::vector<std::uint16_t> ports(static_cast<std::size_t>(world), 0);
  for (int r = 0; r < world; ++r) {
    while (true) {
      std::ifstream in(file(r));
      unsigned value = 0;
      if (in >> value && value > 0 && value < 65536) {
        ports[static_cast<std::size_t>(r)] = static_cast<std::uint16_t>(value);
        break;
      }
      if (wan::Clock::now() >= deadline) {
        throw wan::WanError(
            wan::WanError::Kind::Timeout,
            "leader " + std::to_string(r) + " never published its port in " + folder.string());
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  return ports;
}

void runWanPeer(const WanPeerOptions& options) {
  auto logger =
      std::make_shared<spdlog::logger>("wan", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  logger->set_pattern("[%H:%M:%S.%e] [leader " + std::to_string(options.rank) + "] [%l] %v");
  const auto format = wan::parseWireFormat(options.format);
  if (!format)
    throw wan::WanError(wan::WanError::Kind::Config,
                        "unknown wire format '" + options.format + "'");
  std::vector<std::string> names = options.names;
  if (names.empty()) {
    for (int r = 0; r < options.world; ++r) names.push_back("leader-" + std::to_string(r));
  }
  if (static_cast<int>(names.size()) != options.world) {
    throw wan::WanError(wan::WanError::Kind::Config,
                        "--names lists " + std::to_string(names.size()) + " leaders for --world " +
                            std::to_string(options.world));
  }
  const std::string& myName = names[static_cast<std::size_t>(options.rank)];

  wan::WanGroupConfig config;
  config.rank = options.rank;
  config.identity = {std::filesystem::path(options.pkiDirectory) / "ca.crt",
                     std::filesystem::path(options.pkiDirectory) / (myName + ".crt"),
                     std::filesystem::path(options.pkiDirectory) / (myName + ".key")};
  config.policy = {pki::PeerRole::Worker, options.runId};
  config.streamsPerPeer = options.streams;
  config.chunkElements = options.chunkElements;
  config.connect_timeout_s = options.connect_timeout_s;
  config.round_timeout_s = options.round_timeout_s;
  config.logger = logger;
  if (options.emulate_mbit > 0.0) {
    const double bytes_per_s = options.emulate_mbit * 1e6 / 8.0;
    const auto oneWay = std::chrono::duration_cast<wan::Clock::duration>(
        std::chrono::duration<double, std::milli>(options.emulate_rtt_ms / 2.0));
    config.link_gbit = options.emulate_mbit / 1000.0;
    config.link_rtt_ms = options.emulate_rtt_ms;
    config.shaperForPeer = [bytes_per_s, oneWay](int) {
      // Burst of 10 ms of traffic, as a shaping router's queue would allow.
      return std::make_unique<wan::TokenBucketShaper>(bytes_per_s,
                                                      std::max(64e3, bytes_per_s / 100), oneWay);
    };
    logger->warn("WAN: EMULATED links: {} Mbit/s, {} ms RTT, shaped in user space",
                 options.emulate_mbit, options.emulate_rtt_ms);
  }

  wan::Listener listener = wan::listenTcp(options.host, 0);
  const wan::Deadline deadline = wan::Clock::now() + toSteadyDuration(options.connect_timeout_s);
  const auto ports =
      exchangePorts(options.rendezvous, options.rank, options.world, listener.port, deadline);
  for (int r = 0; r < options.world; ++r) {
    config.leaders.push_back(
        {names[static_cast<std::size_t>(r)], options.host, ports[static_cast<std::size_t>(r)]});
  }
  wan::WanGroup group(config, std::move(listener));

  if (options.silent_s > 0.0) {
    // A leader that joined and then never answers: the others must time out, not hang.
    logger->warn("WAN: joined and now staying silent for {} s (test mode)", options.silent_s);
    std::this_thread::sleep_for(std::chrono::duration<double>(options.silent_s));
    return;
  }

  std::ofstream output;
  if (!options.output.empty()) output.open(options.output, std::ios::binary | std::ios::trunc);
  std::ofstream report;
  if (!options.report.empty()) report.open(options.report, std::ios::trunc);
  wan::AllReduceOptions reduceOptions;
  reduceOptions.format = *format;
  reduceOptions.errorFeedback = !options.noErrorFeedback;
  for (int round = 1; round <= options.rounds; ++round) {
    std::vector<float> values = wan::syntheticPseudoGradient(
        options.seed, options.rank, options.sameEveryRound ? 0 : static_cast<std::uint64_t>(round),
        options.elements);
    const double weight = wan::syntheticWeight(options.rank, static_cast<std::uint64_t>(round));
    const wan::AllReduceReport result = group.allReduce(values, weight, reduceOptions);
    if (output)
      output.write(reinterpret_cast<const char*>(values.data()),
                   static_cast<std::streamsize>(values.size() * sizeof(float)));
    nlohmann::json line = {{"round", result.round},
                           {"duration_s", result.duration_s},
                           {"cpu_s", result.cpu_s},
                           {"encode_cpu_s", result.encode_cpu_s},
                           {"bytes_sent", result.bytesSent},
                           {"bytes_received", result.bytesReceived},
                           {"fp32_bytes_sent", result.fp32BytesSent},
                           {"compression_ratio", result.compressionRatio},
                           {"total_weight", result.totalWeight},
                           {"streams_per_peer", group.streamsPerPeer()}};
    for (const wan::Participant& p : result.participants) {
      line["participants"].push_back({{"rank", p.rank}, {"name", p.name}, {"weight", p.weight}});
    }
    if (report) report << line.dump() << "\n" << std::flush;
    logger->info("round {}: {:.3f} s, {} bytes sent ({:.3f} of fp32), total weight {}",
                 result.round, result.duration_s, result.bytesSent, result.compressionRatio,
                 result.totalWeight);
  }
}

}  // namespace

void registerWanPeerCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<WanPeerOptions>();
  auto* command = app.add_subcommand(
      "wan-peer", "(internal) one WAN leader running synthetic all-reduce rounds");
  command->group("");  // hidden: started by tests and `archi bench wan`
  command->add_option("--rank", options->rank)->required()->check(CLI::Range(0, 255));
  command->add_option("--world", options->world)->check(CLI::Range(1, 256));
  command->add_option("--names", options->names)->delimiter(',');
  command->add_option("--pki", options->pkiDirectory, "folder with ca.crt, <name>.crt, <name>.key")
      ->required();
  command->add_option("--run-id", options->runId)->required();
  command
      ->add_option("--rendezvous", options->rendezvous, "folder where leaders publish their ports")
      ->required();
  command->add_option("--host", options->host);
  command->add_option("--format", options->format)->check(CLI::IsMember({"fp32", "bf16", "int8"}));
  command->add_option("--rounds", options->rounds)->check(CLI::Range(1, 100000));
  command->add_option("--elements", options->elements)
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 31));
  command->add_option("--seed", options->seed);
  command->add_flag("--same-every-round", options->sameEveryRound,
                    "contribute the same values every round");
  command->add_flag("--no-error-feedback", options->noErrorFeedback);
  command->add_option("--streams", options->streams, "streams per peer (0: from the link)");
  command->add_option("--chunk-elements", options->chunkElements);
  command->add_option("--connect-timeout-s", options->connect_timeout_s);
  command->add_option("--round-timeout-s", options->round_timeout_s);
  command->add_option("--silent-s", options->silent_s, "join, then stay silent this long");
  command->add_option("--emulate-mbit", options->emulate_mbit,
                      "emulate links of this bandwidth (user-space token bucket)");
  command->add_option("--emulate-rtt-ms", options->emulate_rtt_ms,
                      "emulated round-trip time (a delay queue of RTT / 2 per send)");
  command->add_option("--output", options->output, "file for every round's result (raw fp32)");
  command->add_option("--report", options->report, "file for one JSON line per round");
  command->callback([&context, options] {
    try {
      runWanPeer(*options);
    } catch (const std::exception& e) {
      fmt::print(stderr, "archi wan-peer: leader {}: {}\n", options->rank, e.what());
      context.exitCode = 1;
    }
  });
}

}  // namespace archi::cli
