#include "comm/gloo/RendezvousServer.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/core.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <list>
#include <map>
#include <string>
#include <vector>

#include "comm/gloo/RendezvousError.h"
#include "comm/gloo/StoreHandshake.h"

namespace archi::comm {
namespace {

constexpr std::size_t kReadChunkBytes = 64 * 1024;
// How long a connection being closed after an error may take to drain its reply.
constexpr std::chrono::milliseconds kCloseLinger{2000};

// A connection proves the secret (Hello, then Auth) before it is served.
enum class Stage { AwaitHello, AwaitAuth, Ready };

struct Connection {
  UniqueFd fd;
  Stage stage = Stage::AwaitHello;
  SteadyClock::time_point stageDeadline;  // the next handshake frame must be whole by then
  StoreToken clientNonce{};
  StoreToken serverNonce{};
  std::vector<std::uint8_t> input;
  std::vector<std::uint8_t> output;
  std::size_t outputSent = 0;
  SteadyClock::time_point lastWriteProgress;  // when output became pending or the socket last took some
  SteadyClock::time_point lastActivity;
  std::optional<SteadyClock::time_point> frameStarted;  // first byte of the incomplete frame in `input`
  bool waiting = false;                                 // parked on a Wait request
  std::vector<std::string> waitKeys;
  SteadyClock::time_point waitDeadline;
  bool throttled = false;  // its replies reached maxQueuedOutputBytes: its requests wait until it reads them
  bool closing = false;  // reply with what is queued, then close
  bool writeShut = false;
  SteadyClock::time_point closeDeadline;
  bool dead = false;

