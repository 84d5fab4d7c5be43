#include "bridge/AttachableRuns.h"

#include <QStringList>

#include <algorithm>
#include <exception>

#include "store/RunStore.h"

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

QString AttachableRun::agentList() const {
  QStringList parts;
  for (const archi::remote::AgentEndpoint& a : agents) parts.append(QStringLiteral("%1 at %2:%3").arg(q(a.node_id), q(a.host)).arg(a.port));
  return parts.join(QStringLiteral(", "));
}

QList<AttachableRun> findAttachableRuns(const std::filesystem::path& storePath, QString* error) {
  QList<AttachableRun> out;
  std::error_code missing;
  if (!std::filesystem::exists(storePath, missing)) return out;
  try {
    archi::RunStore store(storePath, archi::RunStore::Access::ReadOnly);
    std::vector<archi::RunRecord> runs = store.listRuns();
    std::sort(runs.begin(), runs.end(), [](const archi::RunRecord& a, const archi::RunRecord& b) { return a.created_at_s > b.created_at_s; });
    for (const archi::RunRecord& run : runs) {
      if (run.state != archi::RunState::Running) continue;
      const std::vector<archi::RunAgentRecord> agents = store.runAgents(run.id);
      if (agents.empty()) continue;  // workers the launcher spawned itself died with it
      AttachableRun entry;
      entry.id = run.id;
      entry.name = q(run.name);
      entry.projectName = q(run.project_name);
      entry.startedAt_s = run.started_at_s.value_or(run.created_at_s);
      for (const archi::RunAgentRecord& a : agents) {
        entry.agents.push_back({a.node_id, a.datacenter_id, a.host, a.port});
        entry.localAgents = entry.localAgents || a.local;
      }
      out.append(entry);
    }
  } catch (const std::exception& e) {
    if (error) *error = q(e.what());
  }
  return out;
}

std::optional<AttachableRun> latestAttachableRun(const std::filesystem::path& storePath, const QString& projectName) {
  std::error_code missing;
  if (!std::filesystem::exists(storePath, missing)) return std::nullopt;
  try {
    archi::RunStore store(storePath, archi::RunStore::Access::ReadOnly);
    std::vector<archi::RunRecord> runs = store.listRuns();
    const archi::RunRecord* latest = nullptr;
    for (const archi::RunRecord& run : runs) {
      if (q(run.project_name) == projectName && (!latest || run.created_at_s >= latest->created_at_s)) latest = &run;
    }
    if (!latest || latest->state != archi::RunState::Running) return std::nullopt;
  } catch (const std::exception&) {
    return std::nullopt;
  }
  for (const AttachableRun& run : findAttachableRuns(storePath)) {
    if (run.projectName == projectName) return run;
  }
  return std::nullopt;
}
