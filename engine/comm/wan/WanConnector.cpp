#include "comm/wan/WanConnector.h"

#include <atomic>
#include <map>
#include <thread>

#include "comm/wan/WanAdmission.h"
#include "comm/wan/WanError.h"

namespace archi::wan {
namespace {

constexpr std::size_t kHelloBytes = 20;
// How long a dialer waits for one stream's handshake and answer (the listener's side is
// bounded by AdmissionLimits::preAuthDeadline).
constexpr auto kHandshakeLimit = std::chrono::seconds(10);

std::vector<std::uint8_t> helloPayload(const WanGroupConfig& config, int streamIndex, int streams) {
  std::vector<std::uint8_t> payload;
  putU32(payload, static_cast<std::uint32_t>(config.rank));
  putU32(payload, static_cast<std::uint32_t>(config.leaders.size()));
  putU32(payload, static_cast<std::uint32_t>(streamIndex));
  putU32(payload, static_cast<std::uint32_t>(streams));
  putU32(payload, config.chunkElements);
  return payload;
}

// An admitted stream with the assembler that read its hello: bytes that arrived behind the
// hello stay with the stream.
struct AdmittedStream {
  std::unique_ptr<TlsStream> tls;
  std::unique_ptr<FrameAssembler> assembler;
};
using StreamMap = std::map<std::pair<int, int>, AdmittedStream>;  // (rank, index)

// Accepts the streams of every higher rank. Runs on its own thread: failures come back as
// a message, never as an exception across the thread boundary. When re-forming (`cut` set)
// it also answers knocks and refuses leaders whose link is cut (emulated). Handshakes run
// concurrently under the admission limits (WanAdmission.h); what they bring is decided here,
// one at a time.
class Acceptor {
 public:
  Acceptor(const WanGroupConfig& config, const TlsContext& context, Listener& listener, int streams,
           std::uint32_t maxPayloadBytes, Deadline deadline, const LinkCutCheck* cut = nullptr)
      : config_(config),
        context_(context),
        listener_(listener),
        streams_(streams),
        maxPayloadBytes_(maxPayloadBytes),
        deadline_(deadline),
        cut_(cut),
        sources_(config.leaders, config.rank, streams, limits_, context.logger()) {}

  void run(const std::atomic<bool>& stop) noexcept {
    const int world = static_cast<int>(config_.leaders.size());
    const std::size_t expected = static_cast<std::size_t>((world - 1 - config_.rank) * streams_);
    try {
      ConcurrentHandshakes handshakes(context_, sources_, limits_, maxPayloadBytes_,
                                      [this](Handshaken h) { admit(std::move(h)); });
      while (acceptedCount_.load() < expected && !stop.load()) {
        if (Clock::now() >= deadline_) {
          handshakes.abortAll();
          if (cut_ == nullptr) error_ = missingMessage();  // re-forming: whoever came, came
          return;
        }
        std::string address;
        // Short slices so that a failing dialer on the main thread, or the last stream admitted
        // on a handshake thread, stops us quickly.
        auto socket =
            acceptTcp(listener_.socket.get(),
                      std::min(deadline_, Clock::now() + std::chrono::milliseconds(20)), address);
        if (!socket) continue;
        handshakes.start(std::move(*socket), address, deadline_);
      }
      // Done: handshakes still in flight are strangers, duplicates or late knocks.
    } catch (const std::exception& e) {
      error_ = e.what();
    }
  }

  std::string error_;
  StreamMap accepted_;
  std::vector<int> knockedBy_;

  // Between rounds: answers every connection waiting on the listener, concurrently; true when
  // one was an authenticated knock or a stream of a leader of this run (both mean: someone
  // wants to (re)join).
  bool answerPending() {
    std::atomic<bool> wanted{false};
    {
      ConcurrentHandshakes handshakes(context_, sources_, limits_, maxPayloadBytes_, [&](Handshaken h) {
        if (admitOutsideFormation(std::move(h))) wanted = true;
      });
      for (int i = 0; i < limits_.maxConnectionsBetweenRounds; ++i) {
        std::string address;
        auto socket = acceptTcp(listener_.socket.get(), Clock::now(), address);
        if (!socket) break;
        handshakes.start(std::move(*socket), address, deadline_);
      }
      handshakes.waitAll();
    }
    return wanted.load();
  }

