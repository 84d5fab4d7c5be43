#include "bridge/NodeStatusService.h"

#include <QDateTime>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <exception>
#include <future>
#include <optional>
#include <utility>
#include <vector>

#include "bridge/ProjectDocument.h"
#include "comm/pki/NodePins.h"
#include "remote/LocalAgents.h"
#include "remote/NodeCheck.h"
#include "remote/SlurmCapacity.h"
#include "remote/SlurmSpawner.h"

namespace {

constexpr std::size_t kParallelChecks = 16;

QString q(const std::string& s) { return QString::fromStdString(s); }

// Node ids and agent addresses, in project order: a change means the statuses are stale.
QString addressesOf(const std::vector<archi::remote::AgentEndpoint>& agents) {
  QString out;
  for (const archi::remote::AgentEndpoint& a : agents) out += q(a.datacenter_id + "/" + a.node_id + "@" + a.host + ":" + std::to_string(a.port) + ";");
  return out;
}

// The project's agents, with those of the live run in place of the project's addresses.
std::vector<archi::remote::AgentEndpoint> agentsToAsk(const archi::Project& project, const std::vector<archi::remote::AgentEndpoint>& runAgents) {
  std::vector<archi::remote::AgentEndpoint> out = archi::remote::projectAgents(project);
  for (archi::remote::AgentEndpoint& agent : out) {
    for (const archi::remote::AgentEndpoint& live : runAgents) {
      if (live.node_id == agent.node_id) agent = live;
    }
  }
  return out;
}

bool isLoopback(const std::string& host) { return host == "127.0.0.1" || host == "localhost" || host == "::1"; }

NodeStatus statusOf(const archi::remote::NodeCheck& check) {
  NodeStatus status;
  status.nodeId = q(check.agent.node_id);
  status.datacenterId = q(check.agent.datacenter_id);
  status.version = q(check.version);
  if (!check.reachable) {
    status.state = NodeStatus::State::Unreachable;
    status.reason = q(check.error);
    return status;
  }
  status.state = check.mismatches.empty() ? NodeStatus::State::Reachable : NodeStatus::State::Mismatch;
  for (const std::string& m : check.mismatches) status.mismatches.append(q(m));
  return status;
}

// Every exception stays here and becomes an "unreachable" reason.
NodeStatuses askAll(const archi::Project& project, const archi::GpuCatalog& catalog, const std::filesystem::path& pki,
                    const std::vector<archi::remote::AgentEndpoint>& agents) {
  std::vector<const archi::Node*> nodes;
  for (const archi::Datacenter& dc : project.topology.datacenters) {
    for (const archi::Node& node : dc.nodes) nodes.push_back(&node);
  }
  NodeStatuses out;
  std::vector<std::size_t> toAsk;  // nodes the console approved: their agents are asked
  const archi::pki::NodePins pins(pki);
  for (std::size_t i = 0; i < agents.size(); ++i) {
    NodeStatus status;
    status.nodeId = q(agents[i].node_id);
    status.datacenterId = q(agents[i].datacenter_id);
    status.state = NodeStatus::State::Unreachable;
    try {
      if (pins.isRevoked(agents[i].node_id)) {
        status.reason = NodeStatusService::tr("revoked: the console no longer trusts this node; enroll it again (`archi agent enroll --replace-key`) "
                           "and approve it (`archi pki approve`)");
      } else if (!pins.pinFor(agents[i].node_id)) {
        status.reason = NodeStatusService::tr("not enrolled: run `archi agent enroll` on the node and `archi pki approve` here");
        status.notEnrolled = true;
      } else {
        toAsk.push_back(i);
      }
    } catch (const std::exception& e) {
      status.reason = NodeStatusService::tr("unreachable: %1").arg(q(e.what()));
    }
    out.append(status);
  }
  if (toAsk.empty()) return out;
  archi::remote::ConsoleCredentials credentials;
  try {
    credentials = archi::remote::consoleCredentials(pki);
  } catch (const std::exception& e) {
    for (std::size_t i : toAsk) out[qsizetype(i)].reason = NodeStatusService::tr("unreachable: %1").arg(q(e.what()));
    return out;
  }
  for (std::size_t first = 0; first < toAsk.size(); first += kParallelChecks) {
    std::vector<std::future<NodeStatus>> batch;
    for (std::size_t k = first; k < std::min(toAsk.size(), first + kParallelChecks); ++k) {
      const std::size_t i = toAsk[k];
      batch.push_back(std::async(std::launch::async, [&, i] {
        try {
          return statusOf(archi::remote::checkNode(*nodes[i], agents[i], credentials, catalog));
        } catch (const std::exception& e) {
          NodeStatus failed = out.at(qsizetype(i));
          failed.reason = NodeStatusService::tr("unreachable: %1").arg(q(e.what()));
          return failed;
        }
      }));
    }
    for (std::size_t k = 0; k < batch.size(); ++k) out[qsizetype(toAsk[first + k])] = batch[k].get();
  }
  return out;
}

// Every node of a Slurm datacenter gets its datacenter's answer: the slurmrestd's version and
// the partition's free resources, "mismatch" with what the job would lack, or why the server
// cannot be used. Datacenters are asked in parallel, each within slurmrestd's request limit.
NodeStatuses askSlurm(const std::vector<archi::Datacenter>& datacenters, const archi::GpuCatalog& catalog) {
  std::vector<std::future<NodeStatus>> answers;
  for (const archi::Datacenter& dc : datacenters) {
    answers.push_back(std::async(std::launch::async, [&dc, &catalog] {
      NodeStatus status;
      status.datacenterId = q(dc.id);
      status.viaSlurm = true;
      status.agentAddress = q(dc.launch.url);
      try {
        const archi::remote::SlurmCapacity capacity = archi::remote::checkSlurmCapacity(dc, catalog);
        status.version = q(capacity.server.slurm_release.empty() ? capacity.server.api_version : capacity.server.slurm_release);
        if (const archi::remote::SlurmPartition* own = capacity.partition()) status.slurmFree = q(archi::remote::describeFree(*own));
        for (const std::string& shortfall : capacity.shortfalls) status.mismatches.append(q(dc.id + ": " + shortfall));
        status.state = status.mismatches.isEmpty() ? NodeStatus::State::Reachable : NodeStatus::State::Mismatch;
      } catch (const std::exception& e) {
        status.state = NodeStatus::State::Unreachable;
        status.reason = NodeStatusService::tr("datacenter %1: %2").arg(q(dc.id), q(e.what()));
      }
      return status;
    }));
  }
  NodeStatuses out;
  for (std::size_t i = 0; i < datacenters.size(); ++i) {
    const NodeStatus answer = answers[i].get();
    for (const archi::Node& node : datacenters[i].nodes) {
      NodeStatus status = answer;
      status.nodeId = q(node.id);
      out.append(status);
    }
  }
  return out;
}

// Runs on a pool thread: asks every agent, then tells apart the nodes whose agents Run on This
// Machine starts itself (unreachable at the project's address between runs, as expected); then
// the slurmrestd of every Slurm datacenter.
NodeStatuses checkAll(const archi::Project& project, const archi::GpuCatalog& catalog, const archi::DataLayout& data,
                      const std::vector<archi::remote::AgentEndpoint>& agents, const std::vector<archi::Datacenter>& slurm) {
  NodeStatuses out = askAll(project, catalog, data.pkiDirectory(), agents);
  // Where Run on This Machine keeps its loopback agents (as `archi run --local`, RunCommand.cpp).
  const std::filesystem::path localAgents = archi::remote::localAgentsRoot(data.runsDirectory(), project.name);
  const std::vector<archi::remote::AgentEndpoint> projectAddresses = archi::remote::projectAgents(project);
  for (qsizetype i = 0; i < out.size(); ++i) {
    NodeStatus& status = out[i];
    status.viaRun = agents[std::size_t(i)].port != projectAddresses[std::size_t(i)].port ||
                    agents[std::size_t(i)].host != projectAddresses[std::size_t(i)].host;
    status.agentAddress = q(agents[std::size_t(i)].host + ":" + std::to_string(agents[std::size_t(i)].port));
    std::error_code ignored;
    status.localOnly = status.state == NodeStatus::State::Unreachable && !status.notEnrolled && !status.viaRun &&
                       isLoopback(agents[std::size_t(i)].host) &&
                       std::filesystem::exists(localAgents / agents[std::size_t(i)].node_id / "pki" / "node.crt", ignored);
  }
  out.append(askSlurm(slurm, catalog));
  return out;
}

// What a Slurm datacenter's check depends on: its server, partition and what its job asks.
QString slurmKeyOf(const std::vector<archi::Datacenter>& datacenters, const archi::GpuCatalog& catalog) {
  QString out;
  for (const archi::Datacenter& dc : datacenters) {
    const archi::remote::SlurmDemand demand = archi::remote::slurmDemandOf(dc, catalog);
    out += q(dc.id + "@" + dc.launch.url + "/" + dc.launch.partition + "/" + dc.launch.user + "/" + dc.launch.token_file + ":" +
             std::to_string(demand.tasks) + "t" + std::to_string(demand.gpus) + "g");
    for (const archi::Node& node : dc.nodes) out += q("," + node.id);
    out += ';';
  }
  return out;
}

}  // namespace

