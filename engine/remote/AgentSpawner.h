#pragma once
// Starts a run's workers through the node agents of the project (docs/agent-api.md): each
// worker goes to the agent of its spec's node with its key material in the request body;
// the agents supervise and restart them, so poll() only reports final exits; the workers'
// journals come back through one JournalFollower (libcurl multi, one thread).

#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "control/WorkerSpawner.h"
#include "remote/AgentClient.h"
#include "remote/JournalFollower.h"

namespace archi::remote {

class AgentSpawner : public WorkerSpawner {
 public:
  AgentSpawner(std::vector<AgentEndpoint> agents, ConsoleCredentials credentials, int maxRestartsPerWorker = 3);

  // Follows a run that is already going (archi run --attach): its workers by id and node.
  void adopt(const std::string& run, const std::map<std::string, std::string>& nodeByWorker) override;

  void start(const WorkerSpec& spec, const std::filesystem::path& specPath, const std::filesystem::path& logPath) override;
  std::vector<WorkerExit> poll() override;
  void requestStop() override;
  void stopAll(std::chrono::milliseconds grace) override;
  bool signal(const std::string& workerId, int signal) override;
  int running() const override { return running_; }

  std::optional<NodePorts> reservePorts(const std::string& nodeId, int count) override;
  bool supervises() const override { return true; }
  bool killForFault(const std::string& workerId, std::optional<double> restartAfter_s) override;
  void collect(RunCollector& collector) override;
  void collectRest(RunCollector& collector, std::chrono::milliseconds limit) override;
  bool publishLinkCuts(const std::string& text) override;

  const std::vector<AgentEndpoint>& agents() const { return agents_; }
  JournalFollower& follower() { return follower_; }

 private:
  AgentClient& clientOf(const std::string& nodeId);
  std::string runRoute() const;
  std::set<std::string> nodes() const;  // the nodes that run workers of this run
  void followNode(const std::string& nodeId);
  void refreshStatus();

  std::vector<AgentEndpoint> agents_;
  ConsoleCredentials credentials_;
  int maxRestarts_;
  std::map<std::string, std::unique_ptr<AgentClient>> clients_;  // by node id
  JournalFollower follower_;
  std::string run_;
  std::map<std::string, std::string> nodeOfWorker_;
  std::set<std::string> reported_;  // workers whose final exit poll() has returned
  std::set<std::string> followedNodes_;
  std::vector<WorkerExit> exits_;
  int running_ = 0;
  std::chrono::steady_clock::time_point nextStatus_{};
};

}  // namespace archi::remote