 private:
  // Called on a handshake thread, one call at a time.
  void admit(Handshaken h) {
    const std::string& label = h.label;
    if (!h.stream) {
      lastRefusal_ = h.error;  // a policy refusal was logged by the stream already
      if (!h.refusedByPolicy) context_.logger().warn("WAN: dropped {}: {}", label, h.error);
      return;
    }
    TlsStream& stream = *h.stream;
    const Frame& hello = h.first;
    std::string problem;
    const int world = static_cast<int>(config_.leaders.size());
    if (hello.header.type == FrameType::Knock && hello.payload.size() == kHelloBytes) {
      answerKnock(stream, hello, label);
      return;
    }
    if (cut_ != nullptr && hello.payload.size() == kHelloBytes) {
      const std::uint32_t rank = getU32(hello.payload, 0);
      if (rank < static_cast<std::uint32_t>(world) && (*cut_)(static_cast<int>(rank))) {
        problem = "the link to leader " + std::to_string(rank) + " is cut (emulated)";
        refuse(stream, label, problem);
        return;
      }
    }
    if (hello.header.type != FrameType::Hello || hello.payload.size() != kHelloBytes) {
      problem = "expected a hello, got a " + std::string(toString(hello.header.type)) +
                " frame of " + std::to_string(hello.payload.size()) + " bytes";
    } else {
      const std::uint32_t rank = getU32(hello.payload, 0);
      const std::uint32_t helloWorld = getU32(hello.payload, 4);
      const std::uint32_t index = getU32(hello.payload, 8);
      const std::uint32_t streams = getU32(hello.payload, 12);
      const std::uint32_t chunk = getU32(hello.payload, 16);
      if (helloWorld != static_cast<std::uint32_t>(world)) {
        problem = "it counts " + std::to_string(helloWorld) + " leaders, this leader " +
                  std::to_string(world);
      } else if (rank <= static_cast<std::uint32_t>(config_.rank) ||
                 rank >= static_cast<std::uint32_t>(world)) {
        problem =
            "rank " + std::to_string(rank) + " may not dial leader " + std::to_string(config_.rank);
      } else if (stream.peerCertificate().commonName != config_.leaders[rank].name) {
        problem = "certificate name '" + stream.peerCertificate().commonName + "' is not leader " +
                  std::to_string(rank) + " '" + config_.leaders[rank].name + "'";
      } else if (streams != static_cast<std::uint32_t>(streams_) || index >= streams) {
        problem = "stream " + std::to_string(index) + " of " + std::to_string(streams) + " where " +
                  std::to_string(streams_) + " streams per peer are configured";
      } else if (chunk != config_.chunkElements) {
        problem = "chunk size " + std::to_string(chunk) + " elements where this leader uses " +
                  std::to_string(config_.chunkElements);
      } else if (accepted_.count({static_cast<int>(rank), static_cast<int>(index)}) != 0) {
        problem =
            "duplicate stream " + std::to_string(index) + " of leader " + std::to_string(rank);
      } else {
        const auto ack = encodeFrame({FrameType::HelloAck, WireFormat::Fp32, 0, 0, 0, 0}, {});
        try {
          stream.writeAll(ack, std::min(deadline_, Clock::now() + kHandshakeLimit), "hello-ack");
        } catch (const WanError& e) {
          context_.logger().warn("WAN: dropped {}: {}", label, e.what());
          return;
        }
        accepted_[{static_cast<int>(rank), static_cast<int>(index)}] = {std::move(h.stream),
                                                                        std::move(h.assembler)};
        acceptedCount_.store(accepted_.size());
        return;
      }
    }
    refuse(stream, label, problem);
  }