  bool hasPendingOutput() const { return outputSent < output.size(); }
  std::size_t pendingOutputBytes() const { return output.size() - outputSent; }
};

}  // namespace

struct RendezvousServer::State {
  std::map<std::string, std::vector<char>> entries;
  std::size_t storedBytes = 0;
  std::list<Connection> connections;
};

RendezvousServer::RendezvousServer(RendezvousServerOptions options)
    : options_(std::move(options)), state_(std::make_unique<State>()) {
  if (!options_.secret.isSet()) {
    throw RendezvousError(RendezvousError::Kind::Authentication,
                          "rendezvous server: no secret set; the store only serves clients that prove the run's "
                          "secret (RendezvousServerOptions::secret)");
  }
  asRendezvousError([&] {
    if (!options_.bindInterface.empty()) options_.bind.host = net::interfaceAddress(options_.bindInterface);
    listener_ = net::listenTcp(options_.bind, 128);
    address_ = net::localAddress(listener_.get());
    wakeFd_ = UniqueFd(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
    net::checkSystemCall(wakeFd_.get(), "eventfd");
  });
  thread_ = std::thread([this] { serve(); });
}

RendezvousServer::~RendezvousServer() {
  const std::uint64_t one = 1;
  // Nothing to do on failure: the eventfd write only fails if the counter overflows.
  [[maybe_unused]] const ssize_t written = ::write(wakeFd_.get(), &one, sizeof one);
  if (thread_.joinable()) thread_.join();
}

RendezvousServer::Counters RendezvousServer::counters() const {
  return {connectionsAccepted_.load(), requestsServed_.load(), framesRejected_.load(), handshakesRefused_.load(),
          writeDeadlinesMissed_.load(), peakQueuedOutputBytes_.load()};
}

namespace {

void queue(Connection& connection, const std::vector<std::uint8_t>& frame) {
  if (!connection.hasPendingOutput()) connection.lastWriteProgress = SteadyClock::now();
  connection.output.insert(connection.output.end(), frame.begin(), frame.end());
}

std::vector<std::string> missingKeys(const std::map<std::string, std::vector<char>>& entries,
                                     const std::vector<std::string>& keys) {
  std::vector<std::string> missing;
  for (const std::string& key : keys) {
    if (!entries.contains(key)) missing.push_back(key);
  }
  return missing;
}

}  // namespace

void RendezvousServer::serve() {
  State& state = *state_;
  const kv::Limits& limits = options_.limits;
  const std::size_t maxFrameBytes = kv::kHeaderBytes + limits.maxPayloadBytes();

  // A client with this much of its replies unread is neither read from nor served until it
  // reads them: its requests wait in the kernel's buffers, then in its own.
  auto outputFull = [&](const Connection& c) { return c.pendingOutputBytes() >= options_.maxQueuedOutputBytes; };
  auto notePending = [&](const Connection& c) {
    const std::size_t pending = c.pendingOutputBytes();
    if (pending > peakQueuedOutputBytes_.load(std::memory_order_relaxed)) peakQueuedOutputBytes_.store(pending);
  };

  auto reject = [&](Connection& c, const std::string& message) {
    queue(c, kv::encodeError(message));
    c.closing = true;
    c.waiting = false;
    c.closeDeadline = SteadyClock::now() + kCloseLinger;
    framesRejected_.fetch_add(1);
  };

  // Handshake failures get AuthFailed (the client reports Authentication) and a closed connection.
  auto refuse = [&](Connection& c, const std::string& message) {
    queue(c, kv::encodeAuthFailed(message));
    c.closing = true;
    c.closeDeadline = SteadyClock::now() + kCloseLinger;
    handshakesRefused_.fetch_add(1);
  };

  // An old client cannot read version-2 frames: it gets its own version's Error frame.
  auto refuseLegacy = [&](Connection& c) {
    queue(c, kv::encodeLegacyError(fmt::format(
                 "this rendezvous store speaks protocol version {} and only serves clients that prove the run's "
                 "secret; version 1 (unauthenticated) is refused: upgrade archi",
                 kv::kVersion)));
    c.closing = true;
    c.closeDeadline = SteadyClock::now() + kCloseLinger;
    handshakesRefused_.fetch_add(1);
  };

  auto handshake = [&](Connection& c, const kv::Request& request) {
    try {
      if (request.kind == kv::FrameKind::Hello) {
        std::copy(request.token.begin(), request.token.end(), c.clientNonce.begin());
        c.serverNonce = randomStoreNonce();
        queue(c, kv::encodeChallenge(c.serverNonce, serverProof(options_.secret, c.clientNonce, c.serverNonce)));
        c.stage = Stage::AwaitAuth;
        c.stageDeadline = SteadyClock::now() + options_.frameDeadline;
      } else if (proofMatches(clientProof(options_.secret, c.serverNonce, c.clientNonce), request.token)) {
        c.stage = Stage::Ready;
      } else {
        refuse(c, "wrong rendezvous secret: the client's proof does not match this run's secret");
      }
    } catch (const std::exception& e) {
      refuse(c, fmt::format("the server cannot compute its proof: {}", e.what()));
    }
  };

  auto wakeWaiters = [&] {
    for (Connection& c : state.connections) {
      if (c.waiting && missingKeys(state.entries, c.waitKeys).empty()) {
        c.waiting = false;
        queue(c, kv::encodeOk());
      }
    }
  };

  auto handle = [&](Connection& c, kv::Request& request) {
    if (kv::isHandshake(request.kind)) {
      reject(c, "handshake frame on a connection that is already authenticated");
      return;
    }
    requestsServed_.fetch_add(1);
    const std::string& key = request.keys.front();
    switch (request.kind) {
      case kv::FrameKind::Set: {
        const auto existing = state.entries.find(key);
        if (existing != state.entries.end() && kv::isWriteOnceKey(key)) {
          queue(c, kv::encodeError(fmt::format("key '{}' is already set and write-once: only keys containing '{}' "
                                               "may be set again",
                                               key, kv::kMutableKeySegment)));
          return;
        }
        const std::size_t oldBytes = existing == state.entries.end() ? 0 : existing->first.size() + existing->second.size();
        const std::size_t newBytes = key.size() + request.value.size();
        if (existing == state.entries.end() && state.entries.size() >= options_.maxKeys) {
          queue(c, kv::encodeError(fmt::format("store full: {} keys is the limit", options_.maxKeys)));
          return;
        }
        if (state.storedBytes - oldBytes + newBytes > options_.maxStoredBytes) {
          queue(c, kv::encodeError(fmt::format("store full: {} bytes is the limit", options_.maxStoredBytes)));
          return;
        }
        state.storedBytes = state.storedBytes - oldBytes + newBytes;
        state.entries[key] = std::move(request.value);
        queue(c, kv::encodeOk());
        wakeWaiters();
        return;
      }
      case kv::FrameKind::Get: {
        const auto found = state.entries.find(key);
        queue(c, found == state.entries.end() ? kv::encodeNotFound() : kv::encodeValue(found->second));
        return;
      }
      case kv::FrameKind::Wait: {
        std::vector<std::string> missing = missingKeys(state.entries, request.keys);
        if (missing.empty()) {
          queue(c, kv::encodeOk());
        } else if (request.wait_ms == 0) {
          queue(c, kv::encodeTimedOut(missing));
        } else {
          c.waiting = true;
          c.waitKeys = std::move(request.keys);
          c.waitDeadline = SteadyClock::now() + std::chrono::milliseconds(request.wait_ms);
        }
        return;
      }
      default:
        reject(c, "frame kind is not a request");
        return;
    }
  };

  // Decodes and serves every whole frame buffered on `c`.
  auto processInput = [&](Connection& c) {
    std::size_t consumed = 0;
    while (!c.closing && !c.waiting && !outputFull(c) && c.input.size() - consumed >= kv::kHeaderBytes) {
      const std::span<const std::uint8_t> pending(c.input.data() + consumed, c.input.size() - consumed);
      auto header = kv::decodeHeader(pending.first(kv::kHeaderBytes), limits);
      if (auto* error = std::get_if<kv::DecodeError>(&header)) {
        if (error->byteOffset == 4 && pending[4] == kv::kUnauthenticatedVersion) {
          refuseLegacy(c);
        } else {
          reject(c, fmt::format("byte {}: {}", error->byteOffset, error->message));
        }
        break;
      }
      const kv::FrameHeader frame = std::get<kv::FrameHeader>(header);
      // Before the handshake only its two 32-byte frames are taken: an unauthenticated client
      // can make the server buffer one header and one token, nothing more.
      if (c.stage != Stage::Ready) {
        const auto expected = c.stage == Stage::AwaitHello ? kv::FrameKind::Hello : kv::FrameKind::Auth;
        if (frame.kind != expected || frame.payloadBytes != kv::kTokenBytes) {
          refuse(c, fmt::format("expected the authentication handshake's {} frame (32 bytes), got kind 0x{:02x} "
                                "with {} bytes: this store only serves clients that prove the run's secret",
                                expected == kv::FrameKind::Hello ? "Hello" : "Auth",
                                static_cast<unsigned>(frame.kind), frame.payloadBytes));
          break;
        }
      }
      if (pending.size() < kv::kHeaderBytes + frame.payloadBytes) break;
      auto request = kv::decodeRequest(frame.kind, pending.subspan(kv::kHeaderBytes, frame.payloadBytes), limits);
      consumed += kv::kHeaderBytes + frame.payloadBytes;
      if (auto* error = std::get_if<kv::DecodeError>(&request)) {
        reject(c, fmt::format("byte {}: {}", error->byteOffset, error->message));
        break;
      }
      if (c.stage == Stage::Ready) {
        handle(c, std::get<kv::Request>(request));
      } else {
        handshake(c, std::get<kv::Request>(request));
      }
    }
    c.throttled = !c.closing && outputFull(c);
    if (c.closing) {
      c.input.clear();
    } else {
      c.input.erase(c.input.begin(), c.input.begin() + static_cast<std::ptrdiff_t>(consumed));
    }
    if (c.input.empty()) {
      c.frameStarted.reset();
    } else if (consumed > 0 || !c.frameStarted) {
      c.frameStarted = SteadyClock::now();
    }
  };

  auto readFrom = [&](Connection& c) {
    std::uint8_t chunk[kReadChunkBytes];
    for (;;) {
      if (!c.closing && outputFull(c)) {
        c.throttled = true;  // read again once the client has read its replies
        return;
      }
      const ssize_t n = ::recv(c.fd.get(), chunk, sizeof chunk, 0);
      if (n == 0) {
        c.dead = true;  // closed by the client; a parked wait dies with it
        return;
      }
      if (n < 0) {
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) c.dead = true;
        return;
      }
      c.lastActivity = SteadyClock::now();
      if (c.closing) continue;  // draining so that the error reply is not lost to a reset
      if (c.waiting) {
        reject(c, "request sent while a wait is still pending");
        continue;
      }
      if (c.input.empty()) c.frameStarted = c.lastActivity;
      c.input.insert(c.input.end(), chunk, chunk + n);
      processInput(c);
      // A declared payload above the limit was rejected by decodeHeader; this bounds the
      // buffer even if a client pipelines whole frames faster than they are served.
      if (!c.closing && c.input.size() > 2 * maxFrameBytes) reject(c, "too much unprocessed input");
    }
  };

  auto writeTo = [&](Connection& c) {
    while (c.hasPendingOutput()) {
      const ssize_t n = ::send(c.fd.get(), c.output.data() + c.outputSent, c.output.size() - c.outputSent, MSG_NOSIGNAL);
      if (n > 0) {
        c.outputSent += static_cast<std::size_t>(n);
        c.lastWriteProgress = SteadyClock::now();
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      c.dead = true;
      return;
    }
    c.output.clear();
    c.outputSent = 0;
    if (c.closing && !c.writeShut) {
      ::shutdown(c.fd.get(), SHUT_WR);
      c.writeShut = true;
    }
  };

  auto acceptAll = [&] {
    for (;;) {
      std::optional<UniqueFd> accepted;
      try {
        accepted = net::acceptNow(listener_.get());
      } catch (const net::NetError&) {
        return;  // out of descriptors, say: the listener stays readable, the next poll retries
      }
      if (!accepted) return;
      UniqueFd fd = std::move(*accepted);
      connectionsAccepted_.fetch_add(1);
      if (state.connections.size() >= options_.maxConnections) {
        const auto busy = kv::encodeError(fmt::format("server busy: {} connections is the limit", options_.maxConnections));
        [[maybe_unused]] const ssize_t sent = ::send(fd.get(), busy.data(), busy.size(), MSG_NOSIGNAL);
        continue;
      }
      Connection& c = state.connections.emplace_back();
      c.fd = std::move(fd);
      c.lastActivity = SteadyClock::now();
      c.stageDeadline = c.lastActivity + options_.frameDeadline;
    }
  };

  auto expireTimers = [&](SteadyClock::time_point now) {
    for (Connection& c : state.connections) {
      if (c.waiting && now >= c.waitDeadline) {
        c.waiting = false;
        queue(c, kv::encodeTimedOut(missingKeys(state.entries, c.waitKeys)));
        processInput(c);
      }
      if (!c.closing && c.stage != Stage::Ready && now >= c.stageDeadline) {
        refuse(c, fmt::format("no authentication within {} ms: the handshake's {} frame did not arrive",
                              options_.frameDeadline.count(), c.stage == Stage::AwaitHello ? "Hello" : "Auth"));
      }
      if (c.hasPendingOutput() && now - c.lastWriteProgress >= options_.writeDeadline) {
        c.dead = true;  // it does not read: an error reply would not be read either
        writeDeadlinesMissed_.fetch_add(1);
        continue;
      }
      // While its replies are unread the client's buffered frames wait for it, not it for them.
      if (!c.closing && !c.throttled && c.frameStarted && now - *c.frameStarted >= options_.frameDeadline) {
        reject(c, fmt::format("incomplete frame: {} bytes received, the rest did not arrive within {} ms",
                              c.input.size(), options_.frameDeadline.count()));
      }
      if (!c.closing && !c.waiting && c.input.empty() && !c.hasPendingOutput() &&
          now - c.lastActivity >= options_.idleTimeout) {
        c.dead = true;
      }
      if (c.closing && now >= c.closeDeadline) c.dead = true;
    }
  };

  auto nextDeadline = [&]() {
    SteadyClock::time_point next = SteadyClock::now() + std::chrono::seconds(60);
    for (const Connection& c : state.connections) {
      if (c.waiting) next = std::min(next, c.waitDeadline);
      if (c.frameStarted) next = std::min(next, *c.frameStarted + options_.frameDeadline);
      if (c.closing) next = std::min(next, c.closeDeadline);
      if (c.hasPendingOutput()) next = std::min(next, c.lastWriteProgress + options_.writeDeadline);
      if (!c.closing && c.stage != Stage::Ready) next = std::min(next, c.stageDeadline);
      next = std::min(next, c.lastActivity + options_.idleTimeout);
    }
    return next;
  };

  std::vector<pollfd> polled;
  std::vector<Connection*> polledConnections;
  for (;;) {
    polled.clear();
    polledConnections.clear();
    polled.push_back({wakeFd_.get(), POLLIN, 0});
    polled.push_back({listener_.get(), POLLIN, 0});
    for (Connection& c : state.connections) {
      short events = c.closing || !outputFull(c) ? POLLIN : 0;
      if (c.hasPendingOutput()) events |= POLLOUT;
      polled.push_back({c.fd.get(), events, 0});
      polledConnections.push_back(&c);
    }
    const int ready = ::poll(polled.data(), polled.size(), net::pollTimeoutMs(nextDeadline()));
    if (ready < 0 && errno != EINTR) {
      std::fprintf(stderr, "rendezvous server %s: poll failed, serving stops: %s\n",
                   formatHostPort(address_).c_str(), std::strerror(errno));
      return;
    }
    if (ready > 0) {
      if (polled[0].revents != 0) return;  // the destructor asked us to stop
      if (polled[1].revents & POLLIN) acceptAll();
      for (std::size_t i = 0; i < polledConnections.size(); ++i) {
        Connection& c = *polledConnections[i];
        const short revents = polled[i + 2].revents;
        if (revents & (POLLIN | POLLHUP | POLLERR)) readFrom(c);
        notePending(c);
        if (!c.dead) writeTo(c);
      }
    }
    expireTimers(SteadyClock::now());
    for (Connection& c : state.connections) {
      if (c.dead) continue;
      notePending(c);
      if (c.hasPendingOutput()) writeTo(c);
      // Its replies were taken: serve the requests that waited behind them, for as long as its
      // socket keeps taking the replies (no event would wake us for input already buffered).
      while (!c.dead && c.throttled && !outputFull(c)) {
        c.throttled = false;
        if (c.input.empty()) break;
        c.frameStarted = SteadyClock::now();  // its frame deadline starts again from here
        processInput(c);
        notePending(c);
        writeTo(c);
      }
    }
    state.connections.remove_if([](const Connection& c) { return c.dead; });
  }
}

}  // namespace archi::comm
