// RunStore's side of journal collection (store/RunStore.h): batches with their cursors in one
// transaction, the agents a run was launched through (for re-attaching to it) and the lease of
// the launcher that drives it.

#include "store/RunStore.h"
#include "store/SqliteHandle.h"

#include <fmt/core.h>

namespace archi {
namespace {

void writeCursors(sqlite::Connection& connection, const JournalBatch& batch) {
  sqlite::Statement cursor(connection,
                           "INSERT INTO journal_cursors (run_id, stream, seq) VALUES (?1, ?2, ?3) "
                           "ON CONFLICT (run_id, stream) DO UPDATE SET seq = MAX(seq, excluded.seq)");
  for (const auto& [stream, seq] : batch.cursors) {
    cursor.bind(1, batch.run_id).bind(2, stream).bind(3, seq).run("saving a journal cursor");
  }
}

}  // namespace

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
  writeCursors(*connection_, batch);
  transaction.commit();
}

void RunStore::forgetJournalCursors(std::int64_t runId) {
  sqlite::Statement s(*connection_, "DELETE FROM journal_cursors WHERE run_id = ?1");
  s.bind(1, runId).run("forgetting a run's journal cursors");
}

std::vector<RefusedRecord> RunStore::commitJournalBatchSkippingRefused(const JournalBatch& batch) {
  std::vector<RefusedRecord> refused;
  sqlite::Transaction transaction(*connection_);
  // One savepoint per record: a refused row is undone alone, the transaction goes on.
  const auto attempt = [&](const std::string& what, const auto& write) {
    connection_->execute("SAVEPOINT journal_record", "starting a savepoint");
    try {
      write();
      connection_->execute("RELEASE journal_record", "releasing a savepoint");
    } catch (const StoreError& e) {
      if (e.kind() != StoreError::Kind::Constraint) throw;  // the transaction's destructor rolls back
      connection_->execute("ROLLBACK TO journal_record", "undoing a refused record");
      connection_->execute("RELEASE journal_record", "releasing a savepoint");
      refused.push_back({what, e.what()});
    }
  };
  for (const StepMetric& m : batch.steps) {
    attempt(fmt::format("step {} of worker {}", m.step, m.worker_id), [&] { writeStepMetrics({&m, 1}); });
  }
  for (const OuterRound& r : batch.rounds) {
    attempt(fmt::format("round {} of datacenter {}", r.round, r.datacenter_id), [&] { writeOuterRounds({&r, 1}); });
  }
  for (const ValidationRecord& v : batch.validations) {
    attempt(fmt::format("validation at step {} of datacenter {}", v.step, v.datacenter_id), [&] { addValidation(v); });
  }
  for (const EventRecord& e : batch.events) {
    attempt(fmt::format("event \"{}\" from {}", e.kind, e.source), [&] { addEvent(e); });
  }
  for (const SampleRecord& sample : batch.samples) {
    attempt(fmt::format("sample at step {}", sample.step), [&] { addSample(sample); });
  }
  for (const CheckpointRecord& c : batch.checkpoints) {
    attempt(fmt::format("checkpoint at step {}", c.step), [&] { addCheckpoint(c); });
  }
  for (const LinkSample& l : batch.links) {
    attempt(fmt::format("link sample {}-{}", l.link_a, l.link_b), [&] { writeLinkSamples({&l, 1}); });
  }
  writeCursors(*connection_, batch);
  transaction.commit();
  return refused;
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

void RunStore::takeLauncherLease(std::int64_t runId, const LauncherLeaseRecord& lease) {
  sqlite::Statement s(*connection_,
                      "INSERT OR REPLACE INTO run_launchers (run_id, host, boot_id, pid, start_ticks, taken_at_s) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  s.bind(1, runId).bind(2, lease.host).bind(3, lease.boot_id).bind(4, lease.pid).bind(5, lease.start_ticks);
  s.bind(6, lease.taken_at_s).run("taking a run's launcher lease");
}

void RunStore::releaseLauncherLease(std::int64_t runId) {
  sqlite::Statement s(*connection_, "DELETE FROM run_launchers WHERE run_id = ?1");
  s.bind(1, runId).run("releasing a run's launcher lease");
}

std::optional<LauncherLeaseRecord> RunStore::launcherLease(std::int64_t runId) {
  sqlite::Statement s(*connection_, "SELECT host, boot_id, pid, start_ticks, taken_at_s FROM run_launchers WHERE run_id = ?1");
  s.bind(1, runId);
  if (!s.step("reading a run's launcher lease")) return std::nullopt;
  return LauncherLeaseRecord{s.columnText(0), s.columnText(1), s.columnInteger(2), s.columnInteger(3), s.columnDouble(4)};
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
