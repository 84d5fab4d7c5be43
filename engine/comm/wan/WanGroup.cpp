#include "comm/wan/WanGroup.h"

#include <poll.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>

#include "comm/wan/PeerLink.h"
#include "comm/wan/WanConnector.h"
#include "comm/wan/WanError.h"

namespace archi::wan {
namespace {

constexpr std::size_t kWeightBytes = 28;  // f64 weight, u64 element count, u32 flags, u64 base version
constexpr std::uint32_t kFlagAverage = 1;
constexpr std::uint32_t kAbortReasonLimitBytes = kMaxControlPayloadBytes;

// Where fragment f of n starts in a buffer of `elements` values.
std::size_t fragmentStart(std::size_t elements, int fragment, int world) {
  const auto f = static_cast<std::size_t>(fragment);
  const auto n = static_cast<std::size_t>(world);
  return elements / n * f + elements % n * f / n;  // = floor(elements * f / n) without overflow
}

}  // namespace


// Everything one allReduce call tracks; rebuilt per call.
struct RoundState {
  std::uint64_t round = 0;
  WireFormat format = WireFormat::Fp32;
  bool average = true;
  std::size_t elements = 0;
  std::span<float> values;
  std::vector<std::optional<double>> weights;         // per rank
  std::vector<std::size_t> starts;                    // fragment starts, world + 1 entries
  std::vector<std::vector<std::uint8_t>> reduceSeen;  // [rank][chunk of my fragment]
  std::vector<std::uint32_t> reduceCount;             // per chunk of my fragment, own included
  std::vector<std::uint32_t> reduceFromPeer;          // per rank: chunks of my fragment received
  std::vector<float> slots;  // [rank][my fragment], each rank's scaled values
  std::vector<std::vector<std::uint8_t>> gatherSeen;  // [rank][chunk of its fragment]
  std::vector<std::uint32_t> gatherFromPeer;          // per rank
  std::size_t chunksPending = 0;  // my chunks not yet reduced + gathers not yet received
  std::uint64_t baseVersion = 0;  // the global state version every contribution must come from
  std::span<float> contributionResidual;  // error feedback of what we send (whole buffer)
  std::span<float> ownerResidual;         // error feedback of our fragment's reduced values
  double encode_cpu_s = 0.0;
  std::uint64_t fp32BytesSent = 0;
};

struct WanGroup::State {
  WanGroupConfig config;
  std::unique_ptr<TlsContext> tls;
  Listener listener;
  int streams = 0;
  std::uint32_t maxPayloadBytes = 0;
  std::vector<PeerLink> peers;                     // every other leader, in rank order
  std::vector<std::optional<Frame>> earlyWeights;  // per rank: a weight for the next round
  std::uint64_t nextRound = 1;
  // Error feedback per stream of values (AllReduceOptions::stream): what the wire dropped from
  // our contributions (whole buffer) and from our fragment's reduced values. An all-reduce of
  // one stream never touches another's.
  struct Residuals {
    std::vector<float> contribution;
    std::vector<float> owner;
  };
  std::map<std::string, Residuals> residuals;
  std::string brokenReason;
  std::uint64_t bytesSent = 0;
  std::uint64_t bytesReceived = 0;

  int world() const { return static_cast<int>(config.leaders.size()); }
  int me() const { return config.rank; }
  PeerLink& peer(int rank) {
    return peers[static_cast<std::size_t>(rank < me() ? rank : rank - 1)];
  }

  std::size_t chunkCount(const RoundState& r, int fragment) const {
    const std::size_t size = r.starts[static_cast<std::size_t>(fragment) + 1] -
                             r.starts[static_cast<std::size_t>(fragment)];
    return (size + config.chunkElements - 1) / config.chunkElements;
  }
  std::span<float> chunkSpan(std::span<float> buffer, const RoundState& r, int fragment,
                             std::size_t chunk) const {
    const std::size_t start =
        r.starts[static_cast<std::size_t>(fragment)] + chunk * config.chunkElements;
    const std::size_t end =
        std::min(start + config.chunkElements, r.starts[static_cast<std::size_t>(fragment) + 1]);
    return buffer.subspan(start, end - start);
  }

  void enqueue(int rank, std::size_t stream, std::vector<std::uint8_t> frame, bool urgent) {
    StreamChannel& channel = *peer(rank).streams[stream % peer(rank).streams.size()];
    Clock::time_point notBefore = Clock::now();
    if (peer(rank).shaper) notBefore += peer(rank).shaper->frameDelay(frame.size());
    (urgent ? channel.urgent : channel.queue).push_back({std::move(frame), notBefore});
  }

  [[noreturn]] void fail(WanError::Kind kind, const std::string& message) {
    brokenReason = message;
    config.logger->error("WAN: {}", message);
    sendAbortBestEffort(message);
    throw WanError(kind, message);
  }

