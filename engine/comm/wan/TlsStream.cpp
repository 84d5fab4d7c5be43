#include "comm/wan/TlsStream.h"

#include <openssl/err.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <climits>
#include <cstring>

#include "comm/pki/OpenSslError.h"
#include "comm/wan/WanError.h"

namespace archi::wan {
namespace {

// A socket BIO that writes with MSG_NOSIGNAL, so that a peer closing mid-write gives an
// error value instead of a SIGPIPE that kills the process. The method table is created
// once and never changed afterwards.
int bioWrite(BIO* bio, const char* data, int length) {
  BIO_clear_retry_flags(bio);
  const int fd = static_cast<int>(reinterpret_cast<std::intptr_t>(BIO_get_data(bio)));
  const ssize_t n = ::send(fd, data, static_cast<std::size_t>(length), MSG_NOSIGNAL);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
    BIO_set_retry_write(bio);
  return static_cast<int>(n);
}

int bioRead(BIO* bio, char* data, int length) {
  BIO_clear_retry_flags(bio);
  const int fd = static_cast<int>(reinterpret_cast<std::intptr_t>(BIO_get_data(bio)));
  const ssize_t n = ::recv(fd, data, static_cast<std::size_t>(length), 0);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) BIO_set_retry_read(bio);
  return static_cast<int>(n);
}

long bioControl(BIO*, int command, long, void*) {
  return command == BIO_CTRL_FLUSH ? 1 : 0;
}

const BIO_METHOD* noSignalSocketMethod() {
  static const BIO_METHOD* method = [] {
    BIO_METHOD* m = pki::opensslCheck(
        BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "archi-socket"), "BIO_meth_new");
    BIO_meth_set_write(m, bioWrite);
    BIO_meth_set_read(m, bioRead);
    BIO_meth_set_ctrl(m, bioControl);
    return m;
  }();
  return method;
}

}  // namespace

TlsStream::TlsStream(const TlsContext& context, Fd socket, Side side, std::string peerLabel,
                     const std::string& expectedName, Deadline deadline)
    : socket_(std::move(socket)),
      verifyRecord_(std::make_unique<TlsVerifyRecord>()),
      peerLabel_(std::move(peerLabel)) {
  using pki::opensslCheck;
  ERR_clear_error();
  ssl_.reset(opensslCheck(SSL_new(context.get()), "SSL_new"));
  BIO* bio = opensslCheck(BIO_new(noSignalSocketMethod()), "BIO_new");
  BIO_set_data(bio, reinterpret_cast<void*>(static_cast<std::intptr_t>(socket_.get())));
  BIO_set_init(bio, 1);
  SSL_set_bio(ssl_.get(), bio, bio);
  SSL_set_app_data(ssl_.get(), verifyRecord_.get());
  if (side == Side::Client) {
    SSL_set_connect_state(ssl_.get());
  } else {
    SSL_set_accept_state(ssl_.get());
  }

  const char* direction = side == Side::Client ? "to" : "from";
  while (true) {
    const int result = SSL_do_handshake(ssl_.get());
    if (result == 1) break;
    const int error = SSL_get_error(ssl_.get(), result);
    if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
      if (!waitFor(socket_.get(), error == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline)) {
        throw WanError(WanError::Kind::Timeout,
                       "TLS handshake " + std::string(direction) + " " + peerLabel_ +
                           " timed out (the peer accepted TCP but never answered)");
      }
      continue;
    }
    if (!verifyRecord_->reason.empty()) {
      const std::string message = "refused peer " + peerLabel_ + " (" + verifyRecord_->subject +
                                  "): certificate verification failed: " + verifyRecord_->reason;
      context.logger().warn("WAN: {}", message);
      pki::takeOpenSslErrors();
      throw WanError(WanError::Kind::PeerRefused, message);
    }
    const std::string queue = pki::takeOpenSslErrors();
    const std::string message =
        "TLS handshake " + std::string(direction) + " " + peerLabel_ +
        " failed: " + (queue.empty() ? std::string("connection closed by the peer") : queue) +
        " (the peer may have refused our certificate; see its log)";
    context.logger().warn("WAN: {}", message);
    throw WanError(
        queue.find("alert") != std::string::npos ? WanError::Kind::PeerRefused : WanError::Kind::Io,
        message);
  }

  pki::X509Ptr peerCertificate(SSL_get1_peer_certificate(ssl_.get()));
  if (!peerCertificate) {
    throw WanError(WanError::Kind::PeerRefused, "peer " + peerLabel_ + " presented no certificate");
  }
  peer_ = pki::describeCertificate(peerCertificate.get());
  if (auto problem = context.checkPeer(peer_, expectedName)) {
    const std::string message =
        "refused peer " + peerLabel_ + " (CN=" + peer_.commonName + "): " + *problem;
    context.logger().warn("WAN: {}", message);
    throw WanError(WanError::Kind::PeerRefused, message);
  }
}

