#pragma once
// One TLS 1.3 stream over a non-blocking TCP socket. The handshake and the blocking helpers
// take a deadline; readSome/writeSome never block, for the multiplexed event loop.

#include <memory>
#include <span>
#include <string>

#include "comm/pki/CertificateInfo.h"
#include "comm/pki/OpenSslHandles.h"
#include "comm/wan/Frame.h"
#include "comm/wan/WanSockets.h"
#include "comm/wan/TlsContext.h"
#include "comm/wan/TlsVerifyRecord.h"

namespace archi::wan {

enum class IoStatus { Progress, WantRead, WantWrite, Closed, Failed };

struct IoResult {
  IoStatus status = IoStatus::Progress;
  std::size_t bytes = 0;
};

class TlsStream {
 public:
  enum class Side { Client, Server };

  // Runs the handshake and the policy check. A refused peer is logged (with the reason)
  // and reported as WanError::PeerRefused; `peerLabel` names the peer in every message.
  TlsStream(const TlsContext& context, Fd socket, Side side, std::string peerLabel,
            const std::string& expectedName, Deadline deadline);
  TlsStream(const TlsStream&) = delete;
  TlsStream& operator=(const TlsStream&) = delete;

  IoResult readSome(std::span<std::uint8_t> out);
  IoResult writeSome(std::span<const std::uint8_t> bytes);
  // Why the last Failed or Closed happened (OpenSSL's error queue or the OS reason).
  const std::string& lastError() const { return lastError_; }

  void writeAll(std::span<const std::uint8_t> bytes, Deadline deadline, const std::string& what);
  // Reads the next frame; throws WanError on timeout, close or a malformed frame.
  Frame readFrame(FrameAssembler& assembler, Deadline deadline, const std::string& what);

  // Sends close_notify and half-closes the socket; best effort, never blocks.
  void shutdown();

  int fd() const { return socket_.get(); }
  const std::string& peerLabel() const { return peerLabel_; }
  const pki::CertificateInfo& peerCertificate() const { return peer_; }

 private:
  IoResult classify(int result, std::size_t bytes);

  Fd socket_;
  pki::SslPtr ssl_;
  std::unique_ptr<TlsVerifyRecord> verifyRecord_;
  std::string peerLabel_;
  pki::CertificateInfo peer_;
  std::string lastError_;
};

}  // namespace archi::wan
