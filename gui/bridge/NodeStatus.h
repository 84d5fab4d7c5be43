#pragma once
// What the console last learnt of one node's agent (issue 12 item 9), as the canvas badge and
// the Problems list show it: not yet checked, reachable (with its version), unreachable (why),
// or reachable with an inventory that does not hold what the project says. A node of a
// datacenter launched through Slurm has no agent: its status is its datacenter's slurmrestd
// (issue 17 item 4): reachable with the partition's free nodes, CPUs and GPUs, or "mismatch"
// when the datacenter's job would ask more than is free now.

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

struct NodeStatus {
  enum class State { Unchecked, Reachable, Unreachable, Mismatch };

  QString nodeId;
  QString datacenterId;
  State state = State::Unchecked;
  QString version;         // the agent's archi version, when it answered
  QString reason;          // why it is unreachable
  bool notEnrolled = false;  // unreachable because the console never approved the node
  // Unreachable at the project's loopback address, but Run on This Machine starts this node's
  // agent itself (on a port of its own): nothing is expected to listen there between runs.
  bool localOnly = false;
  bool viaRun = false;   // asked at the agent of the live run, not at the project's address
  QString agentAddress;  // host:port asked
  QStringList mismatches;  // one sentence per device type the agent lacks (Slurm: per resource the partition lacks)
  bool viaSlurm = false;   // the datacenter's slurmrestd was asked, not an agent
  QString slurmFree;       // Slurm: "partition gpu (UP): 1 of 3 node(s) idle, 48 CPU(s) and 6 GPU(s) free"
  double checkedAt_s = 0;  // seconds since the epoch; 0 when never checked

  // The sentence for Problems and tooltips: the reason, or the mismatches joined.
  QString problem() const { return state == State::Mismatch ? mismatches.join(QStringLiteral("; ")) : reason; }
};

using NodeStatuses = QList<NodeStatus>;
Q_DECLARE_METATYPE(NodeStatus)
