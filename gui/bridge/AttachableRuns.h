#pragma once
// Runs the console can pick up again (issue 12 item 8): those the store has in state Running
// and that were launched through node agents, with the agents the store recorded for them.

#include <QList>
#include <QString>

#include <filesystem>
#include <optional>
#include <vector>

#include "remote/AgentEndpoint.h"

struct AttachableRun {
  qint64 id = 0;
  QString name;
  QString projectName;
  double startedAt_s = 0.0;  // seconds since the epoch
  bool localAgents = false;  // its agents run on this machine (Run on this machine, archi run --local)
  std::vector<archi::remote::AgentEndpoint> agents;

  QString agentList() const;  // "bj-node-01 at 10.0.0.2:7443, …"
};

// Reads the store (blocking: call it off the GUI thread); newest first. An unreadable or
// missing store yields no runs and, when `error` is given, why.
QList<AttachableRun> findAttachableRuns(const std::filesystem::path& storePath, QString* error = nullptr);

// The newest run of `projectName` in the store when it is still Running on agents.
std::optional<AttachableRun> latestAttachableRun(const std::filesystem::path& storePath, const QString& projectName);
