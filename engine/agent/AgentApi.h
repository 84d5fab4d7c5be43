#pragma once
// The handlers of the agent's routes (docs/agent-api.md#routes): each parses its inputs with
// AgentRequests.h, acts through NodeRuns or the state folder, and answers JSON (or text).

#include <httplib.h>

#include <chrono>
#include <functional>
#include <mutex>

#include <nlohmann/json.hpp>
#include <map>
#include <memory>
#include <string>

#include <spdlog/logger.h>

#include "agent/AgentLayout.h"
#include "agent/NodeIdentity.h"
#include "agent/SequencedLines.h"
#include "core/Diagnostic.h"
#include "core/GpuCatalog.h"

namespace archi::agent {

class NodeRuns;

using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

class AgentApi {
 public:
  AgentApi(AgentLayout layout, NodeIdentity identity, std::string host, GpuCatalog catalog, NodeRuns& runs);

  // The handler of a documented path (AgentRoutes.h); throws std::logic_error for an unknown one.
  Handler handlerFor(const std::string& documentedPath);

  static void answerJson(httplib::Response& response, int status, const nlohmann::json& body);
  static void answerError(httplib::Response& response, int status, const std::string& error, const std::string& where);

 private:
  void health(const httplib::Request&, httplib::Response&);
  void inventory(const httplib::Request&, httplib::Response&);
  void ports(const httplib::Request&, httplib::Response&);
  void listRuns(const httplib::Request&, httplib::Response&);
  void startWorker(const httplib::Request&, httplib::Response&);
  void runStatus(const httplib::Request&, httplib::Response&);
  void signal(const httplib::Request&, httplib::Response&);
  void stop(const httplib::Request&, httplib::Response&);
  void wanCuts(const httplib::Request&, httplib::Response&);
  void journal(const httplib::Request&, httplib::Response&);
  void logs(const httplib::Request&, httplib::Response&);
  void listCheckpoints(const httplib::Request&, httplib::Response&);
  void checkpoint(const httplib::Request&, httplib::Response&);

  // The {run} of the path when it is a plain name (else answers 400) and, with `mustExist`,
  // a run this agent knows (else answers 404).
  bool runOf(const httplib::Request& request, httplib::Response& response, std::string& run, bool mustExist);
  void serveLines(const httplib::Request& request, httplib::Response& response, bool journalStream);
  SequencedLines& linesOf(const std::filesystem::path& path);

  AgentLayout layout_;
  NodeIdentity identity_;
  std::string host_;
  GpuCatalog catalog_;
  NodeRuns& runs_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::mutex linesMutex_;
  std::map<std::filesystem::path, std::unique_ptr<SequencedLines>> lines_;  // one sparse index per stream file
};

}  // namespace archi::agent
