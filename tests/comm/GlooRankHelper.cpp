// One rank of a Gloo group, started as a real process by tst_gloo_collective: forms the group
// through the leader's rendezvous store, runs one collective on deterministic data and writes
// the resulting buffer to --out. Rank 0 may serve the store itself (--serve) and then prints
// "STORE host:port" so the test can start the other ranks.

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <thread>

#include "TestValues.h"
#include "comm/collective/CollectiveError.h"
#include "comm/gloo/GlooCollective.h"
#include "comm/gloo/RendezvousError.h"
#include "comm/gloo/RendezvousServer.h"

namespace {

struct HelperOptions {
  int rank = 0;
  int world = 1;
  std::string store;
  std::string serve;
  std::string secretFile;
  std::string mode = "allreduce";
  std::size_t count = 1000;
  std::uint64_t seed = 1;
  std::int64_t tokens = 1;
  bool poisonIdle = false;
  int rendezvous_ms = 10000;
  int operation_ms = 10000;
  std::string group = "test";
  std::string out;
};

void writeFloats(const std::string& path, const std::vector<float>& values) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(reinterpret_cast<const char*>(values.data()), static_cast<std::streamsize>(values.size() * sizeof(float)));
  if (!file) throw std::runtime_error("cannot write " + path);
}

void runOperation(const HelperOptions& o, archi::comm::Collective& collective, std::vector<float>& data);

int runRank(const HelperOptions& o) {
  using namespace archi::comm;
  std::unique_ptr<RendezvousServer> server;
  GlooOptions options;
  options.rank = o.rank;
  options.worldSize = o.world;
  options.groupName = o.group;
  options.rendezvousTimeout = std::chrono::milliseconds(o.rendezvous_ms);
  options.operationTimeout = std::chrono::milliseconds(o.operation_ms);
  if (!o.secretFile.empty()) options.rendezvousSecret = RendezvousSecret::readFile(o.secretFile);
  std::string error;
  if (!o.serve.empty()) {
    auto bind = parseHostPort(o.serve, error);
    if (!bind) throw std::runtime_error(error);
    RendezvousServerOptions serverOptions;
    serverOptions.bind = *bind;
    serverOptions.secret = options.rendezvousSecret;
    server = std::make_unique<RendezvousServer>(serverOptions);
    options.rendezvous = server->address();
    fmt::print("STORE {}\n", formatHostPort(server->address()));
    std::fflush(stdout);
  } else {
    auto address = parseHostPort(o.store, error);
    if (!address) throw std::runtime_error(error);
    options.rendezvous = *address;
  }

  std::unique_ptr<Collective> collective = makeGlooCollective(options);
  std::vector<float> data = archi::test::rankValues(o.seed, o.rank, o.count);
  try {
    runOperation(o, *collective, data);
  } catch (const CollectiveError& e) {
    // After a failure the group must refuse further work instead of hanging or corrupting.
    try {
      collective->barrier();
      fmt::print(stderr, "second operation after the failure succeeded\n");
    } catch (const CollectiveError& second) {
      fmt::print(stderr, "then[{}]: {}\n", collectiveErrorKindName(second.kind()), second.what());
    }
    throw;
  }
  if (!o.out.empty()) writeFloats(o.out, data);
  return 0;
}

void runOperation(const HelperOptions& o, archi::comm::Collective& collective, std::vector<float>& data) {
  if (o.mode == "allreduce") {
    collective.allReduceSum(data.data(), data.size());
  } else if (o.mode == "weighted") {
    if (o.tokens == 0 && o.poisonIdle) std::fill(data.begin(), data.end(), std::nanf(""));
    const std::int64_t total = collective.allReduceTokenWeightedMean(data.data(), data.size(), o.tokens);
    fmt::print("TOTAL_TOKENS {}\n", total);
  } else if (o.mode == "broadcast") {
    collective.broadcast(data.data(), data.size(), 0);
  } else if (o.mode == "barrier") {
    collective.barrier();
    collective.barrier();
  } else if (o.mode == "vanish") {
    // Joined the group, then dies before the first operation, as a crashed worker would.
    std::fflush(stdout);
    std::_Exit(0);
  } else if (o.mode == "stall") {
    // Joined the group, then stops answering without closing its connections (a hung worker).
    std::this_thread::sleep_for(std::chrono::seconds(60));
  } else {
    throw std::runtime_error("unknown --mode " + o.mode);
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"gloo_rank_helper: one rank of a test Gloo group"};
  HelperOptions o;
  app.add_option("--rank", o.rank)->required();
  app.add_option("--world", o.world)->required();
  app.add_option("--store", o.store, "leader's rendezvous store host:port");
  app.add_option("--serve", o.serve, "serve the rendezvous store on host:port (rank 0)");
  app.add_option("--secret-file", o.secretFile, "the store's secret (64 hex digits, mode 0600)");
  app.add_option("--mode", o.mode);
  app.add_option("--count", o.count);
  app.add_option("--seed", o.seed);
  app.add_option("--tokens", o.tokens);
  app.add_flag("--poison-idle", o.poisonIdle, "fill the buffer with NaN when --tokens is 0");
  app.add_option("--rendezvous-ms", o.rendezvous_ms);
  app.add_option("--operation-ms", o.operation_ms);
  app.add_option("--group", o.group);
  app.add_option("--out", o.out);
  CLI11_PARSE(app, argc, argv);
  try {
    return runRank(o);
  } catch (const archi::comm::CollectiveError& e) {
    fmt::print(stderr, "error[{}]: {}\n", archi::comm::collectiveErrorKindName(e.kind()), e.what());
    return 3;
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 4;
  }
}
