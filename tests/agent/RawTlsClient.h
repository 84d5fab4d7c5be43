#pragma once
// A TLS client at the level of bytes, for what a well-behaved HTTP client cannot do: offer
// only TLS 1.2, send half a request line and stall, send an oversized header.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace agent_test {

class RawTlsClient {
 public:
  // `certificate`/`key` empty: no client certificate. `maxVersion`: e.g. TLS1_2_VERSION.
  RawTlsClient(int port, const std::filesystem::path& certificate, const std::filesystem::path& key, int maxVersion) {
    context_ = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_max_proto_version(context_, maxVersion);
    SSL_CTX_set_verify(context_, SSL_VERIFY_NONE, nullptr);
    if (!certificate.empty()) {
      SSL_CTX_use_certificate_file(context_, certificate.c_str(), SSL_FILETYPE_PEM);
      SSL_CTX_use_PrivateKey_file(context_, key.c_str(), SSL_FILETYPE_PEM);
    }
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval timeout{15, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ssl_ = SSL_new(context_);
    SSL_set_fd(ssl_, fd_);
  }
  ~RawTlsClient() {
    SSL_free(ssl_);
    SSL_CTX_free(context_);
    ::close(fd_);
  }
  RawTlsClient(const RawTlsClient&) = delete;
  RawTlsClient& operator=(const RawTlsClient&) = delete;

  bool handshake() { return connected_ && SSL_connect(ssl_) == 1; }
  bool send(const std::string& bytes) { return SSL_write(ssl_, bytes.data(), static_cast<int>(bytes.size())) == static_cast<int>(bytes.size()); }
  // Bytes until the server closes (or the 15 s socket timeout), or until `until` has arrived;
  // empty when refused.
  std::string readAll(const std::string& until = {}) {
    std::string text;
    char buffer[4096];
    for (int n; (n = SSL_read(ssl_, buffer, sizeof buffer)) > 0;) {
      text.append(buffer, std::size_t(n));
      if (!until.empty() && text.find(until) != std::string::npos) break;
    }
    ERR_clear_error();
    return text;
  }

 private:
  SSL_CTX* context_ = nullptr;
  SSL* ssl_ = nullptr;
  int fd_ = -1;
  bool connected_ = false;
};

}  // namespace agent_test
