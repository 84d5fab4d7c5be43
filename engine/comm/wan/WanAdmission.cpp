#include "comm/wan/WanAdmission.h"

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <system_error>

#include "comm/wan/WanError.h"
#include "core/HostPort.h"

namespace archi::wan {
namespace {

constexpr std::string_view kMappedPrefix = "::ffff:";

// An IPv4-mapped IPv6 address (a dual-stack listener) is the IPv4 address it maps.
std::string canonicalHost(std::string host) {
  if (host.starts_with(kMappedPrefix) && host.find('.') != std::string::npos) host.erase(0, kMappedPrefix.size());
  return host;
}

// Every numeric address `host` resolves to; empty (and why in `error`) when it does not.
std::vector<std::string> numericAddresses(const std::string& host, std::string& error) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const int code = ::getaddrinfo(host.c_str(), nullptr, &hints, &found);
  std::vector<std::string> addresses;
  if (code != 0) {
    error = ::gai_strerror(code);
    return addresses;
  }
  for (const addrinfo* entry = found; entry != nullptr; entry = entry->ai_next) {
    char text[NI_MAXHOST];
    if (::getnameinfo(entry->ai_addr, entry->ai_addrlen, text, sizeof text, nullptr, 0, NI_NUMERICHOST) == 0) {
      addresses.push_back(canonicalHost(text));
    }
  }
  ::freeaddrinfo(found);
  return addresses;
}

}  // namespace

LeaderSources::LeaderSources(const std::vector<LeaderAddress>& leaders, int self, int streamsPerPeer,
                             const AdmissionLimits& limits, spdlog::logger& logger) {
  for (std::size_t rank = 0; rank < leaders.size(); ++rank) {
    if (static_cast<int>(rank) == self) continue;
    std::string error;
    const std::vector<std::string> addresses = numericAddresses(leaders[rank].host, error);
    if (addresses.empty()) {
      logger.warn("WAN: cannot resolve leader {} '{}' host '{}' ({}): its connections will be refused", rank,
                  leaders[rank].name, leaders[rank].host, error);
    }
    for (const std::string& address : std::set<std::string>(addresses.begin(), addresses.end())) {
      limitByHost_[address] += streamsPerPeer;  // each leader at this address opens this many at once
    }
  }
  for (auto& [host, limit] : limitByHost_) limit += limits.spareHandshakesPerSource;
}

bool LeaderSources::isLeaderHost(const std::string& host) const { return limitByHost_.contains(canonicalHost(host)); }

int LeaderSources::handshakeLimit(const std::string& host) const {
  const auto found = limitByHost_.find(canonicalHost(host));
  return found == limitByHost_.end() ? 0 : found->second;
}

ConcurrentHandshakes::ConcurrentHandshakes(const TlsContext& context, const LeaderSources& sources,
                                           const AdmissionLimits& limits, std::uint32_t maxPayloadBytes,
                                           Callback onHandshake)
    : context_(context),
      sources_(sources),
      limits_(limits),
      maxPayloadBytes_(maxPayloadBytes),
      onHandshake_(std::move(onHandshake)) {}

ConcurrentHandshakes::~ConcurrentHandshakes() { abortAll(); }

ConcurrentHandshakes::Counters ConcurrentHandshakes::counters() const {
  std::lock_guard lock(mutex_);
  return counters_;
}

