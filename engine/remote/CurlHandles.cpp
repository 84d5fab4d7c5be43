#include "remote/CurlHandles.h"

#include <mutex>

#include "comm/pki/NodePins.h"

namespace archi::remote {
namespace {

void initialiseCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

EasyHandle makeEasyHandle() {
  initialiseCurlOnce();
  EasyHandle handle(curl_easy_init());
  if (!handle) throw std::runtime_error("libcurl could not create a handle");
  return handle;
}

MultiHandle makeMultiHandle() {
  initialiseCurlOnce();
  MultiHandle handle(curl_multi_init());
  if (!handle) throw std::runtime_error("libcurl could not create a multi handle");
  return handle;
}

std::string pinnedKeyOf(const AgentEndpoint& agent, const ConsoleCredentials& credentials) {
  // Read on every call (pki::NodePins), so that a revocation takes effect at the next request.
  const pki::NodePins pins(credentials.pins.parent_path());
  if (pins.isRevoked(agent.node_id) && !pins.pinFor(agent.node_id)) {
    throw AgentError(agent, "the node's certificate is revoked (`archi pki nodes` lists approvals)");
  }
  const std::optional<std::string> pin = pins.pinFor(agent.node_id);
  if (!pin) {
    throw AgentError(agent, "the node has no approved certificate in " + credentials.pins.string() +
                                " (enroll it: `archi agent enroll` on the node, then `archi pki approve`)");
  }
  return *pin;
}

void configureAgentTls(CURL* handle, const AgentEndpoint& agent, const ConsoleCredentials& credentials) {
  curl_easy_setopt(handle, CURLOPT_SSLVERSION, long(CURL_SSLVERSION_TLSv1_3));
  curl_easy_setopt(handle, CURLOPT_CAINFO, credentials.ca.c_str());
  curl_easy_setopt(handle, CURLOPT_SSLCERT, credentials.certificate.c_str());
  curl_easy_setopt(handle, CURLOPT_SSLKEY, credentials.key.c_str());
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 0L);
  const std::string pin = pinnedKeyOf(agent, credentials);
  curl_easy_setopt(handle, CURLOPT_PINNEDPUBLICKEY, pin.c_str());
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_PROXY, "");
}

std::string urlEscape(CURL* handle, const std::string& text) {
  char* escaped = curl_easy_escape(handle, text.c_str(), static_cast<int>(text.size()));
  std::string out = escaped != nullptr ? escaped : "";
  curl_free(escaped);
  return out;
}

}  // namespace archi::remote
