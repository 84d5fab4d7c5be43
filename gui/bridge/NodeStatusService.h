#pragma once
// Node state for the open project (issue 12 item 9): asks every node's agent, in the background
// (one background task; nodes asked in parallel, each within 5 s), whether it answers, which version it runs and
// whether its measured inventory holds what the project says. Checks run when the set of
// nodes or their addresses changes, on checkNow(), and every 30 s while periodic checks are on.
// A node the console never approved is reported without a connection attempt. The nodes of a
// datacenter launched through Slurm get their slurmrestd's answer instead: the partition's free
// nodes, CPUs and GPUs against what the datacenter's job will ask (issue 17 item 4).

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

#include <filesystem>
#include <functional>
#include <vector>

#include "bridge/NodeStatus.h"
#include "core/DataLayout.h"
#include "remote/AgentEndpoint.h"

class ProjectDocument;

class NodeStatusService : public QObject {
  Q_OBJECT

 public:
  static constexpr int kPeriod_ms = 30'000;

  // `data` is asked at every check: the console's CA folder (pins, console.crt) and where
  // Run on This Machine keeps its loopback agents.
  NodeStatusService(ProjectDocument& document, std::function<archi::DataLayout()> data, QObject* parent = nullptr);
  ~NodeStatusService() override;  // waits for a check in flight (each has a 5 s deadline)

  // One entry per node of the project: agent nodes in project order, then Slurm datacenters' nodes.
  const NodeStatuses& statuses() const { return statuses_; }
  const NodeStatus* statusOf(const QString& nodeId) const;
  bool isChecking() const { return watcher_.isRunning(); }

  void checkNow();
  // While on, checks every kPeriod_ms (the window turns this off while it is hidden).
  void setPeriodicChecks(bool on);
  // The agents of the live run (empty when none): their nodes are asked there instead.
  void setRunAgents(const std::vector<archi::remote::AgentEndpoint>& agents);

 signals:
  void statusesChanged();
  void checkFinished();

 private:
  void projectChanged();
  void resetStatuses();

  ProjectDocument& document_;
  std::function<archi::DataLayout()> data_;
  std::vector<archi::remote::AgentEndpoint> runAgents_;
  NodeStatuses statuses_;
  QString addresses_;  // the nodes and agent addresses the statuses are for
  QFutureWatcher<NodeStatuses> watcher_;
  QString checking_;   // the addresses the check in flight is for
  QTimer timer_;
  bool pending_ = false;  // a check was asked while one was running
};