void ConcurrentHandshakes::start(net::UniqueFd socket, const std::string& peerAddress, Deadline deadline) {
  std::string parseError;
  const std::optional<HostPort> peer = parseHostPort(peerAddress, parseError);
  const std::string host = canonicalHost(peer ? peer->host : peerAddress);
  const std::string label = "connection from " + peerAddress;
  std::lock_guard lock(mutex_);
  reapFinished();
  if (!sources_.isLeaderHost(host)) {
    ++counters_.refusedSources;
    context_.logger().debug("WAN: closed {} before TLS: {} is not a leader host of this run", label, host);
    return;  // `socket` closes here
  }
  const auto live = [](const InFlight& f) { return f.control.valid(); };
  const auto fromHost = std::count_if(inFlight_.begin(), inFlight_.end(),
                                      [&](const InFlight& f) { return live(f) && f.host == host; });
  if (fromHost >= sources_.handshakeLimit(host)) {
    // The oldest from this source has had the longest to finish: a leader's own stream
    // completes in a round trip or two, a silent connection never does.
    const auto oldest =
        std::find_if(inFlight_.begin(), inFlight_.end(), [&](const InFlight& f) { return live(f) && f.host == host; });
    ::shutdown(oldest->control.get(), SHUT_RDWR);
    oldest->control.reset();
    ++counters_.evicted;
  }
  const auto liveCount = std::count_if(inFlight_.begin(), inFlight_.end(), live);
  if (liveCount >= limits_.maxConcurrentHandshakes) {
    ++counters_.overCapacity;
    context_.logger().debug("WAN: closed {} before TLS: {} handshakes in flight", label, liveCount);
    return;
  }
  net::UniqueFd control(::dup(socket.get()));
  if (!control.valid()) return;  // out of descriptors: the dialer retries
  const Deadline ends = std::min(deadline, Clock::now() + limits_.preAuthDeadline);
  const std::uint64_t id = nextId_++;
  std::thread thread;
  try {
    thread = std::thread([this, id, s = std::move(socket), label, ends]() mutable { run(id, std::move(s), label, ends); });
  } catch (const std::system_error& e) {
    context_.logger().warn("WAN: closed {}: no thread for its handshake: {}", label, e.what());
    return;  // the dialer retries
  }
  inFlight_.push_back({id, host, std::move(control), std::move(thread)});
  ++counters_.started;
}

void ConcurrentHandshakes::run(std::uint64_t id, net::UniqueFd socket, std::string label, Deadline deadline) {
  Handshaken result;
  result.label = label;
  try {
    result.stream = std::make_unique<TlsStream>(context_, std::move(socket), TlsStream::Side::Server, result.label,
                                                std::string(), deadline);
    result.assembler = std::make_unique<FrameAssembler>(maxPayloadBytes_);
    result.first = result.stream->readFrame(*result.assembler, deadline, "hello");
  } catch (const WanError& e) {
    result.stream.reset();
    result.error = e.what();
    result.refusedByPolicy = e.kind() == WanError::Kind::PeerRefused;
  }
  {
    // Authenticated (or failed): no longer something abortAll or an eviction may cut.
    std::lock_guard lock(mutex_);
    for (InFlight& f : inFlight_) {
      if (f.id == id) f.control.reset();
    }
  }
  try {
    std::lock_guard callbackLock(callbackMutex_);
    onHandshake_(std::move(result));
  } catch (const std::exception& e) {
    context_.logger().warn("WAN: admitting {} failed: {}", label, e.what());
  }
  finished(id);
}

void ConcurrentHandshakes::finished(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  ended_.push_back(id);
  changed_.notify_all();
}

void ConcurrentHandshakes::reapFinished() {
  for (auto it = inFlight_.begin(); it != inFlight_.end();) {
    if (std::find(ended_.begin(), ended_.end(), it->id) != ended_.end()) {
      it->thread.join();  // it returns right after finished(): a short wait
      ended_.erase(std::find(ended_.begin(), ended_.end(), it->id));
      it = inFlight_.erase(it);
    } else {
      ++it;
    }
  }
}

void ConcurrentHandshakes::waitAll() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return ended_.size() == inFlight_.size(); });
  reapFinished();
}

void ConcurrentHandshakes::abortAll() {
  {
    std::lock_guard lock(mutex_);
    for (InFlight& f : inFlight_) {
      if (f.control.valid()) ::shutdown(f.control.get(), SHUT_RDWR);
      f.control.reset();
    }
  }
  waitAll();
}

}  // namespace archi::wan
