#include "agent/AgentTls.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <cstring>
#include <stdexcept>

#include "comm/pki/CertificateInfo.h"
#include "comm/pki/OpenSslError.h"

namespace archi::agent {
namespace {

spdlog::logger* loggerOf(const SSL* ssl) {
  return ssl != nullptr ? static_cast<spdlog::logger*>(SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl))) : nullptr;
}

// A C callback inside the handshake: no exception may leave it.
void logRefusal(const SSL* ssl, const std::string& reason) noexcept {
  try {
    if (spdlog::logger* logger = loggerOf(ssl)) logger->warn("TLS refused {}: {}", peerAddress(ssl), reason);
  } catch (...) {
  }
}

int verifyConsole(int preverifyOk, X509_STORE_CTX* store) noexcept {
  auto* ssl = static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
  const int depth = X509_STORE_CTX_get_error_depth(store);
  if (preverifyOk != 1) {
    logRefusal(ssl, "certificate at depth " + std::to_string(depth) + " does not chain to this node's CA: " +
                        X509_verify_cert_error_string(X509_STORE_CTX_get_error(store)));
    return 0;
  }
  if (depth != 0) return 1;
  try {
    const pki::CertificateInfo info = pki::describeCertificate(X509_STORE_CTX_get_current_cert(store));
    if (info.role == pki::PeerRole::Console) return 1;
    logRefusal(ssl, "certificate of '" + info.commonName + "' has role '" +
                        (info.role ? std::string(pki::toString(*info.role)) : std::string("(none)")) + "' where 'console' is required");
  } catch (const std::exception& e) {
    logRefusal(ssl, std::string("unreadable client certificate: ") + e.what());
  }
  X509_STORE_CTX_set_error(store, X509_V_ERR_APPLICATION_VERIFICATION);
  return 0;
}

// OpenSSL 3.0 names TLS 1.3's certificate_required alert "unknown".
std::string describeAlert(int value) {
  constexpr int kCertificateRequired = 116;
  if ((value & 0xff) == kCertificateRequired) return "certificate required (the client presented none)";
  return SSL_alert_desc_string_long(value);
}

void onTlsInfo(const SSL* ssl, int where, int value) noexcept {
  if ((where & SSL_CB_HANDSHAKE_START) != 0 && !currentConnection().refusal.empty()) {
    logRefusal(ssl, currentConnection().refusal);
    ::shutdown(SSL_get_fd(ssl), SHUT_RDWR);  // the handshake's first read fails at once
    return;
  }
  if ((where & SSL_CB_ALERT) != 0 && (where & SSL_CB_WRITE) != 0 && std::strcmp(SSL_alert_type_string(value), "F") == 0) {
    try {
      logRefusal(ssl, "sent fatal alert '" + describeAlert(value) + "'");
    } catch (...) {
    }
  }
  if ((where & SSL_CB_HANDSHAKE_DONE) != 0) {
    try {
      currentConnection().handshakeDone = true;
      currentConnection().peer = peerAddress(ssl);
    } catch (...) {
    }
  }
}

}  // namespace

ConnectionTrace& currentConnection() {
  thread_local ConnectionTrace trace;
  return trace;
}

std::string peerAddress(const SSL* ssl) {
  const int fd = ssl != nullptr ? SSL_get_fd(ssl) : -1;
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  if (fd < 0 || ::getpeername(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return "unknown peer";
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (address.ss_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(&address);
    ::inet_ntop(AF_INET, &v4->sin_addr, text.data(), text.size());
    return std::string(text.data()) + ":" + std::to_string(ntohs(v4->sin_port));
  }
  if (address.ss_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address);
    ::inet_ntop(AF_INET6, &v6->sin6_addr, text.data(), text.size());
    return "[" + std::string(text.data()) + "]:" + std::to_string(ntohs(v6->sin6_port));
  }
  return "unknown peer";
}

void configureAgentTls(SSL_CTX& context, const AgentLayout& layout, spdlog::logger& logger) {
  const auto fail = [](const std::filesystem::path& path, const std::string& what) {
    throw std::runtime_error(path.string() + ": " + what + ": " + pki::takeOpenSslErrors());
  };
  if (SSL_CTX_set_min_proto_version(&context, TLS1_3_VERSION) != 1 || SSL_CTX_set_max_proto_version(&context, TLS1_3_VERSION) != 1) {
    throw std::runtime_error("cannot restrict TLS to version 1.3: " + pki::takeOpenSslErrors());
  }
  // The node's CA is the only trust anchor: no system store, so no other CA can vouch for a client.
  if (SSL_CTX_load_verify_locations(&context, layout.caCertificate().c_str(), nullptr) != 1) {
    fail(layout.caCertificate(), "cannot load the CA certificate");
  }
  if (SSL_CTX_use_certificate_chain_file(&context, layout.nodeCertificate().c_str()) != 1) {
    fail(layout.nodeCertificate(), "cannot load the node certificate");
  }
  if (SSL_CTX_use_PrivateKey_file(&context, layout.nodeKey().c_str(), SSL_FILETYPE_PEM) != 1) {
    fail(layout.nodeKey(), "cannot load the node key");
  }
  if (SSL_CTX_check_private_key(&context) != 1) fail(layout.nodeKey(), "does not belong to " + layout.nodeCertificate().string());
  SSL_CTX_set_app_data(&context, &logger);
  SSL_CTX_set_verify(&context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, verifyConsole);
  SSL_CTX_set_verify_depth(&context, 1);
  SSL_CTX_set_info_callback(&context, onTlsInfo);
  SSL_CTX_set_num_tickets(&context, 0);  // no resumption: every connection authenticates fully
}

}  // namespace archi::agent