  // Tells every peer that we gave up, so that they fail now instead of at their deadline.
  void sendAbortBestEffort(const std::string& reason) {
    const std::string text = reason.substr(0, kAbortReasonLimitBytes);
    const auto frame =
        encodeFrame({FrameType::Abort, WireFormat::Fp32, nextRound - 1, 0, 0, 0, config.epoch},
                    std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
    for (PeerLink& link : peers) {
      for (auto& channel : link.streams) {
        if (channel->currentOffset < channel->current.size())
          continue;  // mid-frame: would break framing
        // Best effort by design: the peer may be gone, and our own error is already thrown.
        if (channel->tls->writeSome(frame).status == IoStatus::Progress) break;
      }
    }
  }

  void handleFrame(PeerLink& link, std::size_t streamIndex, Frame frame, RoundState& r);
  void handleReduceChunk(PeerLink& link, const Frame& frame, RoundState& r);
  void handleGatherChunk(PeerLink& link, const Frame& frame, RoundState& r);
  void acceptWeight(PeerLink& link, const Frame& frame, RoundState& r);
  void finishChunkIfComplete(std::size_t chunk, RoundState& r);
  void pump(RoundState& r, Deadline deadline, bool weightsPhase, const std::function<bool()>& done,
            Clock::time_point start);
  void readAvailable(PeerLink& link, std::size_t streamIndex, RoundState& r);
  void flush(PeerLink& link, StreamChannel& channel);
  std::string lateness(const RoundState& r, bool weightsPhase);
  bool needsPeer(const PeerLink& link, const RoundState& r) const;
};

bool WanGroup::State::needsPeer(const PeerLink& link, const RoundState& r) const {
  const auto rank = static_cast<std::size_t>(link.rank);
  if (!r.weights[rank] || r.reduceFromPeer[rank] < chunkCount(r, me()) ||
      r.gatherFromPeer[rank] < chunkCount(r, link.rank)) {
    return true;
  }
  for (const auto& channel : link.streams) {
    if (channel->hasOutput()) return true;
  }
  return false;
}

void WanGroup::State::acceptWeight(PeerLink& link, const Frame& frame, RoundState& r) {
  if (frame.payload.size() != kWeightBytes) {
    fail(WanError::Kind::Protocol, link.label + " sent a weight frame of " +
                                       std::to_string(frame.payload.size()) + " bytes (expected " +
                                       std::to_string(kWeightBytes) + ")");
  }
  const double weight = getF64(frame.payload, 0);
  const std::uint64_t elements = getU64(frame.payload, 8);
  const bool average = (getU32(frame.payload, 16) & kFlagAverage) != 0;
  const std::uint64_t baseVersion = getU64(frame.payload, 20);
  if (!std::isfinite(weight) || weight < 0.0) {
    fail(WanError::Kind::Protocol,
         link.label + " sent weight " + std::to_string(weight) + " (must be finite and >= 0)");
  }
  if (elements != r.elements || frame.header.format != r.format || average != r.average) {
    fail(WanError::Kind::Protocol,
         "round " + std::to_string(r.round) + ": " + link.label + " contributes " +
             std::to_string(elements) + " values as " + std::string(toString(frame.header.format)) +
             (average ? " (average)" : " (sum)") + " but this leader " +
             std::to_string(r.elements) + " as " + std::string(toString(r.format)) +
             (r.average ? " (average)" : " (sum)") +
             "; every leader must reduce the same buffer the same way");
  }
  if (baseVersion != r.baseVersion) {
    fail(WanError::Kind::Protocol,
         "round " + std::to_string(r.round) + ": " + link.label + " contributes from global version " +
             std::to_string(baseVersion) + " but this leader from version " + std::to_string(r.baseVersion) +
             "; contributions computed from different global states are never merged");
  }
  if (r.weights[static_cast<std::size_t>(link.rank)]) {
    fail(WanError::Kind::Protocol,
         link.label + " sent its weight twice in round " + std::to_string(r.round));
  }
  r.weights[static_cast<std::size_t>(link.rank)] = weight;
}

void WanGroup::State::handleFrame(PeerLink& link, std::size_t streamIndex, Frame frame,
                                  RoundState& r) {
  const FrameHeader& h = frame.header;
  if (h.epoch != config.epoch) {
    fail(WanError::Kind::Protocol, link.label + " sent a " + std::string(toString(h.type)) + " frame of epoch " +
                                       std::to_string(h.epoch) + " to this group of epoch " +
                                       std::to_string(config.epoch) + " (stream " + std::to_string(streamIndex) +
                                       "); it belongs to another formation of the group");
  }
  if (h.type == FrameType::Abort) {
    const std::string reason(frame.payload.begin(), frame.payload.end());
    fail(WanError::Kind::Aborted,
         link.label + " gave up round " + std::to_string(h.round) + ": " + reason);
  }
  if (h.type == FrameType::Weight && h.round == r.round + 1) {
    auto& early = earlyWeights[static_cast<std::size_t>(link.rank)];
    if (early)
      fail(WanError::Kind::Protocol,
           link.label + " sent two weights for round " + std::to_string(h.round));
    early = std::move(frame);
    return;
  }
  if (h.round != r.round) {
    fail(WanError::Kind::Protocol, link.label + " sent a " + std::string(toString(h.type)) +
                                       " frame for round " + std::to_string(h.round) +
                                       " during round " + std::to_string(r.round) + " (stream " +
                                       std::to_string(streamIndex) + ")");
  }
  switch (h.type) {
    case FrameType::Weight:
      acceptWeight(link, frame, r);
      return;
    case FrameType::ReduceChunk:
      handleReduceChunk(link, frame, r);
      return;
    case FrameType::GatherChunk:
      handleGatherChunk(link, frame, r);
      return;
    default:
      fail(WanError::Kind::Protocol, link.label + " sent an unexpected " +
                                         std::string(toString(h.type)) + " frame in round " +
                                         std::to_string(r.round));
  }
}

void WanGroup::State::handleReduceChunk(PeerLink& link, const Frame& frame, RoundState& r) {
  const FrameHeader& h = frame.header;
  const std::size_t chunks = chunkCount(r, me());
  if (h.fragment != static_cast<std::uint32_t>(me()) || h.chunk >= chunks || h.format != r.format) {
    fail(WanError::Kind::Protocol,
         link.label + " sent reduce chunk " + std::to_string(h.chunk) + " of fragment " +
             std::to_string(h.fragment) + " as " + std::string(toString(h.format)) +
             " to the owner of fragment " + std::to_string(me()) + " (" + std::to_string(chunks) +
             " chunks, " + std::string(toString(r.format)) + ")");
  }
  auto& seen = r.reduceSeen[static_cast<std::size_t>(link.rank)][h.chunk];
  if (seen)
    fail(WanError::Kind::Protocol,
         link.label + " sent reduce chunk " + std::to_string(h.chunk) + " twice");
  const std::size_t fragmentSize =
      r.starts[static_cast<std::size_t>(me()) + 1] - r.starts[static_cast<std::size_t>(me())];
  std::span<float> slot(r.slots.data() + static_cast<std::size_t>(link.rank) * fragmentSize,
                        fragmentSize);
  const std::size_t offset = h.chunk * config.chunkElements;
  const std::size_t count = std::min<std::size_t>(config.chunkElements, fragmentSize - offset);
  const double decodeStart = threadCpuSeconds();
  if (auto error = decodeValues(r.format, frame.payload, slot.subspan(offset, count))) {
    fail(WanError::Kind::Protocol,
         link.label + " sent a bad reduce chunk " + std::to_string(h.chunk) + ": " + *error);
  }
  r.encode_cpu_s += threadCpuSeconds() - decodeStart;
  seen = 1;
  ++r.reduceFromPeer[static_cast<std::size_t>(link.rank)];
  ++r.reduceCount[h.chunk];
  finishChunkIfComplete(h.chunk, r);
}

void WanGroup::State::finishChunkIfComplete(std::size_t chunk, RoundState& r) {
  if (r.reduceCount[chunk] != static_cast<std::uint32_t>(world())) return;
  const std::size_t fragmentSize =
      r.starts[static_cast<std::size_t>(me()) + 1] - r.starts[static_cast<std::size_t>(me())];
  const std::size_t offset = chunk * config.chunkElements;
  const std::size_t count = std::min<std::size_t>(config.chunkElements, fragmentSize - offset);
  std::span<float> result = chunkSpan(r.values, r, me(), chunk);
  // Rank order and a double accumulator: the sum does not depend on arrival order.
  for (std::size_t i = 0; i < count; ++i) {
    double sum = 0.0;
    for (int rank = 0; rank < world(); ++rank)
      sum += r.slots[static_cast<std::size_t>(rank) * fragmentSize + offset + i];
    result[i] = static_cast<float>(sum);
  }
  if (world() > 1) {
    const double encodeStart = threadCpuSeconds();
    std::vector<std::uint8_t> payload(encodedBytes(r.format, count));
    std::span<float> residual = r.ownerResidual.subspan(offset, count);
    if (auto error = encodeWithErrorFeedback(r.format, result, residual, payload)) {
      fail(WanError::Kind::Config, "round " + std::to_string(r.round) + ": the sum of chunk " +
                                       std::to_string(chunk) + " cannot be sent as " +
                                       std::string(toString(r.format)) + ": " + *error);
    }
    // Everyone, the owner included, keeps the decoded values: identical results everywhere.
    if (auto error = decodeValues(r.format, payload, result)) {
      fail(WanError::Kind::Config, "round " + std::to_string(r.round) + ": chunk " +
                                       std::to_string(chunk) + " does not decode: " + *error);
    }
    r.encode_cpu_s += threadCpuSeconds() - encodeStart;
    const auto frame =
        encodeFrame({FrameType::GatherChunk, r.format, r.round, static_cast<std::uint32_t>(me()),
                     static_cast<std::uint32_t>(chunk), 0, config.epoch},
                    payload);
    for (PeerLink& link : peers) {
      enqueue(link.rank, chunk, frame, true);
      r.fp32BytesSent += kFrameHeaderBytes + count * sizeof(float);
    }
  }
  --r.chunksPending;
}

void WanGroup::State::handleGatherChunk(PeerLink& link, const Frame& frame, RoundState& r) {
  const FrameHeader& h = frame.header;
  const std::size_t chunks = chunkCount(r, link.rank);
  if (h.fragment != static_cast<std::uint32_t>(link.rank) || h.chunk >= chunks ||
      h.format != r.format) {
    fail(WanError::Kind::Protocol,
         link.label + " sent gather chunk " + std::to_string(h.chunk) + " of fragment " +
             std::to_string(h.fragment) + " as " + std::string(toString(h.format)) +
             " (it owns fragment " + std::to_string(link.rank) + " with " + std::to_string(chunks) +
             " chunks, " + std::string(toString(r.format)) + ")");
  }
  auto& seen = r.gatherSeen[static_cast<std::size_t>(link.rank)][h.chunk];
  if (seen)
    fail(WanError::Kind::Protocol,
         link.label + " sent gather chunk " + std::to_string(h.chunk) + " twice");
  const double decodeStart = threadCpuSeconds();
  if (auto error =
          decodeValues(r.format, frame.payload, chunkSpan(r.values, r, link.rank, h.chunk))) {
    fail(WanError::Kind::Protocol,
         link.label + " sent a bad gather chunk " + std::to_string(h.chunk) + ": " + *error);
  }
  r.encode_cpu_s += threadCpuSeconds() - decodeStart;
  seen = 1;
  ++r.gatherFromPeer[static_cast<std::size_t>(link.rank)];
  --r.chunksPending;
}

void WanGroup::State::readAvailable(PeerLink& link, std::size_t streamIndex, RoundState& r) {
  StreamChannel& channel = *link.streams[streamIndex];
  std::uint8_t buffer[64 * 1024];
  channel.readWantsWrite = false;
  for (int burst = 0; burst < 64;
       ++burst) {  // bounded, so one busy stream cannot starve the others
    const IoResult result = channel.tls->readSome(buffer);
    if (result.status == IoStatus::WantRead) return;
    if (result.status == IoStatus::WantWrite) {
      channel.readWantsWrite = true;
      return;
    }
    if (result.status != IoStatus::Progress) {
      std::string reason = channel.tls->lastError();
      if (auto cut = channel.assembler.finish()) reason += "; " + cut->message;
      // A leader that has finished the round and exits closes its streams, each after its
      // last frame. That is an error once every stream of a peer we still need is closed.
      if (result.status == IoStatus::Closed && !channel.assembler.finish() &&
          !channel.hasOutput()) {
        channel.closedReason = reason;
        const bool allClosed = std::all_of(link.streams.begin(), link.streams.end(),
                                           [](const auto& c) { return !c->closedReason.empty(); });
        if (!allClosed || !needsPeer(link, r)) return;
      }
      fail(WanError::Kind::Io, "stream " + std::to_string(streamIndex) + " to " + link.label +
                                   " broke in round " + std::to_string(r.round) + ": " + reason);
    }
    bytesReceived += result.bytes;
    link.bytesReceived += result.bytes;
    channel.assembler.append(std::span<const std::uint8_t>(buffer, result.bytes));
    while (true) {
      auto next = channel.assembler.next();
      if (std::holds_alternative<std::monostate>(next)) break;
      if (auto* error = std::get_if<FrameError>(&next)) {
        fail(WanError::Kind::Protocol,
             "malformed frame from " + link.label + " on stream " + std::to_string(streamIndex) +
                 " at byte " + std::to_string(error->byteOffset) + ": " + error->message);
      }
      handleFrame(link, streamIndex, std::move(std::get<Frame>(next)), r);
    }
  }
}

void WanGroup::State::flush(PeerLink& link, StreamChannel& channel) {
  while (true) {
    if (channel.currentOffset >= channel.current.size()) {
      std::deque<QueuedFrame>* source = channel.dueQueue(Clock::now());
      if (source == nullptr) return;
      channel.current = std::move(source->front().bytes);
      source->pop_front();
      channel.currentOffset = 0;
    }
    // OpenSSL wants a write that returned "want" retried with the same length: the shaper
    // only sizes fresh writes.
    std::size_t wanted = channel.retryLength;
    if (wanted == 0) {
      wanted = channel.current.size() - channel.currentOffset;
      if (link.shaper) {
        wanted = std::min(wanted, link.shaper->allowance(Clock::now()));
        if (wanted == 0) return;
      }
    }
    const IoResult result = channel.tls->writeSome(
        std::span<const std::uint8_t>(channel.current).subspan(channel.currentOffset, wanted));
    if (result.status == IoStatus::WantRead || result.status == IoStatus::WantWrite) {
      channel.retryLength = wanted;
      return;
    }
    channel.retryLength = 0;
    if (result.status != IoStatus::Progress) {
      fail(WanError::Kind::Io, "sending to " + link.label + " failed: " + channel.tls->lastError());
    }
    if (link.shaper) link.shaper->consume(result.bytes);
    channel.currentOffset += result.bytes;
    bytesSent += result.bytes;
    link.bytesSent += result.bytes;
  }
}

std::string WanGroup::State::lateness(const RoundState& r, bool weightsPhase) {
  std::string message;
  for (const PeerLink& link : peers) {
    const auto rank = static_cast<std::size_t>(link.rank);
    std::string missing;
    if (!r.weights[rank]) missing = "no weight";
    if (!weightsPhase) {
      const std::size_t reduceExpected = chunkCount(r, me());
      const std::size_t gatherExpected = chunkCount(r, link.rank);
      if (r.reduceFromPeer[rank] < reduceExpected) {
        missing += (missing.empty() ? "" : ", ") + std::to_string(r.reduceFromPeer[rank]) + "/" +
                   std::to_string(reduceExpected) + " reduce chunks";
      }
      if (r.gatherFromPeer[rank] < gatherExpected) {
        missing += (missing.empty() ? "" : ", ") + std::to_string(r.gatherFromPeer[rank]) + "/" +
                   std::to_string(gatherExpected) + " gather chunks";
      }
    }
    std::size_t unsent = 0;
    for (const auto& channel : link.streams) unsent += channel->pendingBytes();
    if (unsent > 0)
      missing +=
          (missing.empty() ? "" : ", ") + std::to_string(unsent) + " bytes not yet accepted by it";
    for (std::size_t i = 0; i < link.streams.size() && !missing.empty(); ++i) {
      if (!link.streams[i]->closedReason.empty()) {
        missing +=
            ", stream " + std::to_string(i) + " closed (" + link.streams[i]->closedReason + ")";
      }
    }
    if (!missing.empty()) message += (message.empty() ? "" : "; ") + link.label + ": " + missing;
  }
  return message;
}

void WanGroup::State::pump(RoundState& r, Deadline deadline, bool weightsPhase,
                           const std::function<bool()>& done, Clock::time_point start) {
  std::vector<pollfd> fds;
  std::vector<std::pair<std::size_t, std::size_t>> owners;  // (peer index, stream index)
  while (!done()) {
    const Clock::time_point now = Clock::now();
    if (now >= deadline) {
      char elapsed[32];
      std::snprintf(elapsed, sizeof elapsed, "%.1f", secondsSince(start));
      fail(WanError::Kind::Timeout, "all-reduce round " + std::to_string(r.round) +
                                        " timed out after " + elapsed + " s waiting for " +
                                        lateness(r, weightsPhase));
    }
    fds.clear();
    owners.clear();
    Clock::time_point wake = deadline;
    for (std::size_t p = 0; p < peers.size(); ++p) {
      PeerLink& link = peers[p];
      const bool admitted = !link.shaper || link.shaper->allowance(now) > 0;
      if (!admitted) wake = std::min(wake, link.shaper->nextAdmission(now));
      for (std::size_t s = 0; s < link.streams.size(); ++s) {
        StreamChannel& channel = *link.streams[s];
        if (!channel.closedReason.empty()) continue;
        short events = POLLIN;
        const bool canWrite = channel.readyToWrite(now, wake);  // else `wake` covers its next frame
        if ((canWrite && admitted) || channel.readWantsWrite) events |= POLLOUT;
        fds.push_back({channel.tls->fd(), events, 0});
        owners.emplace_back(p, s);
      }
    }
    const int ready = ::poll(fds.data(), fds.size(), pollTimeoutMs(wake));
    if (ready < 0 && errno != EINTR)
      fail(WanError::Kind::Io, std::string("poll failed: ") + std::strerror(errno));
    for (std::size_t i = 0; ready > 0 && i < fds.size(); ++i) {
      if (fds[i].revents == 0) continue;
      PeerLink& link = peers[owners[i].first];
      StreamChannel& channel = *link.streams[owners[i].second];
      if ((fds[i].revents & (POLLIN | POLLERR | POLLHUP)) != 0 ||
          (channel.readWantsWrite && (fds[i].revents & POLLOUT))) {
        readAvailable(link, owners[i].second, r);
      }
    }
    // Every stream with output gets a try: frames queued while reading need no extra poll
    // round, and a full socket simply answers "want write".
    for (PeerLink& link : peers) {
      for (auto& channel : link.streams) {
        if (channel->hasOutput()) flush(link, *channel);
      }
    }
  }
}

namespace {

// The checks both constructors share; returns the stream count per peer.
int checkedStreams(const WanGroupConfig& config) {
  const int world = static_cast<int>(config.leaders.size());
  if (world < 1) throw WanError(WanError::Kind::Config, "a WAN group needs at least one leader");
  if (config.rank < 0 || config.rank >= world) {
    throw WanError(WanError::Kind::Config, "rank " + std::to_string(config.rank) +
                                               " is outside 0.." + std::to_string(world - 1));
  }
  if (config.chunkElements < kInt8BlockElements ||
      config.chunkElements % kInt8BlockElements != 0 || config.chunkElements > (1u << 22)) {
    throw WanError(WanError::Kind::Config, "chunk size must be a multiple of " +
                                               std::to_string(kInt8BlockElements) +
                                               " elements, at most 4194304");
  }
  if (config.connect_timeout_s <= 0.0 || config.round_timeout_s <= 0.0) {
    throw WanError(WanError::Kind::Config, "timeouts must be positive");
  }
  const int streams = config.streamsPerPeer > 0
                          ? config.streamsPerPeer
                          : defaultStreamsForLink(config.link_gbit, config.link_rtt_ms);
  if (streams > 64) throw WanError(WanError::Kind::Config, "at most 64 streams per peer");
  return streams;
}

}  // namespace

std::uint32_t maxWanPayloadBytes(const WanGroupConfig& config) {
  return std::max<std::uint32_t>(config.chunkElements * sizeof(float), kAbortReasonLimitBytes);
}

WanGroup::WanGroup(WanGroupConfig config, Listener listener) : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.config = std::move(config);
  if (!s.config.logger) s.config.logger = spdlog::default_logger();
  s.streams = checkedStreams(s.config);
  s.maxPayloadBytes = maxWanPayloadBytes(s.config);
  s.listener = std::move(listener);
  s.tls = std::make_unique<TlsContext>(s.config.identity, s.config.policy, s.config.logger);
  const std::string& myName = s.config.leaders[static_cast<std::size_t>(s.config.rank)].name;
  if (s.tls->ownCertificate().commonName != myName) {
    throw WanError(WanError::Kind::Config,
                   s.config.identity.certificate.string() + " is issued to '" +
                       s.tls->ownCertificate().commonName + "', but this leader is listed as '" +
                       myName + "'; the other leaders would refuse it");
  }
  s.earlyWeights.resize(static_cast<std::size_t>(s.world()));
  s.peers = connectLeaders(s.config, *s.tls, s.listener, s.streams, s.maxPayloadBytes);
  s.config.logger->info(
      "WAN: leader {} '{}' joined {} leaders, {} TLS 1.3 streams per peer", s.config.rank,
      s.config.leaders[static_cast<std::size_t>(s.config.rank)].name, s.world(), s.streams);
}

WanGroup::WanGroup(WanGroupConfig config, std::vector<PeerLink> links)
    : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.config = std::move(config);
  if (!s.config.logger) s.config.logger = spdlog::default_logger();
  s.streams = checkedStreams(s.config);
  s.maxPayloadBytes = maxWanPayloadBytes(s.config);
  if (links.size() + 1 != s.config.leaders.size()) {
    throw WanError(WanError::Kind::Config, std::to_string(links.size()) + " links for a group of " +
                                               std::to_string(s.config.leaders.size()) + " leaders");
  }
  for (std::size_t i = 0; i < links.size(); ++i) {
    const int expected = static_cast<int>(i) < s.config.rank ? static_cast<int>(i) : static_cast<int>(i) + 1;
    if (links[i].rank != expected || links[i].streams.size() != static_cast<std::size_t>(s.streams)) {
      throw WanError(WanError::Kind::Config, "link " + std::to_string(i) + " is to rank " +
                                                 std::to_string(links[i].rank) + " with " +
                                                 std::to_string(links[i].streams.size()) +
                                                 " streams; expected rank " + std::to_string(expected));
    }
  }
  s.earlyWeights.resize(static_cast<std::size_t>(s.world()));
  s.peers = std::move(links);
}

