// RunStore's incremental reads (store/RunStore.h): the rows stored after a cursor, for views
// that follow a live run, and the per-link WAN samples.

#include <cstdint>
#include <string>

#include "store/RunStore.h"
#include "store/SqliteHandle.h"

namespace archi {
namespace {

// A deferred read transaction: every SELECT inside sees the same snapshot of the file (WAL),
// so a batch never mixes rows from before and after a concurrent writer's commit.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(sqlite::Connection& connection) : connection_(connection) {
    connection_.execute("BEGIN DEFERRED", "starting a read snapshot");
  }
  ~ReadSnapshot() {
    try {
      connection_.execute("COMMIT", "ending a read snapshot");
    } catch (const StoreError&) {
      // Nothing was written; the snapshot ends with the connection's next statement anyway.
    }
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  sqlite::Connection& connection_;
};

sqlite::Statement& bindAfter(sqlite::Statement& s, std::int64_t runId, std::int64_t after, std::size_t limit) {
  return s.bind(1, runId).bind(2, after).bind(3, static_cast<std::int64_t>(limit));
}

// One link_samples row whose run_id is column `first`.
LinkSample linkSampleAt(const sqlite::Statement& s, int first) {
  return {s.columnInteger(first), s.columnText(first + 1), s.columnText(first + 2), s.columnDouble(first + 3),
          s.columnInteger(first + 4), s.columnDouble(first + 5), s.columnDouble(first + 6)};
}

}  // namespace

void RunStore::insertLinkSamples(std::span<const LinkSample> rows) {
  if (rows.empty()) return;
  sqlite::Transaction transaction(*connection_);
  writeLinkSamples(rows);
  transaction.commit();
}

void RunStore::writeLinkSamples(std::span<const LinkSample> rows) {
  if (rows.empty()) return;
  sqlite::Statement s(*connection_,
                      "INSERT INTO link_samples (run_id, link_a, link_b, wall_time_s, bytes, mbit_per_s, rtt_ms) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  for (const LinkSample& l : rows) {
    s.bind(1, l.run_id).bind(2, l.link_a).bind(3, l.link_b).bind(4, l.wall_time_s).bind(5, l.bytes);
    s.bind(6, l.mbit_per_s).bind(7, l.rtt_ms).run("inserting link samples");
  }
}

std::vector<LinkSample> RunStore::linkSamples(std::int64_t runId) {
  // Only this table: the export and the report need the links, not every other row of the run.
  sqlite::Statement s(*connection_,
                      "SELECT run_id, link_a, link_b, wall_time_s, bytes, mbit_per_s, rtt_ms FROM link_samples "
                      "WHERE run_id = ?1 ORDER BY rowid");
  s.bind(1, runId);
  std::vector<LinkSample> out;
  while (s.step("reading link samples")) out.push_back(linkSampleAt(s, 0));
  return out;
}

std::vector<WorkerTotals> RunStore::workerTotals(std::int64_t runId) {
  sqlite::Statement s(*connection_,
                      "SELECT worker_id, count(*), sum(tokens), min(wall_time_s), max(wall_time_s), "
                      "(SELECT loss FROM step_metrics AS last WHERE last.run_id = m.run_id AND last.worker_id = m.worker_id "
                      " ORDER BY step DESC LIMIT 1) "
                      "FROM step_metrics AS m WHERE run_id = ?1 GROUP BY worker_id ORDER BY worker_id");
  s.bind(1, runId);
  std::vector<WorkerTotals> out;
  while (s.step("summing step metrics per worker")) {
    out.push_back({s.columnText(0), s.columnInteger(1), s.columnInteger(2), s.columnDouble(3), s.columnDouble(4),
                   s.columnNumber(5)});
  }
  return out;
}

void RunStore::deleteRun(std::int64_t runId) {
  requireRun(runId, "deleting a run");
  sqlite::Transaction transaction(*connection_);
  // Every table of the run refers to runs(id) ON DELETE CASCADE (foreign keys are on).
  sqlite::Statement s(*connection_, "DELETE FROM runs WHERE id = ?1");
  s.bind(1, runId).run("deleting a run");
  transaction.commit();
}

