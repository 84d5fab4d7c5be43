#include "comm/wan/WanConnector.h"

#include <atomic>
#include <map>
#include <thread>

#include "comm/wan/WanError.h"

namespace archi::wan {
namespace {

constexpr std::size_t kHelloBytes = 20;
constexpr auto kHandshakeLimit =
    std::chrono::seconds(10);  // one slow stranger must not eat the whole setup

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
// a message, never as an exception across the thread boundary.
class Acceptor {
 public:
  Acceptor(const WanGroupConfig& config, const TlsContext& context, Listener& listener, int streams,
           std::uint32_t maxPayloadBytes, Deadline deadline)
      : config_(config),
        context_(context),
        listener_(listener),
        streams_(streams),
        maxPayloadBytes_(maxPayloadBytes),
        deadline_(deadline) {}

  void run(const std::atomic<bool>& stop) noexcept {
    const int world = static_cast<int>(config_.leaders.size());
    const std::size_t expected = static_cast<std::size_t>((world - 1 - config_.rank) * streams_);
    try {
      while (accepted_.size() < expected && !stop.load()) {
        if (Clock::now() >= deadline_) {
          error_ = missingMessage();
          return;
        }
        std::string address;
        // Short slices so that a failing dialer on the main thread can stop us quickly.
        auto socket =
            acceptTcp(listener_.socket.get(),
                      std::min(deadline_, Clock::now() + std::chrono::milliseconds(100)), address);
        if (!socket) continue;
        admit(std::move(*socket), address);
      }
    } catch (const std::exception& e) {
      error_ = e.what();
    }
  }

  std::string error_;
  StreamMap accepted_;

 private:
  void admit(Fd socket, const std::string& address) {
    const std::string label = "connection from " + address;
    std::unique_ptr<TlsStream> stream;
    try {
      stream = std::make_unique<TlsStream>(context_, std::move(socket), TlsStream::Side::Server,
                                           label, std::string(),
                                           std::min(deadline_, Clock::now() + kHandshakeLimit));
    } catch (const WanError& e) {
      lastRefusal_ = e.what();  // already logged by the stream when it was a refusal
      if (e.kind() != WanError::Kind::PeerRefused)
        context_.logger().warn("WAN: dropped {}: {}", label, e.what());
      return;
    }
    auto assembler = std::make_unique<FrameAssembler>(maxPayloadBytes_);
    std::string problem;
    Frame hello;
    try {
      hello = stream->readFrame(*assembler, std::min(deadline_, Clock::now() + kHandshakeLimit),
                                "hello");
    } catch (const WanError& e) {
      lastRefusal_ = e.what();
      context_.logger().warn("WAN: dropped {}: {}", label, e.what());
      return;
    }
    const int world = static_cast<int>(config_.leaders.size());
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
      } else if (stream->peerCertificate().commonName != config_.leaders[rank].name) {
        problem = "certificate name '" + stream->peerCertificate().commonName + "' is not leader " +
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
          stream->writeAll(ack, std::min(deadline_, Clock::now() + kHandshakeLimit), "hello-ack");
        } catch (const WanError& e) {
          context_.logger().warn("WAN: dropped {}: {}", label, e.what());
          return;
        }
        accepted_[{static_cast<int>(rank), static_cast<int>(index)}] = {std::move(stream),
                                                                        std::move(assembler)};
        return;
      }
    }
    lastRefusal_ =
        "refused " + label + " (CN=" + stream->peerCertificate().commonName + "): " + problem;
    context_.logger().warn("WAN: {}", lastRefusal_);
    const std::vector<std::uint8_t> reason(problem.begin(), problem.end());
    try {
      stream->writeAll(encodeFrame({FrameType::Abort, WireFormat::Fp32, 0, 0, 0, 0}, reason),
                       std::min(deadline_, Clock::now() + std::chrono::seconds(1)), "refusal");
    } catch (const WanError&) {
      // The refused peer is gone already; the refusal is logged above.
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
  std::string lastRefusal_;
};

AdmittedStream dial(const WanGroupConfig& config, const TlsContext& context, int peer, int index,
                    int streams, std::uint32_t maxPayloadBytes, Deadline deadline) {
  const LeaderAddress& address = config.leaders[static_cast<std::size_t>(peer)];
  const std::string label =
      leaderLabel(peer, address.name, address.host + ":" + std::to_string(address.port));
  Fd socket = connectTcp(address.host, address.port, deadline);
  auto stream = std::make_unique<TlsStream>(context, std::move(socket), TlsStream::Side::Client,
                                            label, address.name, deadline);
  stream->writeAll(encodeFrame({FrameType::Hello, WireFormat::Fp32, 0, 0, 0, 0},
                               helloPayload(config, index, streams)),
                   deadline, "hello");
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

}  // namespace

std::string leaderLabel(int rank, const std::string& name, const std::string& address) {
  return "leader " + std::to_string(rank) + " '" + name + "' (" + address + ")";
}

std::vector<PeerLink> connectLeaders(const WanGroupConfig& config, const TlsContext& context,
                                     Listener& listener, int streams,
                                     std::uint32_t maxPayloadBytes) {
  const Deadline deadline =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(
                         std::chrono::duration<double>(config.connect_timeout_s));
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
    PeerLink link;
    link.rank = peer;
    link.name = config.leaders[static_cast<std::size_t>(peer)].name;
    auto& source = peer < config.rank ? dialed : acceptor.accepted_;
    for (int index = 0; index < streams; ++index) {
      AdmittedStream stream = std::move(source.at({peer, index}));
      if (index == 0) {
        const LeaderAddress& address = config.leaders[static_cast<std::size_t>(peer)];
        link.label =
            leaderLabel(peer, link.name, address.host + ":" + std::to_string(address.port));
      }
      link.streams.push_back(
          std::make_unique<StreamChannel>(std::move(stream.tls), std::move(*stream.assembler)));
    }
    if (config.shaperForPeer) link.shaper = config.shaperForPeer(peer);
    links.push_back(std::move(link));
  }
  return links;
}

}  // namespace archi::wan
