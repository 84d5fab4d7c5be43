#include "store/RunStore.h"

#include "store/Schema.h"
#include "store/SqliteHandle.h"

namespace archi {
namespace {

std::optional<double> optionalDouble(const sqlite::Statement& statement, int column) {
  if (statement.columnIsNull(column)) return std::nullopt;
  return statement.columnDouble(column);
}

void bindOptional(sqlite::Statement& statement, int index, const std::optional<double>& value) {
  if (value) {
    statement.bind(index, *value);
  } else {
    statement.bindNull(index);
  }
}

RunRecord readRun(const sqlite::Statement& s) {
  RunRecord run;
  run.id = s.columnInteger(0);
  run.name = s.columnText(1);
  run.project_name = s.columnText(2);
  run.state = runStateFromString(s.columnText(3)).value_or(RunState::Failed);
  run.sync_mode = s.columnText(4);
  run.emulated = s.columnInteger(5) != 0;
  run.created_at_s = s.columnDouble(6);
  run.started_at_s = optionalDouble(s, 7);
  run.ended_at_s = optionalDouble(s, 8);
  return run;
}

constexpr const char* kSelectRun =
    "SELECT id, name, project_name, state, sync_mode, emulated, created_at_s, started_at_s, ended_at_s FROM runs";

}  // namespace

const char* toString(RunState state) {
  switch (state) {
    case RunState::Planned: return "planned";
    case RunState::Running: return "running";
    case RunState::Completed: return "completed";
    case RunState::Stopped: return "stopped";
    case RunState::Failed: return "failed";
  }
  return "failed";
}

std::optional<RunState> runStateFromString(const std::string& text) {
  for (RunState state : {RunState::Planned, RunState::Running, RunState::Completed, RunState::Stopped,
                         RunState::Failed}) {
    if (text == toString(state)) return state;
  }
  return std::nullopt;
}

RunStore::RunStore(const std::filesystem::path& path, Access access) : path_(path) {
  std::error_code ignored;
  const bool exists = std::filesystem::exists(path, ignored);
  int flags = access == Access::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (access == Access::ReadWrite && !exists) flags |= SQLITE_OPEN_CREATE;
  connection_ = std::make_unique<sqlite::Connection>(path, flags);
  if (access == Access::ReadWrite && sqlite3_db_readonly(connection_->get(), "main") == 1) {
    throw StoreError(StoreError::Kind::ReadOnly,
                     path.string() + ": the run store is read-only (check the file's permissions, or open it for reading only)");
  }
  sqlite3_busy_timeout(connection_->get(), 5000);
  inspectAndMigrate(access);
}

RunStore::~RunStore() = default;

void RunStore::inspectAndMigrate(Access access) {
  sqlite::Connection& db = *connection_;
  // Only reads until the file is known to be ours and not from the future: a refused file
  // must stay byte-for-byte as it was (so no WAL switch, no pragmas that write).
  const std::int64_t applicationId = db.queryInteger("PRAGMA application_id", "reading the file header").value_or(0);
  const std::int64_t objectCount =
      db.queryInteger("SELECT count(*) FROM sqlite_master", "reading the schema").value_or(0);
  int version = 0;
  if (objectCount > 0 || applicationId != 0) {
    if (applicationId != schema::kApplicationId) {
      throw StoreError(StoreError::Kind::NotARunStore,
                       path_.string() + ": this SQLite file is not an Archipelago run store; it was left untouched");
    }
    version = static_cast<int>(
        db.queryInteger("SELECT version FROM schema_version", "reading the schema version").value_or(0));
  }
  if (version > schema::latestVersion()) {
    throw StoreError(StoreError::Kind::NewerSchema,
                     path_.string() + ": the run store has schema version " + std::to_string(version) +
                         ", newer than this build understands (" + std::to_string(schema::latestVersion()) +
                         "); upgrade Archipelago to open it. The file was left untouched");
  }
  if (access == Access::ReadOnly) {
    if (version < schema::latestVersion()) {
      throw StoreError(StoreError::Kind::Generic,
                       path_.string() + ": the run store has schema version " + std::to_string(version) +
                           " and must be upgraded; open it once for writing");
    }
    schemaVersion_ = version;
    return;
  }

  db.execute("PRAGMA journal_mode = WAL", "switching to write-ahead logging");
  db.execute("PRAGMA foreign_keys = ON", "enabling foreign keys");
  // WAL + NORMAL: a crashed process loses nothing committed; only power loss may drop the
  // last transactions, which is acceptable for metrics.
  db.execute("PRAGMA synchronous = NORMAL", "setting synchronous mode");

  for (const schema::Migration& migration : schema::migrations()) {
    if (migration.toVersion <= version) continue;
    sqlite::Transaction transaction(db);
    db.execute(migration.sql, "migrating the run store to schema version " + std::to_string(migration.toVersion));
    sqlite::Statement update(db, "UPDATE schema_version SET version = ?1");
    update.bind(1, std::int64_t{migration.toVersion}).run("recording the schema version");
    db.execute("PRAGMA application_id = " + std::to_string(schema::kApplicationId), "marking the run store");
    transaction.commit();
    version = migration.toVersion;
  }
  schemaVersion_ = version;
}

void RunStore::requireRun(std::int64_t runId, const char* operation) {
  sqlite::Statement s(*connection_, "SELECT 1 FROM runs WHERE id = ?1");
  s.bind(1, runId);
  if (!s.step(operation)) {
    throw StoreError(StoreError::Kind::Generic,
                     path_.string() + ": " + operation + ": there is no run with id " + std::to_string(runId));
  }
}

std::int64_t RunStore::createRun(const RunRecord& run) {
  sqlite::Statement s(*connection_,
                      "INSERT INTO runs (name, project_name, state, sync_mode, emulated, created_at_s, started_at_s, ended_at_s) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  s.bind(1, run.name).bind(2, run.project_name).bind(3, std::string_view(toString(run.state)));
  s.bind(4, run.sync_mode).bind(5, std::int64_t{run.emulated ? 1 : 0}).bind(6, run.created_at_s);
  bindOptional(s, 7, run.started_at_s);
  bindOptional(s, 8, run.ended_at_s);
  s.run("creating a run");
  return sqlite3_last_insert_rowid(connection_->get());
}

void RunStore::setRunState(std::int64_t runId, RunState state, double at_s) {
  requireRun(runId, "updating a run's state");
  const bool starts = state == RunState::Running;
  const bool ends = state == RunState::Completed || state == RunState::Stopped || state == RunState::Failed;
  sqlite::Statement s(*connection_,
                      "UPDATE runs SET state = ?1, "
                      "started_at_s = CASE WHEN ?2 THEN coalesce(started_at_s, ?4) ELSE started_at_s END, "
                      "ended_at_s = CASE WHEN ?3 THEN ?4 WHEN ?2 THEN NULL ELSE ended_at_s END WHERE id = ?5");
  s.bind(1, std::string_view(toString(state))).bind(2, std::int64_t{starts}).bind(3, std::int64_t{ends});
  s.bind(4, at_s).bind(5, runId).run("updating a run's state");
}

void RunStore::saveTopology(std::int64_t runId, const std::string& projectJson) {
  sqlite::Statement s(*connection_, "INSERT OR REPLACE INTO run_topology (run_id, project_json) VALUES (?1, ?2)");
  s.bind(1, runId).bind(2, projectJson).run("saving a topology snapshot");
}

void RunStore::savePlan(std::int64_t runId, const std::string& planJson) {
  sqlite::Statement s(*connection_, "INSERT OR REPLACE INTO run_plans (run_id, plan_json) VALUES (?1, ?2)");
  s.bind(1, runId).bind(2, planJson).run("saving a plan");
}

std::optional<std::string> RunStore::plan(std::int64_t runId) {
  sqlite::Statement s(*connection_, "SELECT plan_json FROM run_plans WHERE run_id = ?1");
  s.bind(1, runId);
  if (!s.step("reading a plan")) return std::nullopt;
  return s.columnText(0);
}

void RunStore::addWorkers(std::span<const WorkerRecord> workers) {
  sqlite::Transaction transaction(*connection_);
  sqlite::Statement s(*connection_,
                      "INSERT INTO workers (run_id, worker_id, datacenter_id, node_id, rank_in_dc, device_type, emulated) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  for (const WorkerRecord& w : workers) {
    s.bind(1, w.run_id).bind(2, w.worker_id).bind(3, w.datacenter_id).bind(4, w.node_id);
    s.bind(5, std::int64_t{w.rank_in_dc}).bind(6, w.device_type).bind(7, std::int64_t{w.emulated});
    s.run("adding workers");
  }
  transaction.commit();
}

void RunStore::insertStepMetrics(std::span<const StepMetric> rows) {
  if (rows.empty()) return;
  sqlite::Transaction transaction(*connection_);
  writeStepMetrics(rows);
  transaction.commit();
}

void RunStore::writeStepMetrics(std::span<const StepMetric> rows) {
  if (!insertStep_) {
    insertStep_ = std::make_unique<sqlite::Statement>(
        *connection_,
        "INSERT OR REPLACE INTO step_metrics (run_id, worker_id, step, wall_time_s, tokens, loss, compute_ms, intra_ms, inter_ms, idle_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  }
  sqlite::Statement& s = *insertStep_;
  for (const StepMetric& m : rows) {
    s.bind(1, m.run_id).bind(2, m.worker_id).bind(3, m.step).bind(4, m.wall_time_s).bind(5, m.tokens);
    s.bind(6, m.loss).bind(7, m.compute_ms).bind(8, m.intra_ms).bind(9, m.inter_ms).bind(10, m.idle_ms);
    s.run("inserting step metrics");
  }
}

void RunStore::insertOuterRounds(std::span<const OuterRound> rows) {
  if (rows.empty()) return;
  sqlite::Transaction transaction(*connection_);
  writeOuterRounds(rows);
  transaction.commit();
}

void RunStore::writeOuterRounds(std::span<const OuterRound> rows) {
  sqlite::Statement s(*connection_,
                      "INSERT OR REPLACE INTO outer_rounds (run_id, round, datacenter_id, wall_time_s, inner_steps, tokens, "
                      "bytes_on_wire, compression_ratio, duration_ms, participants) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  for (const OuterRound& r : rows) {
    s.bind(1, r.run_id).bind(2, r.round).bind(3, r.datacenter_id).bind(4, r.wall_time_s).bind(5, r.inner_steps);
    s.bind(6, r.tokens).bind(7, r.bytes_on_wire).bind(8, r.compression_ratio).bind(9, r.duration_ms);
    s.bind(10, std::int64_t{r.participants});
    s.run("inserting outer rounds");
  }
}

EventRecord EventRecord::of(std::optional<std::int64_t> runId, double wall_time_s, const std::string& source,
                            const RunEvent& event) {
  return {runId, wall_time_s, std::string(toString(event.level)), source, renderEvent(event), std::string(toString(event.kind)),
          event.fields.dump()};
}

RunEvent EventRecord::event() const {
  RunEvent out;
  out.level = parseEventLevel(level).value_or(EventLevel::Info);
  const std::optional<EventKind> known = parseEventKind(kind);
  nlohmann::json parsed = nlohmann::json::parse(fields, nullptr, false);
  if (!known || parsed.is_discarded() || !parsed.is_object()) {
    out.fields = {{"text", text}};
    return out;
  }
  out.kind = *known;
  out.fields = std::move(parsed);
  return out;
}

void RunStore::addEvent(const EventRecord& event) {
  sqlite::Statement s(*connection_,
                      "INSERT INTO events (run_id, wall_time_s, level, source, text, kind, fields) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (event.run_id) {
    s.bind(1, *event.run_id);
  } else {
    s.bindNull(1);
  }
  s.bind(2, event.wall_time_s).bind(3, event.level).bind(4, event.source).bind(5, event.text).bind(6, event.kind).bind(7, event.fields);
  s.run("adding an event");
}

void RunStore::addValidation(const ValidationRecord& v) {
  sqlite::Statement s(*connection_,
                      "INSERT OR REPLACE INTO validation (run_id, datacenter_id, step, round, wall_time_s, tokens, loss) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  s.bind(1, v.run_id).bind(2, v.datacenter_id).bind(3, v.step).bind(4, v.round).bind(5, v.wall_time_s);
  s.bind(6, v.tokens).bind(7, v.loss).run("adding a validation loss");
}

std::vector<ValidationRecord> RunStore::validation(std::int64_t runId) {
  sqlite::Statement s(*connection_,
                      "SELECT run_id, datacenter_id, step, round, wall_time_s, tokens, loss FROM validation WHERE run_id = ?1 "
                      "ORDER BY wall_time_s, datacenter_id");
  s.bind(1, runId);
  std::vector<ValidationRecord> out;
  while (s.step("reading validation losses")) {
    out.push_back({s.columnInteger(0), s.columnText(1), s.columnInteger(2), s.columnInteger(3), s.columnDouble(4),
                   s.columnInteger(5), s.columnDouble(6)});
  }
  return out;
}

void RunStore::addSample(const SampleRecord& sample) {
  sqlite::Statement s(*connection_, "INSERT INTO samples (run_id, step, prompt, text) VALUES (?1, ?2, ?3, ?4)");
  s.bind(1, sample.run_id).bind(2, sample.step).bind(3, sample.prompt).bind(4, sample.text).run("adding a sample");
}

void RunStore::addCheckpoint(const CheckpointRecord& c) {
  sqlite::Statement s(*connection_,
                      "INSERT INTO checkpoints (run_id, step, path, sha256, bytes, created_at_s) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  s.bind(1, c.run_id).bind(2, c.step).bind(3, c.path).bind(4, c.sha256).bind(5, c.bytes).bind(6, c.created_at_s);
  s.run("adding a checkpoint");
}

void RunStore::saveDeviceProfile(const DeviceProfileRecord& p) {
  sqlite::Statement s(*connection_,
                      "INSERT OR REPLACE INTO device_profiles (device_type, model_key, micro_batch, tokens_per_s, memory_bytes, "
                      "emulated, measured_at_s) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  s.bind(1, p.device_type).bind(2, p.model_key).bind(3, std::int64_t{p.micro_batch}).bind(4, p.tokens_per_s);
  s.bind(5, p.memory_bytes).bind(6, std::int64_t{p.emulated}).bind(7, p.measured_at_s).run("saving a device profile");
}

std::vector<DeviceProfileRecord> RunStore::deviceProfiles(const std::string& modelKey) {
  sqlite::Statement s(*connection_,
                      "SELECT device_type, model_key, micro_batch, tokens_per_s, memory_bytes, emulated, measured_at_s "
                      "FROM device_profiles WHERE model_key = ?1 ORDER BY measured_at_s");
  s.bind(1, modelKey);
  std::vector<DeviceProfileRecord> out;
  while (s.step("reading device profiles")) {
    out.push_back({s.columnText(0), s.columnText(1), static_cast<int>(s.columnInteger(2)), s.columnDouble(3),
                   s.columnInteger(4), s.columnInteger(5) != 0, s.columnDouble(6)});
  }
  return out;
}

std::vector<RunRecord> RunStore::listRuns() {
  sqlite::Statement s(*connection_, std::string(kSelectRun) + " ORDER BY id");
  std::vector<RunRecord> runs;
  while (s.step("listing runs")) runs.push_back(readRun(s));
  return runs;
}

std::optional<RunRecord> RunStore::findRun(std::int64_t runId) {
  sqlite::Statement s(*connection_, std::string(kSelectRun) + " WHERE id = ?1");
  s.bind(1, runId);
  if (!s.step("reading a run")) return std::nullopt;
  return readRun(s);
}

std::optional<RunRecord> RunStore::findRunByName(const std::string& name) {
  sqlite::Statement s(*connection_, std::string(kSelectRun) + " WHERE name = ?1 ORDER BY id DESC LIMIT 1");
  s.bind(1, name);
  if (s.step("finding a run by name")) return readRun(s);
  // A run's id is its human name plus "-" and 8 hex digits (RunLauncher): the newest such run.
  sqlite::Statement named(*connection_, std::string(kSelectRun) +
                                            " WHERE length(name) = length(?1) + 9 AND substr(name, 1, length(?1) + 1) = ?1 || '-' "
                                            "ORDER BY id DESC");
  named.bind(1, name);
  while (named.step("finding a run by its human name")) {
    RunRecord run = readRun(named);
    const std::string suffix = run.name.substr(name.size() + 1);
    if (suffix.find_first_not_of("0123456789abcdef") == std::string::npos) return run;
  }
  return std::nullopt;
}

std::optional<std::string> RunStore::topology(std::int64_t runId) {
  sqlite::Statement s(*connection_, "SELECT project_json FROM run_topology WHERE run_id = ?1");
  s.bind(1, runId);
  if (!s.step("reading a topology snapshot")) return std::nullopt;
  return s.columnText(0);
}

std::vector<WorkerRecord> RunStore::workers(std::int64_t runId) {
  sqlite::Statement s(*connection_,
                      "SELECT run_id, worker_id, datacenter_id, node_id, rank_in_dc, device_type, emulated FROM workers "
                      "WHERE run_id = ?1 ORDER BY datacenter_id, rank_in_dc");
  s.bind(1, runId);
  std::vector<WorkerRecord> out;
  while (s.step("reading workers")) {
    out.push_back({s.columnInteger(0), s.columnText(1), s.columnText(2), s.columnText(3),
                   static_cast<int>(s.columnInteger(4)), s.columnText(5), s.columnInteger(6) != 0});
  }
  return out;
}

std::vector<StepMetric> RunStore::stepMetrics(std::int64_t runId) {
  sqlite::Statement s(*connection_,
                      "SELECT run_id, worker_id, step, wall_time_s, tokens, loss, compute_ms, intra_ms, inter_ms, idle_ms "
                      "FROM step_metrics WHERE run_id = ?1 ORDER BY worker_id, step");
  s.bind(1, runId);
  std::vector<StepMetric> out;
  while (s.step("reading step metrics")) {
    out.push_back({s.columnInteger(0), s.columnText(1), s.columnInteger(2), s.columnDouble(3), s.columnInteger(4),
                   s.columnNumber(5), s.columnDouble(6), s.columnDouble(7), s.columnDouble(8), s.columnDouble(9)});
  }
  return out;
}

std::int64_t RunStore::countStepMetrics(std::int64_t runId) {
  sqlite::Statement s(*connection_, "SELECT count(*) FROM step_metrics WHERE run_id = ?1");
  s.bind(1, runId);
  s.step("counting step metrics");
  return s.columnInteger(0);
}

std::vector<OuterRound> RunStore::outerRounds(std::int64_t runId) {
  sqlite::Statement s(*connection_,
                      "SELECT run_id, round, datacenter_id, wall_time_s, inner_steps, tokens, bytes_on_wire, "
                      "compression_ratio, duration_ms, participants FROM outer_rounds WHERE run_id = ?1 "
                      "ORDER BY round, datacenter_id");
  s.bind(1, runId);
  std::vector<OuterRound> out;
  while (s.step("reading outer rounds")) {
    out.push_back({s.columnInteger(0), s.columnInteger(1), s.columnText(2), s.columnDouble(3), s.columnInteger(4),
                   s.columnInteger(5), s.columnInteger(6), s.columnDouble(7), s.columnDouble(8),
                   static_cast<int>(s.columnInteger(9))});
  }
  return out;
}

std::vector<EventRecord> RunStore::events(std::int64_t runId) {
  sqlite::Statement s(*connection_,
                      "SELECT run_id, wall_time_s, level, source, text, kind, fields FROM events WHERE run_id = ?1 "
                      "ORDER BY wall_time_s, id");
  s.bind(1, runId);
  std::vector<EventRecord> out;
  while (s.step("reading events")) {
    out.push_back({s.columnInteger(0), s.columnDouble(1), s.columnText(2), s.columnText(3), s.columnText(4), s.columnText(5),
                   s.columnText(6)});
  }
  return out;
}

std::vector<SampleRecord> RunStore::samples(std::int64_t runId) {
  sqlite::Statement s(*connection_, "SELECT run_id, step, prompt, text FROM samples WHERE run_id = ?1 ORDER BY step, id");
  s.bind(1, runId);
  std::vector<SampleRecord> out;
  while (s.step("reading samples")) out.push_back({s.columnInteger(0), s.columnInteger(1), s.columnText(2), s.columnText(3)});
  return out;
}

std::vector<CheckpointRecord> RunStore::checkpoints(std::int64_t runId) {
  sqlite::Statement s(*connection_,
                      "SELECT run_id, step, path, sha256, bytes, created_at_s FROM checkpoints WHERE run_id = ?1 ORDER BY step, id");
  s.bind(1, runId);
  std::vector<CheckpointRecord> out;
  while (s.step("reading checkpoints")) {
    out.push_back({s.columnInteger(0), s.columnInteger(1), s.columnText(2), s.columnText(3), s.columnInteger(4),
                   s.columnDouble(5)});
  }
  return out;
}

void RunStore::limitPageCount(std::int64_t pages) {
  connection_->execute("PRAGMA max_page_count = " + std::to_string(pages), "limiting the file size");
}

}  // namespace archi
