#pragma once
// Who may start a TLS handshake on a leader's WAN port, and for how long
// (docs/architecture.md#limits-on-servers). A connection from an address that is not a
// configured leader host is closed before TLS; the others get their handshake on a thread of
// their own, so that a silent or slow connection delays nobody else, and must complete it and
// send their first frame within a short pre-authentication deadline. Each source address may
// hold a bounded number of handshakes in flight: a newer connection from a source at its limit
// pushes out that source's oldest, so silent connections from a leader's own host cannot keep
// that leader's real streams waiting.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "comm/wan/Frame.h"
#include "comm/wan/TlsContext.h"
#include "comm/wan/TlsStream.h"
#include "comm/wan/WanGroup.h"

namespace archi::wan {

// The admission limits, in one place.
struct AdmissionLimits {
  // From the TCP accept to a verified peer certificate and its first frame (hello or knock):
  // a TLS 1.3 handshake and one frame take one or two round trips.
  std::chrono::milliseconds preAuthDeadline{2000};
  // Between two rounds the group waits this long at most for the knocks queued on its port.
  std::chrono::milliseconds betweenRoundsDeadline{1000};
  // Handshakes in flight from one address beyond the streams its leaders open at once.
  int spareHandshakesPerSource = 4;
  // Handshakes in flight in all (one thread each); more connections are closed at once.
  int maxConcurrentHandshakes = 64;
  // Connections taken from the port between two rounds.
  int maxConnectionsBetweenRounds = 64;
};

// The numeric addresses of the configured leader hosts, and how many handshakes each may have
// in flight. Names are resolved when it is made (each formation and each round boundary), so
// leader hosts given as addresses keep DNS off the round's path.
class LeaderSources {
 public:
  // `self` is left out unless another leader shares its host (loopback runs).
  LeaderSources(const std::vector<LeaderAddress>& leaders, int self, int streamsPerPeer, const AdmissionLimits& limits,
                spdlog::logger& logger);
  // `host` as accept() reports it (numeric; IPv4-mapped IPv6 is taken as IPv4).
  bool isLeaderHost(const std::string& host) const;
  int handshakeLimit(const std::string& host) const;

 private:
  std::map<std::string, int> limitByHost_;
};

// Where a handshake ended: a stream with its first frame, or why not.
struct Handshaken {
  std::string label;  // "connection from HOST:PORT"
  std::unique_ptr<TlsStream> stream;  // null when the handshake or the first frame failed
  std::unique_ptr<FrameAssembler> assembler;
  Frame first;
  std::string error;
  bool refusedByPolicy = false;  // the TLS policy refused the peer (already logged by the stream)
};

// Runs the handshakes of accepted connections concurrently. `onHandshake` is called on the
// handshake's thread, one call at a time, for every connection that was not closed before TLS.
class ConcurrentHandshakes {
 public:
  using Callback = std::function<void(Handshaken)>;
  ConcurrentHandshakes(const TlsContext& context, const LeaderSources& sources, const AdmissionLimits& limits,
                       std::uint32_t maxPayloadBytes, Callback onHandshake);
  // Aborts the handshakes still in flight and waits for their threads.
  ~ConcurrentHandshakes();
  ConcurrentHandshakes(const ConcurrentHandshakes&) = delete;
  ConcurrentHandshakes& operator=(const ConcurrentHandshakes&) = delete;

  // Takes an accepted connection: closes it at once when its source is not a leader host or
  // too many handshakes are in flight; otherwise starts its handshake, which must end by
  // min(`deadline`, now + preAuthDeadline).
  void start(net::UniqueFd socket, const std::string& peerAddress, Deadline deadline);
  // Waits until every handshake started so far has ended.
  void waitAll();
  // Ends the handshakes still in flight now (their sockets are shut down) and waits for them.
  void abortAll();

  struct Counters {
    std::uint64_t refusedSources = 0;  // closed before TLS: not a leader host
    std::uint64_t evicted = 0;         // pushed out by a newer connection from the same source
    std::uint64_t overCapacity = 0;    // closed before TLS: maxConcurrentHandshakes in flight
    std::uint64_t started = 0;
  };
  Counters counters() const;

 private:
  struct InFlight {
    std::uint64_t id = 0;
    std::string host;
    net::UniqueFd control;  // a duplicate of the socket, to shut it down from outside the thread
    std::thread thread;
  };
  void run(std::uint64_t id, net::UniqueFd socket, std::string label, Deadline deadline);
  void finished(std::uint64_t id);
  void reapFinished();

  const TlsContext& context_;
  const LeaderSources& sources_;
  AdmissionLimits limits_;
  std::uint32_t maxPayloadBytes_;
  Callback onHandshake_;
  std::mutex callbackMutex_;  // one onHandshake at a time

  mutable std::mutex mutex_;  // guards everything below
  std::condition_variable changed_;
  std::list<InFlight> inFlight_;      // oldest first
  std::vector<std::uint64_t> ended_;  // threads that returned, to be joined
  std::uint64_t nextId_ = 0;
  Counters counters_;
};

}  // namespace archi::wan
