#include "agent/AgentRequests.h"

#include <algorithm>
#include <charconv>
#include <sstream>

#include "agent/AgentLayout.h"
#include "core/JsonFieldReader.h"
#include "core/JsonSyntax.h"

namespace archi::agent {
namespace {

// The body as a JSON object, or nullopt with the reason (byte offset of a syntax error).
std::optional<nlohmann::json> parseBody(const std::string& body, Diagnostics& problems) {
  std::optional<nlohmann::json> document = parseJsonDocument(body, problems, kAgentRequestJsonLimits);
  if (!document) return std::nullopt;
  if (!document->is_object()) {
    problems.error("", "the body must be a JSON object, not " + jsonTypeName(*document));
    return std::nullopt;
  }
  return document;
}

bool isHex(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); });
}

std::optional<std::int64_t> integerParameter(const QueryParams& query, const std::string& name, Diagnostics& problems) {
  const auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  if (query.count(name) > 1) {
    problems.error("?" + name, "given more than once");
    return std::nullopt;
  }
  std::int64_t value = 0;
  const std::string& text = it->second;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    problems.error("?" + name, "must be a whole number, got '" + text.substr(0, 32) + "'");
    return std::nullopt;
  }
  return value;
}

}  // namespace

std::optional<PortsRequest> parsePortsRequest(const std::string& body, Diagnostics& problems) {
  const auto document = parseBody(body, problems);
  if (!document) return std::nullopt;
  JsonObjectReader r(*document, "", problems);
  PortsRequest request;
  request.count = static_cast<int>(std::clamp<std::int64_t>(r.integer("count", Presence::Required).value_or(0), -1, 1000));
  r.rejectUnknownKeys();
  if (request.count < 1 || request.count > kMaxPortsPerRequest) problems.error("/count", "must be in 1..16");
  if (problems.hasErrors()) return std::nullopt;
  return request;
}

std::optional<StartWorkerRequest> parseStartWorkerRequest(const std::string& body, Diagnostics& problems) {
  const auto document = parseBody(body, problems);
  if (!document) return std::nullopt;
  JsonObjectReader r(*document, "", problems);
  StartWorkerRequest request;
  if (const nlohmann::json* spec = r.object("spec", Presence::Required)) {
    Diagnostics specProblems;
    if (auto parsed = parseWorkerSpec(spec->dump(), specProblems)) request.spec = std::move(*parsed);
    for (const Diagnostic& d : specProblems.all()) {
      if (d.severity == Severity::Error) problems.error("/spec" + d.pointer, d.message);
    }
    if (!request.spec.worker_id.empty() && !isPlainName(workerStem(request.spec.worker_id))) {
      problems.error("/spec/worker_id", "must be made of [A-Za-z0-9._-] and '/', not starting with '.'");
    }
  }
  if (const nlohmann::json* tls = r.object("tls", Presence::Optional)) {
    JsonObjectReader tr(*tls, "/tls", problems);
    TlsPem pem;
    pem.ca = tr.string("ca", Presence::Required).value_or("");
    pem.certificate = tr.string("certificate", Presence::Required).value_or("");
    pem.key = tr.string("key", Presence::Required).value_or("");
    tr.rejectUnknownKeys();
    for (const auto& [field, text] : {std::pair{"ca", &pem.ca}, {"certificate", &pem.certificate}, {"key", &pem.key}}) {
      if (tr.isObject() && text->find("-----BEGIN ") == std::string::npos) problems.error(std::string("/tls/") + field, "must be PEM text");
    }
    request.tls = pem;
  }
  request.rendezvous_secret = r.string("rendezvous_secret", Presence::Optional).value_or("");
  if (!isHex(request.rendezvous_secret) || request.rendezvous_secret.size() > 256) {
    problems.error("/rendezvous_secret", "must be hexadecimal, at most 256 digits");
  }
  request.max_restarts =
      static_cast<int>(std::clamp<std::int64_t>(r.integer("max_restarts", Presence::Optional).value_or(kDefaultMaxRestarts), -1, 1000));
  if (request.max_restarts < 0 || request.max_restarts > 100) problems.error("/max_restarts", "must be in 0..100");
  r.rejectUnknownKeys();
  if (problems.hasErrors()) return std::nullopt;
  return request;
}