  // Between rounds, on a handshake thread.
  bool admitOutsideFormation(Handshaken h) {
    if (!h.stream) {
      context_.logger().debug("WAN: dropped {} between rounds: {}", h.label, h.error);
      return false;
    }
    TlsStream& stream = *h.stream;
    const Frame& first = h.first;
    if (first.header.type == FrameType::Knock && first.payload.size() == kHelloBytes) {
      const std::size_t before = knockedBy_.size();
      answerKnock(stream, first, h.label);
      return knockedBy_.size() > before;
    }
    if (first.header.type == FrameType::Hello && first.payload.size() == kHelloBytes) {
      // A leader dialing in to form a group: not now, but it tells us to re-form. Its dialer
      // retries until its own deadline and will find us forming.
      const std::uint32_t rank = getU32(first.payload, 0);
      const bool known = rank < config_.leaders.size() &&
                         stream.peerCertificate().commonName == config_.leaders[rank].name;
      refuse(stream, h.label, "not forming a group now; retry");
      return known && (cut_ == nullptr || !(*cut_)(static_cast<int>(rank)));
    }
    refuse(stream, h.label, "expected a knock or a hello between rounds");
    return false;
  }

  void refuse(TlsStream& stream, const std::string& label, const std::string& problem) {
    lastRefusal_ =
        "refused " + label + " (CN=" + stream.peerCertificate().commonName + "): " + problem;
    context_.logger().warn("WAN: {}", lastRefusal_);
    const std::vector<std::uint8_t> reason(problem.begin(), problem.end());
    try {
      stream.writeAll(encodeFrame({FrameType::Abort, WireFormat::Fp32, 0, 0, 0, 0}, reason),
                      std::min(deadline_, Clock::now() + std::chrono::seconds(1)), "refusal");
    } catch (const WanError&) {
      // The refused peer is gone already; the refusal is logged above.
    }
  }

  // A knock is only heard from a leader of this run (name checked against its rank).
  void answerKnock(TlsStream& stream, const Frame& knock, const std::string& label) {
    const std::uint32_t rank = getU32(knock.payload, 0);
    const int world = static_cast<int>(config_.leaders.size());
    if (rank >= static_cast<std::uint32_t>(world) || static_cast<int>(rank) == config_.rank ||
        stream.peerCertificate().commonName != config_.leaders[rank].name) {
      refuse(stream, label, "knock from '" + stream.peerCertificate().commonName + "' as rank " +
                                std::to_string(rank) + ", which is not that leader");
      return;
    }
    if (cut_ != nullptr && (*cut_)(static_cast<int>(rank))) {
      refuse(stream, label, "the link to leader " + std::to_string(rank) + " is cut (emulated)");
      return;
    }
    try {
      stream.writeAll(encodeFrame({FrameType::HelloAck, WireFormat::Fp32, 0, 0, 0, 0}, {}),
                      std::min(deadline_, Clock::now() + std::chrono::seconds(1)), "knock-ack");
      knockedBy_.push_back(static_cast<int>(rank));
    } catch (const WanError& e) {
      context_.logger().warn("WAN: dropped knock from {}: {}", label, e.what());
    }
  }

  std::string missingMessage() const {
    std::string message;
    const int world = static_cast<int>(config_.leaders.size());
    for (int rank = config_.rank + 1; rank < world; ++rank) {
      int present = 0;
      for (int index = 0; index < streams_; ++index)
        present += accepted_.count({rank, index}) != 0 ? 1 : 0;
      if (present == streams_) continue;
      message += (message.empty() ? "" : "; ") +
                 leaderLabel(rank, config_.leaders[rank].name,
                             config_.leaders[rank].host + ":" +
                                 std::to_string(config_.leaders[rank].port)) +
                 " never connected (" + std::to_string(present) + " of " +
                 std::to_string(streams_) + " streams)";
    }
    if (!lastRefusal_.empty()) message += " [last refused connection: " + lastRefusal_ + "]";
    return "WAN setup timed out: " + message;
  }

