#pragma once
// Follows many journal streams on many agents from one thread with libcurl's multi interface
// (docs/agent-api.md, GET /v1/runs/{run}/journal): each stream has at most one request in
// flight, asking for the records after the collector's cursor; a full reply is followed at once
// by the next request, a short one after a pause. pump() never blocks.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "control/RunCollector.h"
#include "remote/AgentEndpoint.h"
#include "remote/CurlHandles.h"

namespace archi::remote {

class JournalFollower {
 public:
  explicit JournalFollower(ConsoleCredentials credentials, int recordsPerRequest = 20000);
  ~JournalFollower();
  JournalFollower(const JournalFollower&) = delete;
  JournalFollower& operator=(const JournalFollower&) = delete;

  // Follows `remoteStream` (a worker id, or "agent") of `run` on `agent`; its records go to
  // the collector's stream `localStream`.
  void follow(const AgentEndpoint& agent, const std::string& run, const std::string& remoteStream, const std::string& localStream);

  // Starts due requests, moves finished replies into the collector; returns records accepted.
  std::size_t pump(RunCollector& collector);
  // Blocks until a reply has data or `limit` passes (curl_multi_poll), for callers that pump
  // in a loop; a pump() that follows moves what arrived.
  void wait(std::chrono::milliseconds limit);
  // True while a request is in flight or a stream's last reply said more records exist.
  bool behind() const;
  // Every stream asks again at the next pump (the end of a run: the last records).
  void askAllNow();
  // Why the last request to each node failed, if it did (cleared by its next success).
  const std::map<std::string, std::string>& nodeErrors() const { return nodeErrors_; }

 private:
  struct Stream {
    AgentEndpoint agent;
    std::string run;
    std::string remote;
    std::string local;
    EasyHandle handle;
    std::string body;
    char errorBuffer[CURL_ERROR_SIZE] = {};
    bool inFlight = false;
    std::int64_t lastSeqOnAgent = 0;   // from X-Archi-Last-Seq
    std::int64_t cursor = 0;           // the collector's, when the last reply was read
    std::chrono::steady_clock::time_point nextAt{};
  };
  void startRequest(Stream& stream, std::int64_t after);
  std::size_t finish(Stream& stream, CURLcode code, RunCollector& collector);

  ConsoleCredentials credentials_;
  int recordsPerRequest_;
  MultiHandle multi_;
  std::vector<std::unique_ptr<Stream>> streams_;
  std::map<std::string, std::string> nodeErrors_;
};

}  // namespace archi::remote
