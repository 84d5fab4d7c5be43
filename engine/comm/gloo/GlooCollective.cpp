#include "comm/gloo/GlooCollective.h"

#include <gloo/allreduce.h>
#include <gloo/barrier.h>
#include <gloo/broadcast.h>
#include <gloo/math.h>
#include <gloo/rendezvous/context.h>
#include <gloo/rendezvous/prefix_store.h>
#include <gloo/transport/tcp/device.h>

#include <fmt/core.h>

#include <signal.h>

#include <algorithm>
#include <cctype>

#include "comm/collective/CollectiveError.h"
#include "comm/collective/SoloCollective.h"
#include "comm/gloo/RendezvousClient.h"
#include "comm/gloo/RendezvousError.h"

namespace archi::comm {
namespace {

using Kind = CollectiveError::Kind;
using ReduceFunction = void (*)(void*, const void*, const void*, std::size_t);

bool mentionsTimeout(const std::string& text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower.find("timed out") != std::string::npos || lower.find("timeout") != std::string::npos;
}

void checkOptions(const GlooOptions& options) {
  if (options.worldSize < 1) {
    throw CollectiveError(Kind::InvalidArgument, fmt::format("gloo: world size {} is below 1", options.worldSize));
  }
  if (options.rank < 0 || options.rank >= options.worldSize) {
    throw CollectiveError(Kind::InvalidArgument,
                          fmt::format("gloo: rank {} is outside 0..{}", options.rank, options.worldSize - 1));
  }
  if (options.rendezvousTimeout.count() <= 0 || options.operationTimeout.count() <= 0) {
    throw CollectiveError(Kind::InvalidArgument, "gloo: timeouts must be positive (a wait without deadline can hang)");
  }
  const std::string problem = kv::checkKey(options.groupName + "/0", kv::Limits{});
  if (!problem.empty()) {
    throw CollectiveError(Kind::InvalidArgument, fmt::format("gloo: group name '{}': {}", options.groupName, problem));
  }
}

// Gloo's TCP pairs write without MSG_NOSIGNAL: with the default disposition a peer that dies
// mid-operation would kill this process with SIGPIPE instead of failing the operation. A
// handler the program installed itself is left alone.
void ignoreSigpipeUnlessHandled() {
  struct sigaction current {};
  if (::sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGPIPE, &ignore, nullptr);
  }
}

}  // namespace

GlooCollective::GlooCollective(const GlooOptions& options)
    : rank_(options.rank), worldSize_(options.worldSize), operationTimeout_(options.operationTimeout) {
  checkOptions(options);
  if (worldSize_ < 2) {
    throw CollectiveError(Kind::InvalidArgument,
                          "gloo: a group of one rank needs no Gloo context; use makeGlooCollective (SoloCollective)");
  }
  if (options.rendezvous.host.empty()) {
    throw CollectiveError(Kind::InvalidArgument, "gloo: no rendezvous store address (the leader's host:port)");
  }
  const std::string where =
      fmt::format("gloo rendezvous of rank {} of {} in group '{}' through store {}", rank_, worldSize_,
                  options.groupName, formatHostPort(options.rendezvous));
  ignoreSigpipeUnlessHandled();
  const auto started = SteadyClock::now();
  try {
    gloo::transport::tcp::attr attr;
    if (!options.transportInterface.empty()) {
      attr.iface = options.transportInterface;
    } else {
      attr.hostname = options.transportHost;
    }
    auto device = gloo::transport::tcp::CreateDevice(attr);
    // Each request to the store gets the whole rendezvous budget: waits are what may take long.
    RendezvousClient client(options.rendezvous, options.rendezvousSecret, options.rendezvousTimeout,
                            options.rendezvousTimeout);
    gloo::rendezvous::PrefixStore store(options.groupName, client);
    auto context = std::make_shared<gloo::rendezvous::Context>(rank_, worldSize_);
    context->setTimeout(options.rendezvousTimeout);
    context->connectFullMesh(store, device);
    context->setTimeout(operationTimeout_);
    context_ = std::move(context);
  } catch (const RendezvousError& e) {
    throw CollectiveError(e.kind() == RendezvousError::Kind::Timeout ? Kind::Timeout : Kind::Rendezvous,
                          fmt::format("{} failed: {}", where, e.what()));
  } catch (const std::exception& e) {
    const auto elapsed_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - started).count();
    const bool timedOut = mentionsTimeout(e.what()) || elapsed_ms >= options.rendezvousTimeout.count();
    throw CollectiveError(timedOut ? Kind::Timeout : Kind::PeerFailure,
                          fmt::format("{} failed after {} ms (deadline {} ms): {}", where, elapsed_ms,
                                      options.rendezvousTimeout.count(), e.what()));
  }
}

