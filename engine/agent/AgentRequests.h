#pragma once
// The inputs of the agent's routes (docs/agent-api.md#routes), parsed and validated as pure
// functions of the untrusted text: no I/O, no exceptions, every problem reported with its
// JSON pointer (or the query parameter's name). The fuzz target drives exactly these.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "control/WorkerSpec.h"
#include "core/Diagnostic.h"
#include "core/JsonSyntax.h"

namespace archi::agent {

// What a request body may hold (docs/architecture.md#limits-on-outside-input): the HTTPS server
// refuses a longer one before reading it, and these parsers refuse it again, so that they are
// bounded whoever calls them (the fuzz target, a test). A start request nests a worker spec
// (five levels); the rest is headroom.
inline constexpr std::size_t kMaxRequestBodyBytes = 1024 * 1024;
inline constexpr JsonLimits kAgentRequestJsonLimits{kMaxRequestBodyBytes, 16};

inline constexpr int kMaxPortsPerRequest = 16;
inline constexpr std::int64_t kDefaultRecordLimit = 5000;
inline constexpr std::int64_t kMaxRecordLimit = 20000;
inline constexpr int kDefaultMaxRestarts = 3;

using QueryParams = std::multimap<std::string, std::string>;  // as cpp-httplib hands them over

struct PortsRequest {
  int count = 1;
};

struct TlsPem {
  std::string ca;
  std::string certificate;
  std::string key;
};

struct StartWorkerRequest {
  WorkerSpec spec;
  std::optional<TlsPem> tls;
  std::string rendezvous_secret;  // hex; empty when absent
  int max_restarts = kDefaultMaxRestarts;
};

struct SignalRequest {
  std::string worker;
  std::string signal;  // "TERM" or "KILL"
  bool restart = false;
  std::optional<double> restart_after_s;
};

struct StopRequest {
  double grace_s = 60.0;
};

struct SequenceQuery {
  std::string stream;
  std::int64_t after = 0;
  std::int64_t limit = kDefaultRecordLimit;
};

std::optional<PortsRequest> parsePortsRequest(const std::string& body, Diagnostics& problems);
std::optional<StartWorkerRequest> parseStartWorkerRequest(const std::string& body, Diagnostics& problems);
std::optional<SignalRequest> parseSignalRequest(const std::string& body, Diagnostics& problems);
std::optional<StopRequest> parseStopRequest(const std::string& body, Diagnostics& problems);
// `stream` is required; `after` >= 0; `limit` in 1..20000. Pointers are "?name".
std::optional<SequenceQuery> parseSequenceQuery(const QueryParams& query, Diagnostics& problems);
// One emulated cut per non-empty line, "dcA dcB" (two different plain names).
bool validateWanCuts(const std::string& body, Diagnostics& problems);
// A run name or a checkpoint name: one plain path component (AgentLayout.h isPlainName).
bool validatePlainName(const std::string& name, const std::string& where, Diagnostics& problems);

// The {"error","where"} body of the first error, with every problem under "problems".
nlohmann::json problemsToJson(const Diagnostics& problems);
// A JSON answer as text. Messages may quote the client's bytes, which need not be UTF-8:
// invalid sequences are replaced (U+FFFD) instead of throwing.
std::string dumpAnswer(const nlohmann::json& answer);

}  // namespace archi::agent
