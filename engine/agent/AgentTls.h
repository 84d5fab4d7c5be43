#pragma once
// The agent's TLS policy (docs/agent-api.md): TLS 1.3 only, the node certificate as our
// identity, STATE/pki/ca.crt as the only trust anchor, and a client certificate of role
// console required. Every refusal in the handshake is logged with the peer's address and
// the reason (the verify callback for certificates, the alerts we send for the rest).

#include <openssl/ssl.h>

#include <spdlog/logger.h>

#include <string>

#include "agent/AgentLayout.h"

namespace archi::agent {

// Sets up `context` (cpp-httplib's SSLServer hands it over); throws std::runtime_error naming
// the file and the reason. `logger` must outlive the context.
void configureAgentTls(SSL_CTX& context, const AgentLayout& layout, spdlog::logger& logger);

// "10.0.0.5:51234" for the socket under `ssl` ("unknown peer" when it cannot be told).
std::string peerAddress(const SSL* ssl);

// What this thread's current connection got to: set by the TLS callbacks and the request
// logger, read after the connection closes (a connection is served by one thread).
struct ConnectionTrace {
  std::string refusal;  // set: close the connection as its handshake starts, logging this reason
  bool handshakeDone = false;
  std::string peer;
  int requests = 0;
};
ConnectionTrace& currentConnection();

}  // namespace archi::agent
