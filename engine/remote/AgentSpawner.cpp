#include "remote/AgentSpawner.h"

#include <signal.h>

#include <thread>

#include "core/Resources.h"

namespace archi::remote {
namespace {

constexpr auto kStatusInterval = std::chrono::milliseconds(500);

std::string readIfSet(const std::string& path) { return path.empty() ? std::string() : readTextFile(path); }

}  // namespace

AgentSpawner::AgentSpawner(std::vector<AgentEndpoint> agents, ConsoleCredentials credentials, int maxRestartsPerWorker)
    : agents_(std::move(agents)), credentials_(credentials), maxRestarts_(maxRestartsPerWorker), follower_(std::move(credentials)) {}

AgentClient& AgentSpawner::clientOf(const std::string& nodeId) {
  auto it = clients_.find(nodeId);
  if (it != clients_.end()) return *it->second;
  for (const AgentEndpoint& agent : agents_) {
    if (agent.node_id == nodeId) return *clients_.emplace(nodeId, std::make_unique<AgentClient>(agent, credentials_)).first->second;
  }
  throw std::runtime_error("no agent is known for node '" + nodeId + "'");
}

std::set<std::string> AgentSpawner::nodes() const {
  std::set<std::string> out;
  for (const auto& [worker, node] : nodeOfWorker_) out.insert(node);
  return out;
}

std::string AgentSpawner::runRoute() const { return "/v1/runs/" + run_; }

void AgentSpawner::followNode(const std::string& nodeId) {
  if (!followedNodes_.insert(nodeId).second) return;
  // The agent's own events about the run (restarts, exits) are a stream of their own.
  follower_.follow(clientOf(nodeId).agent(), run_, "agent", "agent@" + nodeId);
}

void AgentSpawner::adopt(const std::string& run, const std::map<std::string, std::string>& nodeByWorker) {
  run_ = run;
  for (const auto& [worker, node] : nodeByWorker) {
    nodeOfWorker_[worker] = node;
    follower_.follow(clientOf(node).agent(), run_, worker, worker);
    followNode(node);
  }
  refreshStatus();
}

void AgentSpawner::start(const WorkerSpec& spec, const std::filesystem::path&, const std::filesystem::path&) {
  if (spec.node_id.empty()) throw std::runtime_error("worker " + spec.worker_id + " has no node: agents cannot place it");
  run_ = spec.run_id;
  nlohmann::json body = {{"spec", workerSpecToJson(spec)}, {"max_restarts", maxRestarts_}};
  // Key material travels only in this request, over mutual TLS; the agent writes it 0600.
  if (!spec.tls.certificate.empty()) {
    body["tls"] = {{"ca", readIfSet(spec.tls.ca)}, {"certificate", readIfSet(spec.tls.certificate)}, {"key", readIfSet(spec.tls.key)}};
  }
  if (!spec.rendezvous_secret_file.empty()) {
    std::string secret = readTextFile(spec.rendezvous_secret_file);
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
    body["rendezvous_secret"] = secret;
  }
  clientOf(spec.node_id).post(runRoute() + "/workers", body);
  nodeOfWorker_[spec.worker_id] = spec.node_id;
  reported_.erase(spec.worker_id);
  follower_.follow(clientOf(spec.node_id).agent(), run_, spec.worker_id, spec.worker_id);
  followNode(spec.node_id);
  ++running_;
}

void AgentSpawner::refreshStatus() {
  int running = 0;
  for (const std::string& node : nodes()) {
    nlohmann::json status;
    try {
      status = clientOf(node).get(runRoute());
    } catch (const AgentError&) {
      // An unreachable agent keeps its workers running: count them as running until it answers.
      for (const auto& [worker, n] : nodeOfWorker_) running += (n == node && reported_.count(worker) == 0) ? 1 : 0;
      continue;
    }
    for (const nlohmann::json& w : status.value("workers", nlohmann::json::array())) {
      const std::string id = w.value("id", "");
      const std::string state = w.value("state", "");
      if (state == "running" || state == "restarting" || state == "stopping") {
        ++running;
        continue;
      }
      if (reported_.insert(id).second) exits_.push_back({id, w.value("success", false), w.value("how", state)});
    }
  }
  running_ = running;
}

std::vector<WorkerExit> AgentSpawner::poll() {
  const auto now = std::chrono::steady_clock::now();
  if (now >= nextStatus_) {
    nextStatus_ = now + kStatusInterval;
    refreshStatus();
  }
  return std::exchange(exits_, {});
}

void AgentSpawner::requestStop() {
  for (const std::string& node : nodes()) {
    try {
      clientOf(node).post(runRoute() + "/stop", {{"grace_s", 600}});
    } catch (const AgentError&) {
      // Unreachable: its workers stop when their datacenter's leader ends the run.
    }
  }
}

void AgentSpawner::stopAll(std::chrono::milliseconds grace) {
  for (const std::string& node : nodes()) {
    try {
      clientOf(node).post(runRoute() + "/stop", {{"grace_s", std::chrono::duration<double>(grace).count()}});
    } catch (const AgentError&) {
    }
  }
  const auto deadline = std::chrono::steady_clock::now() + grace + std::chrono::seconds(2);
  while (std::chrono::steady_clock::now() < deadline) {
    refreshStatus();
    if (running_ == 0) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

bool AgentSpawner::signal(const std::string& workerId, int signal) {
  const auto it = nodeOfWorker_.find(workerId);
  if (it == nodeOfWorker_.end()) return false;
  const nlohmann::json body = {{"worker", workerId}, {"signal", signal == SIGKILL ? "KILL" : "TERM"}, {"restart", false}};
  try {
    return clientOf(it->second).post(runRoute() + "/signal", body).value("delivered", false);
  } catch (const AgentError&) {
    return false;
  }
}

bool AgentSpawner::killForFault(const std::string& workerId, std::optional<double> restartAfter_s) {
  const auto it = nodeOfWorker_.find(workerId);
  if (it == nodeOfWorker_.end()) return false;
  nlohmann::json body = {{"worker", workerId}, {"signal", "KILL"}, {"restart", true}};
  if (restartAfter_s) body["restart_after_s"] = *restartAfter_s;
  try {
    return clientOf(it->second).post(runRoute() + "/signal", body).value("delivered", false);
  } catch (const AgentError&) {
    return false;
  }
}

std::optional<NodePorts> AgentSpawner::reservePorts(const std::string& nodeId, int count) {
  const nlohmann::json reply = clientOf(nodeId).post("/v1/ports", {{"count", count}});
  NodePorts ports;
  ports.host = reply.value("host", "");
  for (const nlohmann::json& port : reply.value("ports", nlohmann::json::array())) ports.ports.push_back(port.get<int>());
  if (ports.host.empty() || static_cast<int>(ports.ports.size()) != count) {
    throw std::runtime_error("node " + nodeId + "'s agent did not hand out " + std::to_string(count) + " ports");
  }
  return ports;
}

void AgentSpawner::collect(RunCollector& collector) { follower_.pump(collector); }

void AgentSpawner::collectRest(RunCollector& collector, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  follower_.askAllNow();
  do {
    follower_.pump(collector);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  } while (follower_.behind() && std::chrono::steady_clock::now() < deadline);
}

bool AgentSpawner::publishLinkCuts(const std::string& text) {
  for (const std::string& node : nodes()) {
    try {
      clientOf(node).putText(runRoute() + "/wan-cuts", text);
    } catch (const AgentError&) {
      // A node that misses a cut keeps sending on the link: the cut is then one-sided.
    }
  }
  return true;
}

}  // namespace archi::remote
