// RunStore's side of journal collection (store/RunStore.h): batches with their cursors in one
// transaction, and the agents a run was launched through (for re-attaching to it).

#include "store/RunStore.h"
#include "store/SqliteHandle.h"

namespace archi {

void RunStore::commitJournalBatch(const JournalBatch& batch) {
  if (batch.records() == 0 && batch.cursors.empty()) return;
  sqlite::Transaction transaction(*connection_);
  writeStepMetrics(batch.steps);
  writeOuterRounds(batch.rounds);
  for (const ValidationRecord& v : batch.validations) addValidation(v);
  for (const EventRecord& e : batch.events) addEvent(e);
  for (const SampleRecord& s : batch.samples) addSample(s);
  for (const CheckpointRecord& c : batch.checkpoints) addCheckpoint(c);
  writeLinkSamples(batch.links);
  sqlite::Statement cursor(*connection_,
                           "INSERT INTO journal_cursors (run_id, stream, seq) VALUES (?1, ?2, ?3) "
                           "ON CONFLICT (run_id, stream) DO UPDATE SET seq = MAX(seq, excluded.seq)");
  for (const auto& [stream, seq] : batch.cursors) {
    cursor.bind(1, batch.run_id).bind(2, stream).bind(3, seq).run("saving a journal cursor");
  }
  transaction.commit();
}

void RunStore::forgetJournalCursors(std::int64_t runId) {
  sqlite::Statement s(*connection_, "DELETE FROM journal_cursors WHERE run_id = ?1");
  s.bind(1, runId).run("forgetting a run's journal cursors");
}

std::map<std::string, std::int64_t> RunStore::journalCursors(std::int64_t runId) {
  sqlite::Statement s(*connection_, "SELECT stream, seq FROM journal_cursors WHERE run_id = ?1");
  s.bind(1, runId);
  std::map<std::string, std::int64_t> out;
  while (s.step("reading journal cursors")) out[s.columnText(0)] = s.columnInteger(1);
  return out;
}

void RunStore::saveRunAgents(std::int64_t runId, std::span<const RunAgentRecord> agents) {
  sqlite::Transaction transaction(*connection_);
  sqlite::Statement s(*connection_,
                      "INSERT OR REPLACE INTO run_agents (run_id, node_id, datacenter_id, host, port, local) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  for (const RunAgentRecord& a : agents) {
    s.bind(1, runId).bind(2, a.node_id).bind(3, a.datacenter_id).bind(4, a.host).bind(5, std::int64_t{a.port});
    s.bind(6, std::int64_t{a.local}).run("saving a run's agent");
  }
  transaction.commit();
}

std::vector<RunAgentRecord> RunStore::runAgents(std::int64_t runId) {
  sqlite::Statement s(*connection_,
                      "SELECT node_id, datacenter_id, host, port, local FROM run_agents WHERE run_id = ?1 ORDER BY node_id");
  s.bind(1, runId);
  std::vector<RunAgentRecord> out;
  while (s.step("reading a run's agents")) {
    out.push_back({s.columnText(0), s.columnText(1), s.columnText(2), static_cast<int>(s.columnInteger(3)), s.columnInteger(4) != 0});
  }
  return out;
}

}  // namespace archi