NodeStatusService::NodeStatusService(ProjectDocument& document, std::function<archi::DataLayout()> data, QObject* parent)
    : QObject(parent), document_(document), data_(std::move(data)) {
  timer_.setInterval(kPeriod_ms);
  connect(&timer_, &QTimer::timeout, this, &NodeStatusService::checkNow);
  connect(&document_, &ProjectDocument::projectChanged, this, &NodeStatusService::projectChanged);
  connect(&watcher_, &QFutureWatcher<NodeStatuses>::finished, this, [this] {
    if (checking_ == addresses_) {
      const double now_s = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
      statuses_ = watcher_.result();
      for (NodeStatus& status : statuses_) status.checkedAt_s = now_s;
      emit statusesChanged();
    }
    emit checkFinished();
    if (std::exchange(pending_, false)) checkNow();
  });
  projectChanged();
}

NodeStatusService::~NodeStatusService() { watcher_.waitForFinished(); }

const NodeStatus* NodeStatusService::statusOf(const QString& nodeId) const {
  for (const NodeStatus& status : statuses_) {
    if (status.nodeId == nodeId) return &status;
  }
  return nullptr;
}

void NodeStatusService::checkNow() {
  if (!document_.project()) return;
  if (watcher_.isRunning()) {
    pending_ = true;
    return;
  }
  checking_ = addresses_;
  // Nodes of datacenters launched through Slurm have no agent to ask: their slurmrestd is
  // asked instead (docs/architecture.md#slurm).
  const archi::Project withAgents = archi::remote::withoutSlurmDatacenters(*document_.project());
  watcher_.setFuture(QtConcurrent::run(checkAll, withAgents, document_.catalog(), data_(), agentsToAsk(withAgents, runAgents_),
                                       archi::remote::slurmDatacenters(*document_.project())));
}

