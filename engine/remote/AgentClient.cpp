#include "remote/AgentClient.h"

namespace archi::remote {
namespace {

std::size_t appendBody(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

}  // namespace

AgentClient::AgentClient(AgentEndpoint agent, ConsoleCredentials credentials, std::chrono::milliseconds timeout)
    : agent_(std::move(agent)), credentials_(std::move(credentials)), timeout_(timeout), handle_(makeEasyHandle()) {}

AgentClient::Reply AgentClient::send(const char* method, const std::string& route, const std::string& body, const char* contentType) {
  CURL* h = handle_.get();
  curl_easy_reset(h);
  configureAgentTls(h, agent_, credentials_);
  const std::string url = agent_.baseUrl() + route;
  Reply reply;
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, long(timeout_.count()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, long(std::min<std::int64_t>(timeout_.count(), 3000)));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, appendBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &reply.body);
  HeaderList headers;
  if (std::string(method) != "GET") {
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, long(body.size()));
    headers.reset(curl_slist_append(nullptr, (std::string("Content-Type: ") + contentType).c_str()));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  }
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  const CURLcode code = curl_easy_perform(h);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
  if (code != CURLE_OK) {
    throw AgentError(agent_, std::string(method) + " " + route + ": " + (error[0] != '\0' ? error : curl_easy_strerror(code)));
  }
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

nlohmann::json AgentClient::expectJson(const char* method, const std::string& route, const Reply& reply) const {
  nlohmann::json parsed = nlohmann::json::parse(reply.body, nullptr, false);
  if (reply.status < 200 || reply.status >= 300) {
    std::string reason = reply.body.substr(0, 300);
    if (!parsed.is_discarded() && parsed.is_object() && parsed.contains("error") && parsed["error"].is_string()) {
      reason = parsed["error"].get<std::string>();
      if (parsed.contains("where") && parsed["where"].is_string() && !parsed["where"].get<std::string>().empty()) {
        reason += " (at " + parsed["where"].get<std::string>() + ")";
      }
    }
    throw AgentError(agent_, std::string(method) + " " + route + " answered " + std::to_string(reply.status) + ": " + reason);
  }
  if (parsed.is_discarded()) throw AgentError(agent_, std::string(method) + " " + route + ": the reply is not JSON");
  return parsed;
}

nlohmann::json AgentClient::get(const std::string& route) { return expectJson("GET", route, send("GET", route, "", "")); }

nlohmann::json AgentClient::post(const std::string& route, const nlohmann::json& body) {
  return expectJson("POST", route, send("POST", route, body.dump(), "application/json"));
}

void AgentClient::putText(const std::string& route, const std::string& text) {
  const Reply reply = send("PUT", route, text, "text/plain");
  if (reply.status < 200 || reply.status >= 300) expectJson("PUT", route, reply);
}

}  // namespace archi::remote
