#pragma once
// A connected peer leader: its identity and its parallel TLS streams, each with an
// outgoing frame queue and an incoming frame assembler for the event loop.

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "comm/wan/Frame.h"
#include "comm/wan/LinkShaper.h"
#include "comm/wan/TlsStream.h"

namespace archi::wan {

struct QueuedFrame {
  std::vector<std::uint8_t> bytes;
  Clock::time_point notBefore;  // emulated link delay; the queue time otherwise
};

struct StreamChannel {
  std::unique_ptr<TlsStream> tls;
  FrameAssembler assembler;
  std::deque<QueuedFrame> urgent;  // gather frames go ahead of reduce frames
  std::deque<QueuedFrame> queue;
  std::vector<std::uint8_t> current;  // the frame being written (never interrupted)
  std::size_t currentOffset = 0;
  bool readWantsWrite = false;
  std::size_t retryLength = 0;  // length of a write that OpenSSL asked to retry
  std::string closedReason;     // set when the peer closed the stream after we needed nothing more

  StreamChannel(std::unique_ptr<TlsStream> stream, FrameAssembler streamAssembler)
      : tls(std::move(stream)), assembler(std::move(streamAssembler)) {}
  bool writing() const { return currentOffset < current.size(); }
  bool hasOutput() const { return writing() || !urgent.empty() || !queue.empty(); }
  // The queue whose first frame may be sent at `now` (urgent first), or nullptr.
  std::deque<QueuedFrame>* dueQueue(Clock::time_point now) {
    if (!urgent.empty() && urgent.front().notBefore <= now) return &urgent;
    if (!queue.empty() && queue.front().notBefore <= now) return &queue;
    return nullptr;
  }
  // Whether a write can make progress at `now`, and otherwise when the next frame is due.
  bool readyToWrite(Clock::time_point now, Clock::time_point& nextDue) {
    if (writing() || dueQueue(now) != nullptr) return true;
    if (!urgent.empty()) nextDue = std::min(nextDue, urgent.front().notBefore);
    if (!queue.empty()) nextDue = std::min(nextDue, queue.front().notBefore);
    return false;
  }
  std::size_t pendingBytes() const {
    std::size_t bytes = current.size() - currentOffset;
    for (const auto& frame : urgent) bytes += frame.bytes.size();
    for (const auto& frame : queue) bytes += frame.bytes.size();
    return bytes;
  }
};

struct PeerLink {
  int rank = 0;
  std::string name;
  std::string label;  // "leader 2 'dc-c' (10.0.0.3:7000)"
  std::vector<std::unique_ptr<StreamChannel>> streams;
  std::unique_ptr<LinkShaper> shaper;
  // Bytes put on and read from this peer's streams since the group was made (TLS payload).
  std::uint64_t bytesSent = 0;
  std::uint64_t bytesReceived = 0;
};

std::string leaderLabel(int rank, const std::string& name, const std::string& address);

}  // namespace archi::wan