std::optional<SignalRequest> parseSignalRequest(const std::string& body, Diagnostics& problems) {
  const auto document = parseBody(body, problems);
  if (!document) return std::nullopt;
  JsonObjectReader r(*document, "", problems);
  SignalRequest request;
  request.worker = r.string("worker", Presence::Required).value_or("");
  request.signal = r.string("signal", Presence::Required).value_or("");
  request.restart = r.boolean("restart", Presence::Optional).value_or(false);
  request.restart_after_s = r.number("restart_after_s", Presence::Optional);
  r.rejectUnknownKeys();
  if (r.isObject() && request.signal != "TERM" && request.signal != "KILL") problems.error("/signal", "must be \"TERM\" or \"KILL\"");
  if (request.restart_after_s && !(*request.restart_after_s >= 0.0 && *request.restart_after_s <= 3600.0)) {
    problems.error("/restart_after_s", "must be in 0..3600");
  }
  if (problems.hasErrors()) return std::nullopt;
  return request;
}

std::optional<StopRequest> parseStopRequest(const std::string& body, Diagnostics& problems) {
  const auto document = parseBody(body.empty() ? std::string("{}") : body, problems);
  if (!document) return std::nullopt;
  JsonObjectReader r(*document, "", problems);
  StopRequest request;
  request.grace_s = r.number("grace_s", Presence::Optional).value_or(60.0);
  r.rejectUnknownKeys();
  if (!(request.grace_s >= 0.0 && request.grace_s <= 3600.0)) problems.error("/grace_s", "must be in 0..3600");
  if (problems.hasErrors()) return std::nullopt;
  return request;
}

std::optional<SequenceQuery> parseSequenceQuery(const QueryParams& query, Diagnostics& problems) {
  SequenceQuery parsed;
  const auto stream = query.find("stream");
  if (stream == query.end() || stream->second.empty()) {
    problems.error("?stream", "is required (a worker id, or agent)");
  } else {
    parsed.stream = stream->second;
    if (parsed.stream.size() > 256) problems.error("?stream", "is too long");
  }
  parsed.after = integerParameter(query, "after", problems).value_or(0);
  parsed.limit = integerParameter(query, "limit", problems).value_or(kDefaultRecordLimit);
  if (parsed.after < 0) problems.error("?after", "must be >= 0");
  if (parsed.limit < 1 || parsed.limit > kMaxRecordLimit) problems.error("?limit", "must be in 1..20000");
  for (const auto& [name, value] : query) {
    if (name != "stream" && name != "after" && name != "limit") problems.error("?" + name.substr(0, 64), "unknown parameter");
  }
  if (problems.hasErrors()) return std::nullopt;
  return parsed;
}

bool validateWanCuts(const std::string& body, Diagnostics& problems) {
  if (body.size() > kMaxRequestBodyBytes) {
    problems.error("", "too large: " + std::to_string(body.size()) + " bytes (the limit is " +
                           std::to_string(kMaxRequestBodyBytes) + ")");
    return false;
  }
  std::istringstream lines(body);
  int number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    std::istringstream words(line);
    std::string a;
    std::string b;
    std::string extra;
    if (!(words >> a)) continue;  // blank line
    if (!(words >> b) || (words >> extra) || !isPlainName(a) || !isPlainName(b) || a == b) {
      problems.error("line " + std::to_string(number), "must be two different datacenter ids, \"dcA dcB\"");
    }
  }
  return !problems.hasErrors();
}

bool validatePlainName(const std::string& name, const std::string& where, Diagnostics& problems) {
  if (isPlainName(name)) return true;
  problems.error(where, "must be a plain name: [A-Za-z0-9._-], 1..128 characters, no leading dot");
  return false;
}

std::string dumpAnswer(const nlohmann::json& answer) { return answer.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

nlohmann::json problemsToJson(const Diagnostics& problems) {
  nlohmann::json list = nlohmann::json::array();
  for (const Diagnostic& d : problems.all()) {
    if (d.severity == Severity::Error) list.push_back({{"error", d.message}, {"where", d.pointer}});
  }
  if (list.empty()) return {{"error", "invalid request"}, {"where", ""}};
  nlohmann::json body = list.front();
  if (list.size() > 1) body["problems"] = std::move(list);
  return body;
}

}  // namespace archi::agent