void TlsStream::shutdown() {
  if (SSL_shutdown(ssl_.get()) < 0) pki::takeOpenSslErrors();  // a peer already gone is fine here
  ::shutdown(socket_.get(), SHUT_WR);
}

IoResult TlsStream::classify(int result, std::size_t bytes) {
  if (result > 0) return {IoStatus::Progress, bytes};
  const int error = SSL_get_error(ssl_.get(), result);
  switch (error) {
    case SSL_ERROR_WANT_READ:
      return {IoStatus::WantRead, 0};
    case SSL_ERROR_WANT_WRITE:
      return {IoStatus::WantWrite, 0};
    case SSL_ERROR_ZERO_RETURN:
      lastError_ = "the peer closed the stream";
      return {IoStatus::Closed, 0};
    case SSL_ERROR_SYSCALL: {
      const int osError = errno;
      const std::string queue = pki::takeOpenSslErrors();
      lastError_ = !queue.empty() ? queue
                   : osError != 0 ? std::strerror(osError)
                                  : "the peer closed the connection";
      return {IoStatus::Closed, 0};
    }
    default: {
      const std::string queue = pki::takeOpenSslErrors();
      lastError_ = queue.empty() ? "TLS error " + std::to_string(error) : queue;
      return {IoStatus::Failed, 0};
    }
  }
}

IoResult TlsStream::readSome(std::span<std::uint8_t> out) {
  ERR_clear_error();
  errno = 0;
  std::size_t bytes = 0;
  const int result = SSL_read_ex(ssl_.get(), out.data(), out.size(), &bytes);
  return classify(result, bytes);
}

IoResult TlsStream::writeSome(std::span<const std::uint8_t> bytes) {
  ERR_clear_error();
  errno = 0;
  std::size_t written = 0;
  const int result = SSL_write_ex(ssl_.get(), bytes.data(), bytes.size(), &written);
  return classify(result, written);
}

void TlsStream::writeAll(std::span<const std::uint8_t> bytes, Deadline deadline,
                         const std::string& what) {
  std::size_t offset = 0;
  while (offset < bytes.size()) {
    const IoResult result = writeSome(bytes.subspan(offset));
    if (result.status == IoStatus::Progress) {
      offset += result.bytes;
    } else if (result.status == IoStatus::WantRead || result.status == IoStatus::WantWrite) {
      if (!waitFor(fd(), result.status == IoStatus::WantRead ? POLLIN : POLLOUT, deadline)) {
        throw WanError(WanError::Kind::Timeout,
                       "sending " + what + " to " + peerLabel_ + " timed out");
      }
    } else {
      throw WanError(WanError::Kind::Io,
                     "sending " + what + " to " + peerLabel_ + " failed: " + lastError_);
    }
  }
}

Frame TlsStream::readFrame(FrameAssembler& assembler, Deadline deadline, const std::string& what) {
  std::uint8_t buffer[4096];
  while (true) {
    auto next = assembler.next();
    if (auto* frame = std::get_if<Frame>(&next)) return std::move(*frame);
    if (auto* error = std::get_if<FrameError>(&next)) {
      throw WanError(WanError::Kind::Protocol, "malformed frame from " + peerLabel_ + " at byte " +
                                                   std::to_string(error->byteOffset) + ": " +
                                                   error->message);
    }
    const IoResult result = readSome(buffer);
    if (result.status == IoStatus::Progress) {
      assembler.append(std::span<const std::uint8_t>(buffer, result.bytes));
    } else if (result.status == IoStatus::WantRead || result.status == IoStatus::WantWrite) {
      if (!waitFor(fd(), result.status == IoStatus::WantRead ? POLLIN : POLLOUT, deadline)) {
        throw WanError(WanError::Kind::Timeout,
                       "waiting for " + what + " from " + peerLabel_ + " timed out");
      }
    } else {
      std::string reason = lastError_;
      if (result.status == IoStatus::Closed) {
        if (auto cut = assembler.finish()) reason += "; " + cut->message;
      }
      const WanError::Kind kind = reason.find("alert") != std::string::npos
                                      ? WanError::Kind::PeerRefused
                                      : WanError::Kind::Io;
      throw WanError(kind, "waiting for " + what + " from " + peerLabel_ + ": " + reason +
                               (kind == WanError::Kind::PeerRefused
                                    ? " (the peer refused our certificate; see its log)"
                                    : ""));
    }
  }
}

}  // namespace archi::wan
