#pragma once
// A connected peer leader: its identity and its parallel TLS streams, each with an
// outgoing frame queue and an incoming frame assembler for the event loop.

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "comm/wan/Frame.h"
#include "comm/wan/LinkShaper.h"
#include "comm/wan/TlsStream.h"

namespace archi::wan {

struct StreamChannel {
  std::unique_ptr<TlsStream> tls;
  FrameAssembler assembler;
  std::deque<std::vector<std::uint8_t>> urgent;  // gather frames go ahead of reduce frames
  std::deque<std::vector<std::uint8_t>> queue;
  std::vector<std::uint8_t> current;  // the frame being written (never interrupted)
  std::size_t currentOffset = 0;
  bool readWantsWrite = false;
  std::size_t retryLength = 0;  // length of a write that OpenSSL asked to retry
  std::string closedReason;     // set when the peer closed the stream after we needed nothing more

  StreamChannel(std::unique_ptr<TlsStream> stream, std::uint32_t maxPayloadBytes)
      : tls(std::move(stream)), assembler(maxPayloadBytes) {}
  bool hasOutput() const { return currentOffset < current.size() || !urgent.empty() || !queue.empty(); }
  std::size_t pendingBytes() const {
    std::size_t bytes = current.size() - currentOffset;
    for (const auto& frame : urgent) bytes += frame.size();
    for (const auto& frame : queue) bytes += frame.size();
    return bytes;
  }
};

struct PeerLink {
  int rank = 0;
  std::string name;
  std::string label;  // "leader 2 'dc-c' (10.0.0.3:7000)"
  std::vector<std::unique_ptr<StreamChannel>> streams;
  std::unique_ptr<LinkShaper> shaper;
};

std::string leaderLabel(int rank, const std::string& name, const std::string& address);

}  // namespace archi::wan