  const WanGroupConfig& config_;
  const TlsContext& context_;
  Listener& listener_;
  int streams_;
  std::uint32_t maxPayloadBytes_;
  Deadline deadline_;
  const LinkCutCheck* cut_;
  AdmissionLimits limits_;
  LeaderSources sources_;
  std::atomic<std::size_t> acceptedCount_{0};
  std::string lastRefusal_;
};

AdmittedStream dial(const WanGroupConfig& config, const TlsContext& context, int peer, int index,
                    int streams, std::uint32_t maxPayloadBytes, Deadline deadline,
                    FrameType type = FrameType::Hello) {
  const LeaderAddress& address = config.leaders[static_cast<std::size_t>(peer)];
  const std::string label =
      leaderLabel(peer, address.name, address.host + ":" + std::to_string(address.port));
  Fd socket = connectTcp(address.host, address.port, deadline);
  auto stream = std::make_unique<TlsStream>(context, std::move(socket), TlsStream::Side::Client,
                                            label, address.name, deadline);
  stream->writeAll(encodeFrame({type, WireFormat::Fp32, 0, 0, 0, 0},
                               helloPayload(config, index, streams)),
                   deadline, std::string(toString(type)));
  auto assembler = std::make_unique<FrameAssembler>(maxPayloadBytes);
  Frame answer = stream->readFrame(*assembler, deadline, "hello-ack");
  if (answer.header.type == FrameType::Abort) {
    throw WanError(WanError::Kind::PeerRefused,
                   label + " refused our stream: " +
                       std::string(answer.payload.begin(), answer.payload.end()));
  }
  if (answer.header.type != FrameType::HelloAck) {
    throw WanError(WanError::Kind::Protocol, label + " answered the hello with a " +
                                                 std::string(toString(answer.header.type)) +
                                                 " frame");
  }
  return {std::move(stream), std::move(assembler)};
}

// The admitted streams of `peer` as one link (every stream must be in `source`).
PeerLink makeLink(const WanGroupConfig& config, int peer, int streams, StreamMap& source) {
  PeerLink link;
  link.rank = peer;
  link.name = config.leaders[static_cast<std::size_t>(peer)].name;
  const LeaderAddress& address = config.leaders[static_cast<std::size_t>(peer)];
  link.label = leaderLabel(peer, link.name, address.host + ":" + std::to_string(address.port));
  for (int index = 0; index < streams; ++index) {
    AdmittedStream stream = std::move(source.at({peer, index}));
    link.streams.push_back(
        std::make_unique<StreamChannel>(std::move(stream.tls), std::move(*stream.assembler)));
  }
  if (config.shaperForPeer) link.shaper = config.shaperForPeer(peer);
  return link;
}

}  // namespace

std::string leaderLabel(int rank, const std::string& name, const std::string& address) {
  return "leader " + std::to_string(rank) + " '" + name + "' (" + address + ")";
}

std::vector<PeerLink> connectLeaders(const WanGroupConfig& config, const TlsContext& context,
                                     Listener& listener, int streams,
                                     std::uint32_t maxPayloadBytes) {
  const Deadline deadline = Clock::now() + toSteadyDuration(config.connect_timeout_s);
  Acceptor acceptor(config, context, listener, streams, maxPayloadBytes, deadline);
  std::atomic<bool> stop{false};
  std::thread acceptThread([&] { acceptor.run(stop); });

  StreamMap dialed;
  std::string dialError;
  WanError::Kind dialKind = WanError::Kind::Io;
  try {
    for (int peer = 0; peer < config.rank; ++peer) {
      for (int index = 0; index < streams; ++index) {
        dialed[{peer, index}] =
            dial(config, context, peer, index, streams, maxPayloadBytes, deadline);
      }
    }
  } catch (const WanError& e) {
    dialError = e.what();
    dialKind = e.kind();
    stop = true;
  }
  acceptThread.join();
  if (!dialError.empty()) throw WanError(dialKind, "WAN setup failed: " + dialError);
  if (!acceptor.error_.empty()) {
    throw WanError(acceptor.error_.starts_with("WAN setup timed out") ? WanError::Kind::Timeout
                                                                      : WanError::Kind::Io,
                   acceptor.error_);
  }

  std::vector<PeerLink> links;
  const int world = static_cast<int>(config.leaders.size());
  for (int peer = 0; peer < world; ++peer) {
    if (peer == config.rank) continue;
    links.push_back(makeLink(config, peer, streams, peer < config.rank ? dialed : acceptor.accepted_));
  }
  return links;
}

ReachableLinks connectReachableLeaders(const WanGroupConfig& config, const TlsContext& context,
                                       Listener& listener, int streams,
                                       std::uint32_t maxPayloadBytes, Deadline deadline,
                                       const LinkCutCheck& cut) {
  Acceptor acceptor(config, context, listener, streams, maxPayloadBytes, deadline, &cut);
  std::atomic<bool> stop{false};
  std::thread acceptThread([&] { acceptor.run(stop); });

  const int world = static_cast<int>(config.leaders.size());
  std::vector<StreamMap> dialedByPeer(static_cast<std::size_t>(world));
  std::vector<std::thread> dialers;
  for (int peer = 0; peer < world; ++peer) {
    if (peer >= config.rank) continue;
    dialers.emplace_back([&, peer] {
      const auto pause = [&] { std::this_thread::sleep_for(std::chrono::milliseconds(200)); };
      StreamMap& mine = dialedByPeer[static_cast<std::size_t>(peer)];
      for (int index = 0; index < streams; ++index) {
        bool done = false;
        while (!done && Clock::now() < deadline) {
          if (cut(peer)) {
            pause();
            continue;
          }
          try {
            mine[{peer, index}] = dial(config, context, peer, index, streams, maxPayloadBytes,
                                       std::min(deadline, Clock::now() + kHandshakeLimit));
            done = true;
          } catch (const WanError&) {
            pause();  // not listening, busy training (it answers between rounds) or refused
          }
        }
        if (!done) {
          mine.clear();  // an incomplete set of streams is no link
          return;
        }
      }
    });
  }
  for (std::thread& dialer : dialers) dialer.join();
  acceptThread.join();

  ReachableLinks result;
  result.knockedBy = acceptor.knockedBy_;
  for (int peer = 0; peer < world; ++peer) {
    if (peer == config.rank) continue;
    StreamMap& source = peer < config.rank ? dialedByPeer[static_cast<std::size_t>(peer)] : acceptor.accepted_;
    int present = 0;
    for (int index = 0; index < streams; ++index) present += source.count({peer, index}) != 0 ? 1 : 0;
    if (present == streams) result.links.push_back(makeLink(config, peer, streams, source));
  }
  return result;
}

int knockOnLeaders(const WanGroupConfig& config, const TlsContext& context, std::uint32_t maxPayloadBytes,
                   Deadline deadline, const LinkCutCheck& cut) {
  const int world = static_cast<int>(config.leaders.size());
  std::atomic<int> answered{0};
  // Leaders of one group answer at the same round boundary: once one has answered, the
  // others get a short grace, not the whole deadline.
  std::atomic<Clock::rep> stopAt{deadline.time_since_epoch().count()};
  const auto stopTime = [&] { return Clock::time_point(Clock::duration(stopAt.load())); };
  std::vector<std::thread> knockers;
  for (int peer = 0; peer < world; ++peer) {
    if (peer == config.rank) continue;
    knockers.emplace_back([&, peer] {
      while (Clock::now() < stopTime()) {
        if (!cut(peer)) {
          try {
            dial(config, context, peer, 0, 1, maxPayloadBytes, std::min(stopTime(), Clock::now() + kHandshakeLimit),
                 FrameType::Knock);
            if (answered.fetch_add(1) == 0) {
              const Clock::time_point grace = Clock::now() + std::chrono::seconds(2);
              if (grace < stopTime()) stopAt = grace.time_since_epoch().count();
            }
            return;
          } catch (const WanError&) {
            // not listening (dead, restarting) or refused: try again until the deadline
          }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
      }
    });
  }
  for (std::thread& knocker : knockers) knocker.join();
  return answered.load();
}

bool answerPendingKnocks(const WanGroupConfig& config, const TlsContext& context, Listener& listener,
                         std::uint32_t maxPayloadBytes, const LinkCutCheck& cut) {
  // Every waiting dialer gets its own short handshake, all at once: a knocking leader is
  // blocked on us, so it answers at once; a stranger costs the round at most this.
  const Deadline deadline = Clock::now() + AdmissionLimits{}.betweenRoundsDeadline;
  Acceptor acceptor(config, context, listener, 1, maxPayloadBytes, deadline, &cut);
  return acceptor.answerPending();
}

}  // namespace archi::wan