RunRows RunStore::rowsAfter(std::int64_t runId, const RunRowCursor& after, std::size_t maxRowsPerTable) {
  if (maxRowsPerTable > static_cast<std::size_t>(INT64_MAX)) maxRowsPerTable = static_cast<std::size_t>(INT64_MAX);
  RunRows out;
  out.next = after;
  ReadSnapshot snapshot(*connection_);
  {
    sqlite::Statement s(*connection_,
                        "SELECT rowid, run_id, worker_id, step, wall_time_s, tokens, loss, compute_ms, intra_ms, inter_ms, idle_ms "
                        "FROM step_metrics WHERE run_id = ?1 AND rowid > ?2 ORDER BY rowid LIMIT ?3");
    bindAfter(s, runId, after.steps, maxRowsPerTable);
    while (s.step("reading new step metrics")) {
      out.next.steps = s.columnInteger(0);
      out.steps.push_back({s.columnInteger(1), s.columnText(2), s.columnInteger(3), s.columnDouble(4), s.columnInteger(5),
                           s.columnNumber(6), s.columnDouble(7), s.columnDouble(8), s.columnDouble(9), s.columnDouble(10)});
    }
  }
  {
    sqlite::Statement s(*connection_,
                        "SELECT rowid, run_id, round, datacenter_id, wall_time_s, inner_steps, tokens, bytes_on_wire, "
                        "compression_ratio, duration_ms, participants FROM outer_rounds "
                        "WHERE run_id = ?1 AND rowid > ?2 ORDER BY rowid LIMIT ?3");
    bindAfter(s, runId, after.rounds, maxRowsPerTable);
    while (s.step("reading new outer rounds")) {
      out.next.rounds = s.columnInteger(0);
      out.rounds.push_back({s.columnInteger(1), s.columnInteger(2), s.columnText(3), s.columnDouble(4), s.columnInteger(5),
                            s.columnInteger(6), s.columnInteger(7), s.columnDouble(8), s.columnDouble(9),
                            static_cast<int>(s.columnInteger(10))});
    }
  }
  {
    sqlite::Statement s(*connection_,
                        "SELECT rowid, run_id, datacenter_id, step, round, wall_time_s, tokens, loss FROM validation "
                        "WHERE run_id = ?1 AND rowid > ?2 ORDER BY rowid LIMIT ?3");
    bindAfter(s, runId, after.validations, maxRowsPerTable);
    while (s.step("reading new validation losses")) {
      out.next.validations = s.columnInteger(0);
      out.validations.push_back({s.columnInteger(1), s.columnText(2), s.columnInteger(3), s.columnInteger(4),
                                 s.columnDouble(5), s.columnInteger(6), s.columnDouble(7)});
    }
  }
  {
    sqlite::Statement s(*connection_,
                        "SELECT id, run_id, wall_time_s, level, source, text, kind, fields FROM events "
                        "WHERE run_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3");
    bindAfter(s, runId, after.events, maxRowsPerTable);
    while (s.step("reading new events")) {
      out.next.events = s.columnInteger(0);
      out.events.push_back({s.columnInteger(1), s.columnDouble(2), s.columnText(3), s.columnText(4), s.columnText(5),
                            s.columnText(6), s.columnText(7)});
    }
  }
  {
    sqlite::Statement s(*connection_,
                        "SELECT id, run_id, step, prompt, text FROM samples WHERE run_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3");
    bindAfter(s, runId, after.samples, maxRowsPerTable);
    while (s.step("reading new samples")) {
      out.next.samples = s.columnInteger(0);
      out.samples.push_back({s.columnInteger(1), s.columnInteger(2), s.columnText(3), s.columnText(4)});
    }
  }
  {
    sqlite::Statement s(*connection_,
                        "SELECT rowid, run_id, link_a, link_b, wall_time_s, bytes, mbit_per_s, rtt_ms FROM link_samples "
                        "WHERE run_id = ?1 AND rowid > ?2 ORDER BY rowid LIMIT ?3");
    bindAfter(s, runId, after.links, maxRowsPerTable);
    while (s.step("reading new link samples")) {
      out.next.links = s.columnInteger(0);
      out.links.push_back(linkSampleAt(s, 1));
    }
  }
  return out;
}

}  // namespace archi
