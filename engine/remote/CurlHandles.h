#pragma once
// RAII for libcurl's handles, the TLS options every call to an agent sets (TLS 1.3, the
// console's certificate, the CA and the node's pinned public key), and the one-time global
// initialisation libcurl requires before any thread uses it.

#include <curl/curl.h>

#include <memory>
#include <string>

#include "remote/AgentEndpoint.h"

namespace archi::remote {

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct MultiDeleter {
  void operator()(CURLM* handle) const { curl_multi_cleanup(handle); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using MultiHandle = std::unique_ptr<CURLM, MultiDeleter>;
using HeaderList = std::unique_ptr<curl_slist, SlistDeleter>;

// A new easy handle (initialising libcurl once per process, thread-safely).
EasyHandle makeEasyHandle();
MultiHandle makeMultiHandle();

// The node's pin (`sha256//...`) from the console's pin folder; throws AgentError naming the
// node when it was never approved or has been revoked.
std::string pinnedKeyOf(const AgentEndpoint& agent, const ConsoleCredentials& credentials);

// TLS 1.3 with the console's certificate; the agent must chain to the console's CA and hold
// the pinned key (the pin stands in for a host name check: node addresses change, keys do not).
void configureAgentTls(CURL* handle, const AgentEndpoint& agent, const ConsoleCredentials& credentials);

// `text` escaped for a URL query or path segment.
std::string urlEscape(CURL* handle, const std::string& text);

}  // namespace archi::remote
