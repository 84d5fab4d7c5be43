#include "comm/gloo/RendezvousClient.h"

#include <fmt/core.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "comm/gloo/RendezvousError.h"
#include "comm/gloo/StoreHandshake.h"

namespace archi::comm {

RendezvousClient::RendezvousClient(HostPort server, RendezvousSecret secret, std::chrono::milliseconds requestTimeout,
                                   std::chrono::milliseconds defaultWait, kv::Limits limits)
    : server_(std::move(server)),
      secret_(secret),
      requestTimeout_(requestTimeout),
      defaultWait_(defaultWait),
      limits_(limits) {}

void RendezvousClient::checkKeyOrThrow(const std::string& key, const std::string& what) const {
  const std::string problem = kv::checkKey(key, limits_);
  if (!problem.empty()) throw RendezvousError(RendezvousError::Kind::Rejected, fmt::format("{}: {}", what, problem));
}

kv::Reply RendezvousClient::transact(const std::vector<std::uint8_t>& frame, std::chrono::milliseconds serverWait,
                                     const std::string& what) {
  const std::string context = fmt::format("rendezvous store {}: {}", formatHostPort(server_), what);
  if (!secret_.isSet()) {
    throw RendezvousError(RendezvousError::Kind::Authentication,
                          fmt::format("{}: no rendezvous secret given; the store only serves clients that prove the "
                                      "run's secret (WorkerSpec::rendezvous_secret_file)",
                                      context));
  }
  try {
    const auto deadline = SteadyClock::now() + requestTimeout_ + serverWait;
    UniqueFd fd = connectTcp(server_, deadline);
    // The handshake never waits on other ranks: it gets the request budget, not the wait's.
    const auto handshakeDeadline = std::min(deadline, SteadyClock::now() + requestTimeout_);
    authenticateToStore(fd.get(), server_, secret_, limits_, handshakeDeadline, frame);
    kv::Reply result = receiveReply(fd.get(), limits_, deadline);
    if (result.kind == kv::FrameKind::Error) {
      throw RendezvousError(RendezvousError::Kind::Rejected, fmt::format("server refused: {}", result.message));
    }
    if (result.kind == kv::FrameKind::AuthFailed) {
      throw RendezvousError(RendezvousError::Kind::Authentication,
                            fmt::format("server refused our proof of the rendezvous secret: {}", result.message));
    }
    if (kv::isHandshake(result.kind)) {
      throw RendezvousError(RendezvousError::Kind::Protocol, "server sent a second challenge instead of a reply");
    }
    return result;
  } catch (const RendezvousError& e) {
    throw RendezvousError(e.kind(), fmt::format("{}: {}", context, e.what()));
  }
}

void RendezvousClient::set(const std::string& key, const std::vector<char>& data) {
  const std::string what = fmt::format("set '{}'", key);
  checkKeyOrThrow(key, what);
  if (data.size() > limits_.maxValueBytes) {
    throw RendezvousError(RendezvousError::Kind::Rejected,
                          fmt::format("{}: value of {} bytes exceeds the {}-byte limit", what, data.size(),
                                      limits_.maxValueBytes));
  }
  const kv::Reply reply = transact(kv::encodeSet(key, data), std::chrono::milliseconds(0), what);
  if (reply.kind != kv::FrameKind::Ok) {
    throw RendezvousError(RendezvousError::Kind::Protocol, fmt::format("{}: unexpected reply kind", what));
  }
}

std::optional<std::vector<char>> RendezvousClient::tryGet(const std::string& key) {
  const std::string what = fmt::format("get '{}'", key);
  checkKeyOrThrow(key, what);
  kv::Reply reply = transact(kv::encodeGet(key), std::chrono::milliseconds(0), what);
  if (reply.kind == kv::FrameKind::NotFound) return std::nullopt;
  if (reply.kind != kv::FrameKind::Value) {
    throw RendezvousError(RendezvousError::Kind::Protocol, fmt::format("{}: unexpected reply kind", what));
  }
  return std::move(reply.value);
}

std::vector<char> RendezvousClient::get(const std::string& key) {
  wait({key}, defaultWait_);
  auto value = tryGet(key);
  if (!value) {
    throw RendezvousError(RendezvousError::Kind::Protocol,
                          fmt::format("rendezvous store {}: key '{}' vanished after wait", formatHostPort(server_), key));
  }
  return std::move(*value);
}

void RendezvousClient::wait(const std::vector<std::string>& keys) { wait(keys, defaultWait_); }

void RendezvousClient::wait(const std::vector<std::string>& keys, const std::chrono::milliseconds& timeout) {
  const std::string what = fmt::format("wait for {} key(s) '{}'", keys.size(), fmt::join(keys, "', '"));
  if (keys.empty()) return;
  if (keys.size() > limits_.maxWaitKeys) {
    throw RendezvousError(RendezvousError::Kind::Rejected,
                          fmt::format("{}: more than {} keys", what, limits_.maxWaitKeys));
  }
  for (const std::string& key : keys) checkKeyOrThrow(key, what);
  // Gloo passes kNoTimeout (0) to mean "no limit"; we never wait without one.
  const std::chrono::milliseconds wait_ms =
      std::clamp(timeout.count() <= 0 ? defaultWait_ : timeout, std::chrono::milliseconds(1),
                 std::chrono::milliseconds(limits_.maxWait_ms));
  const kv::Reply reply = transact(kv::encodeWait(keys, static_cast<std::uint32_t>(wait_ms.count())), wait_ms, what);
  if (reply.kind == kv::FrameKind::TimedOut) {
    throw RendezvousError(RendezvousError::Kind::Timeout,
                          fmt::format("rendezvous store {}: timed out after {} ms waiting for key(s) '{}' (still "
                                      "missing: '{}'); the rank that publishes them never showed up",
                                      formatHostPort(server_), wait_ms.count(), fmt::join(keys, "', '"),
                                      fmt::join(reply.keys, "', '")));
  }
  if (reply.kind != kv::FrameKind::Ok) {
    throw RendezvousError(RendezvousError::Kind::Protocol, fmt::format("{}: unexpected reply kind", what));
  }
}

}  // namespace archi::comm
