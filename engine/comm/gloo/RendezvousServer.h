#pragma once
// The datacenter leader's rendezvous key-value store, served over TCP so that workers need no
// shared filesystem. One thread multiplexes every connection with poll(); each client request
// is a frame of KvProtocol. Only clients that prove the run's secret are served
// (StoreHandshake.h): before that a connection may send nothing but the two 32-byte handshake
// frames, each within frameDeadline, or it is answered AuthFailed and closed. Keys are
// write-once except the elastic group's (KvProtocol.h). Hostile or broken clients are
// contained: frames are capped, a frame must arrive whole within a deadline, protocol errors
// get an Error reply and a closed connection, and storage, key and connection counts are bounded.
// Replies are bounded too (docs/architecture.md#limits-on-servers): a client whose replies pile
// up unread is not read from until it takes them, and is closed when it takes none for
// writeDeadline, so a client that pipelines requests and never reads costs a bounded buffer.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <thread>

#include "comm/gloo/KvProtocol.h"
#include "comm/gloo/RendezvousSecret.h"
#include "comm/gloo/StoreSockets.h"

namespace archi::comm {

struct RendezvousServerOptions {
  HostPort bind{"127.0.0.1", 0};  // the leader's address on the datacenter fabric; port 0 = any free port
  std::string bindInterface;      // when set, bind.host is replaced by this interface's address
  RendezvousSecret secret;        // required: the run's secret that every client must prove
  kv::Limits limits;
  std::size_t maxStoredBytes = 64u << 20;
  std::size_t maxKeys = 65536;
  std::size_t maxConnections = 512;
  std::chrono::milliseconds frameDeadline{5000};  // from a frame's first byte to its last
  // Between frames. Clients open one connection per request, so an idle one only holds a slot.
  std::chrono::milliseconds idleTimeout{30000};
  // Replies queued for one client and not yet taken by its socket. At this mark the server
  // stops reading and serving that client until its queue drains below it, so a queue never
  // exceeds it by more than one reply (at most a header and limits.maxValueBytes).
  std::size_t maxQueuedOutputBytes = 1u << 20;
  // A connection with replies pending whose socket takes none of them for this long is closed
  // (a client that stopped reading). Each byte it takes restarts the clock.
  std::chrono::milliseconds writeDeadline{10000};
};

class RendezvousServer {
 public:
  // Binds and listens before returning (throws RendezvousError, also when no secret is set),
  // then serves on a thread.
  explicit RendezvousServer(RendezvousServerOptions options);
  ~RendezvousServer();
  RendezvousServer(const RendezvousServer&) = delete;
  RendezvousServer& operator=(const RendezvousServer&) = delete;

  // Where clients connect: the bound address with the actual port.
  HostPort address() const { return address_; }

  struct Counters {
    std::uint64_t connectionsAccepted = 0;
    std::uint64_t requestsServed = 0;
    std::uint64_t framesRejected = 0;     // protocol errors and frame deadlines
    std::uint64_t handshakesRefused = 0;  // wrong secret, no handshake, or none in time
    std::uint64_t writeDeadlinesMissed = 0;  // connections closed for not reading their replies
    std::size_t peakQueuedOutputBytes = 0;   // the largest reply queue any connection had
  };
  Counters counters() const;

 private:
  struct State;
  void serve();

  RendezvousServerOptions options_;
  UniqueFd listener_;
  UniqueFd wakeFd_;
  HostPort address_;
  std::unique_ptr<State> state_;  // owned by the serving thread while it runs
  std::atomic<std::uint64_t> connectionsAccepted_{0};
  std::atomic<std::uint64_t> requestsServed_{0};
  std::atomic<std::uint64_t> framesRejected_{0};
  std::atomic<std::uint64_t> handshakesRefused_{0};
  std::atomic<std::uint64_t> writeDeadlinesMissed_{0};
  std::atomic<std::size_t> peakQueuedOutputBytes_{0};
  std::thread thread_;
};

}  // namespace archi::comm