WanGroup::~WanGroup() {
  // close_notify on every stream, so peers see an orderly end rather than a reset.
  for (PeerLink& link : state_->peers) {
    for (auto& channel : link.streams) channel->tls->shutdown();
  }
}

int WanGroup::rank() const {
  return state_->config.rank;
}
int WanGroup::worldSize() const {
  return state_->world();
}
int WanGroup::streamsPerPeer() const {
  return state_->streams;
}

void WanGroup::resetErrorFeedback() {
  state_->residuals.clear();
}

AllReduceReport WanGroup::allReduce(std::span<float> values, double weight,
                                    const AllReduceOptions& options) {
  State& s = *state_;
  const Clock::time_point start = Clock::now();
  const double cpuStart = threadCpuSeconds();
  if (!s.brokenReason.empty()) {
    throw WanError(WanError::Kind::Io,
                   "WAN group unusable after an earlier failure: " + s.brokenReason);
  }
  if (!std::isfinite(weight) || weight < 0.0) {
    throw WanError(WanError::Kind::Config,
                   "weight " + std::to_string(weight) + " must be finite and >= 0");
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      throw WanError(WanError::Kind::Config, "contribution value " + std::to_string(i) +
                                                 " is not finite (" + std::to_string(values[i]) +
                                                 "); refusing to spread it to every datacenter");
    }
  }
  const double timeout_s = options.timeout_s > 0.0 ? options.timeout_s : s.config.round_timeout_s;
  const Deadline deadline = start + toSteadyDuration(timeout_s);
  const int world = s.world();
  const int me = s.me();

  RoundState r;
  r.round = s.nextRound++;
  r.format = options.format;
  r.average = options.average;
  r.elements = values.size();
  r.values = values;
  r.weights.assign(static_cast<std::size_t>(world), std::nullopt);
  for (int f = 0; f <= world; ++f) r.starts.push_back(fragmentStart(values.size(), f, world));
  const std::size_t myChunks = s.chunkCount(r, me);
  const std::size_t fragmentSize =
      r.starts[static_cast<std::size_t>(me) + 1] - r.starts[static_cast<std::size_t>(me)];
  r.reduceSeen.assign(static_cast<std::size_t>(world), std::vector<std::uint8_t>(myChunks, 0));
  r.reduceCount.assign(myChunks, 0);
  r.reduceFromPeer.assign(static_cast<std::size_t>(world), 0);
  r.gatherSeen.resize(static_cast<std::size_t>(world));
  r.gatherFromPeer.assign(static_cast<std::size_t>(world), 0);
  r.slots.assign(static_cast<std::size_t>(world) * fragmentSize, 0.0f);
  r.chunksPending = myChunks;
  for (int f = 0; f < world; ++f) {
    if (f == me) continue;
    r.gatherSeen[static_cast<std::size_t>(f)].assign(s.chunkCount(r, f), 0);
    r.chunksPending += s.chunkCount(r, f);
  }
  r.baseVersion = options.baseVersion;
  // Without feedback the residuals are scratch, dropped after the call; with it they are the
  // stream's own, kept for its next all-reduce (reset only when its shape changes).
  State::Residuals scratch;
  State::Residuals& residuals = options.errorFeedback ? s.residuals[options.stream] : scratch;
  if (residuals.contribution.size() != values.size() || residuals.owner.size() != fragmentSize) {
    residuals.contribution.assign(values.size(), 0.0f);
    residuals.owner.assign(fragmentSize, 0.0f);
  }
  r.contributionResidual = residuals.contribution;
  r.ownerResidual = residuals.owner;
  const std::uint64_t sentBefore = s.bytesSent;
  const std::uint64_t receivedBefore = s.bytesReceived;
  std::vector<comm::PeerTraffic> peersBefore;
  for (const PeerLink& link : s.peers) peersBefore.push_back({link.name, link.bytesSent, link.bytesReceived});

  // Frames that arrived together with the last frame read before this group existed (a
  // re-forming leader's view) already sit in the assemblers, where poll() cannot see them.
  for (PeerLink& link : s.peers) {
    for (std::size_t index = 0; index < link.streams.size(); ++index) {
      while (true) {
        auto next = link.streams[index]->assembler.next();
        if (std::holds_alternative<std::monostate>(next)) break;
        if (auto* error = std::get_if<FrameError>(&next)) {
          s.fail(WanError::Kind::Protocol, "malformed frame from " + link.label + " on stream " +
                                               std::to_string(index) + ": " + error->message);
        }
        s.handleFrame(link, index, std::move(std::get<Frame>(next)), r);
      }
    }
  }

  // 1. Weights: everyone's, so that each leader can scale its own contribution by w / W.
  for (const PeerLink& link : s.peers) {
    for (const auto& channel : link.streams) {
      if (!channel->closedReason.empty()) {
        s.fail(WanError::Kind::Io, "round " + std::to_string(r.round) + ": " + link.label +
                                       " closed its connection after the previous round (" +
                                       channel->closedReason + ")");
      }
    }
  }
  r.weights[static_cast<std::size_t>(me)] = weight;
  std::vector<std::uint8_t> weightPayload;
  putF64(weightPayload, weight);
  putU64(weightPayload, values.size());
  putU32(weightPayload, options.average ? kFlagAverage : 0);
  putU64(weightPayload, options.baseVersion);
  const auto weightFrame =
      encodeFrame({FrameType::Weight, r.format, r.round, 0, 0, 0, s.config.epoch}, weightPayload);
  for (PeerLink& link : s.peers) {
    s.enqueue(link.rank, 0, weightFrame, true);
    r.fp32BytesSent += weightFrame.size();
    if (auto& early = s.earlyWeights[static_cast<std::size_t>(link.rank)]) {
      Frame frame = std::move(*early);
      early.reset();
      s.handleFrame(link, 0, std::move(frame), r);
    }
  }
  const auto allWeights = [&r] {
    return std::all_of(r.weights.begin(), r.weights.end(),
                       [](const auto& w) { return w.has_value(); });
  };
  s.pump(r, deadline, true, allWeights, start);
  double totalWeight = 0.0;
  for (const auto& w : r.weights) totalWeight += *w;
  if (totalWeight <= 0.0 && options.average) {
    s.fail(WanError::Kind::Config,
           "round " + std::to_string(r.round) + ": the total weight is 0, nothing to average");
  }
  const float scale = static_cast<float>(options.average ? weight / totalWeight : weight);

  // 2. Reduce-scatter: our scaled contribution to every fragment, chunk by chunk.
  const double encodeStart = threadCpuSeconds();
  std::vector<float> scaled;
  for (int f = 0; f < world; ++f) {
    for (std::size_t c = 0; c < s.chunkCount(r, f); ++c) {
      std::span<float> source = s.chunkSpan(values, r, f, c);
      scaled.resize(source.size());
      for (std::size_t i = 0; i < source.size(); ++i) scaled[i] = source[i] * scale;
      if (f == me) {
        // Our own share never crosses the wire: it enters the sum exactly.
        std::copy(scaled.begin(), scaled.end(),
                  r.slots.begin() +
                      static_cast<std::ptrdiff_t>(static_cast<std::size_t>(me) * fragmentSize +
                                                  c * s.config.chunkElements));
        continue;
      }
      std::vector<std::uint8_t> payload(encodedBytes(r.format, scaled.size()));
      const std::size_t offset = r.starts[static_cast<std::size_t>(f)] + c * s.config.chunkElements;
      if (auto error = encodeWithErrorFeedback(
              r.format, scaled, r.contributionResidual.subspan(offset, scaled.size()),
              payload)) {
        s.fail(WanError::Kind::Config, "round " + std::to_string(r.round) +
                                           ": our contribution cannot be sent as " +
                                           std::string(toString(r.format)) + ": " + *error);
      }
      s.enqueue(f, c,
                encodeFrame({FrameType::ReduceChunk, r.format, r.round,
                             static_cast<std::uint32_t>(f), static_cast<std::uint32_t>(c), 0, s.config.epoch},
                            payload),
                false);
      r.fp32BytesSent += kFrameHeaderBytes + scaled.size() * sizeof(float);
    }
  }
  r.encode_cpu_s += threadCpuSeconds() - encodeStart;
  for (std::size_t c = 0; c < myChunks; ++c) {
    ++r.reduceCount[c];
    s.finishChunkIfComplete(c, r);
  }

  // 3. Until every chunk is reduced and gathered and everything we owe has been sent.
  s.pump(
      r, deadline, false,
      [&] {
        if (r.chunksPending > 0) return false;
        for (const PeerLink& link : s.peers) {
          for (const auto& channel : link.streams) {
            if (channel->hasOutput()) return false;
          }
        }
        return true;
      },
      start);

  AllReduceReport report;
  report.round = r.round;
  report.totalWeight = totalWeight;
  for (int rank = 0; rank < world; ++rank) {
    report.participants.push_back({rank, s.config.leaders[static_cast<std::size_t>(rank)].name,
                                   *r.weights[static_cast<std::size_t>(rank)]});
  }
  report.bytesSent = s.bytesSent - sentBefore;
  report.bytesReceived = s.bytesReceived - receivedBefore;
  for (std::size_t i = 0; i < s.peers.size(); ++i) {
    report.peers.push_back({s.peers[i].name, s.peers[i].bytesSent - peersBefore[i].bytesSent,
                            s.peers[i].bytesReceived - peersBefore[i].bytesReceived});
  }
  report.fp32BytesSent = r.fp32BytesSent;
  report.compressionRatio = r.fp32BytesSent > 0 ? static_cast<double>(report.bytesSent) /
                                                      static_cast<double>(r.fp32BytesSent)
                                                : 1.0;
  report.duration_s = secondsSince(start);
  report.encode_cpu_s = r.encode_cpu_s;
  report.cpu_s = threadCpuSeconds() - cpuStart;
  return report;
}

}  // namespace archi::wan