GlooCollective::~GlooCollective() = default;

template <typename Operation>
void GlooCollective::run(const std::string& what, Operation&& operation) {
  run(what, operationTimeout_, std::forward<Operation>(operation));
}

template <typename Operation>
void GlooCollective::run(const std::string& what, std::chrono::milliseconds timeout, Operation&& operation) {
  const std::string where = fmt::format("gloo {} on rank {} of {}", what, rank_, worldSize_);
  if (!failedOperation_.empty()) {
    throw CollectiveError(Kind::Unusable, fmt::format("{}: the group is unusable since '{}' failed; form a new one",
                                                      where, failedOperation_));
  }
  const auto started = SteadyClock::now();
  try {
    operation();
  } catch (const std::exception& e) {
    failedOperation_ = what;
    const auto elapsed_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - started).count();
    const bool timedOut = mentionsTimeout(e.what()) || elapsed_ms >= timeout.count();
    throw CollectiveError(timedOut ? Kind::Timeout : Kind::PeerFailure,
                          fmt::format("{} failed after {} ms (deadline {} ms): {}: {}", where, elapsed_ms,
                                      timeout.count(),
                                      timedOut ? "a peer did not answer in time" : "a peer connection broke",
                                      e.what()));
  }
}

void GlooCollective::allReduceSum(float* data, std::size_t count) {
  if (count == 0) return;
  if (data == nullptr) throw CollectiveError(Kind::InvalidArgument, "gloo all-reduce: null buffer");
  run(fmt::format("all-reduce of {} floats", count), [&] {
    gloo::AllreduceOptions options(context_);
    options.setOutput(data, count);
    options.setReduceFunction(static_cast<ReduceFunction>(&gloo::sum<float>));
    options.setTag(nextTag());
    options.setTimeout(operationTimeout_);
    gloo::allreduce(options);
  });
}

std::int64_t GlooCollective::allReduceSum(std::int64_t value) {
  std::int64_t sum = value;
  run("all-reduce of one int64", [&] {
    gloo::AllreduceOptions options(context_);
    options.setOutput(&sum, 1);
    options.setReduceFunction(static_cast<ReduceFunction>(&gloo::sum<std::int64_t>));
    options.setTag(nextTag());
    options.setTimeout(operationTimeout_);
    gloo::allreduce(options);
  });
  return sum;
}

void GlooCollective::broadcast(float* data, std::size_t count, int root) {
  broadcast(data, count, root, operationTimeout_);
}

void GlooCollective::broadcast(float* data, std::size_t count, int root, std::chrono::milliseconds timeout) {
  if (root < 0 || root >= worldSize_) {
    throw CollectiveError(Kind::InvalidArgument,
                          fmt::format("gloo broadcast: root {} is outside 0..{}", root, worldSize_ - 1));
  }
  if (timeout.count() <= 0) {
    throw CollectiveError(Kind::InvalidArgument, "gloo broadcast: the deadline must be positive (a wait without one can hang)");
  }
  if (count == 0) return;
  if (data == nullptr) throw CollectiveError(Kind::InvalidArgument, "gloo broadcast: null buffer");
  run(fmt::format("broadcast of {} floats from rank {}", count, root), timeout, [&] {
    gloo::BroadcastOptions options(context_);
    // The root sends from its output buffer when no separate input is given.
    options.setOutput(data, count);
    options.setRoot(root);
    options.setTag(nextTag());
    options.setTimeout(timeout);
    gloo::broadcast(options);
  });
}

void GlooCollective::barrier() {
  run("barrier", [&] {
    gloo::BarrierOptions options(context_);
    options.setTag(nextTag());
    options.setTimeout(operationTimeout_);
    gloo::barrier(options);
  });
}

void GlooCollective::scaleInPlace(float* data, std::size_t count, float factor) {
  scaleHostBuffer(data, count, factor);
}

std::unique_ptr<Collective> makeGlooCollective(const GlooOptions& options) {
  checkOptions(options);
  if (options.worldSize == 1) return std::make_unique<SoloCollective>();
  return std::make_unique<GlooCollective>(options);
}

}  // namespace archi::comm