void NodeStatusService::setPeriodicChecks(bool on) {
  if (on && !timer_.isActive()) timer_.start();
  if (!on) timer_.stop();
}

void NodeStatusService::setRunAgents(const std::vector<archi::remote::AgentEndpoint>& agents) {
  const bool same = std::equal(agents.begin(), agents.end(), runAgents_.begin(), runAgents_.end(),
                               [](const auto& a, const auto& b) { return a.node_id == b.node_id && a.host == b.host && a.port == b.port; });
  if (same) return;
  runAgents_ = agents;
  projectChanged();
}

void NodeStatusService::projectChanged() {
  const QString addresses =
      document_.project() ? addressesOf(agentsToAsk(archi::remote::withoutSlurmDatacenters(*document_.project()), runAgents_)) +
                                slurmKeyOf(archi::remote::slurmDatacenters(*document_.project()), document_.catalog())
                          : QString();
  if (addresses == addresses_) return;  // an edit that moved nothing an agent check depends on
  addresses_ = addresses;
  resetStatuses();
  checkNow();
}

void NodeStatusService::resetStatuses() {
  // Every node shows as not yet checked until its agent has been asked at its new address.
  NodeStatuses fresh;
  if (const auto& project = document_.project()) {
    for (const archi::Datacenter& dc : project->topology.datacenters) {
      if (dc.launch.via == archi::LaunchVia::Slurm) continue;
      for (const archi::Node& node : dc.nodes) {
        NodeStatus status;
        status.nodeId = q(node.id);
        status.datacenterId = q(dc.id);
        fresh.append(status);
      }
    }
  }
  statuses_ = fresh;
  emit statusesChanged();
}
