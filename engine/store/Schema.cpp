#include "store/Schema.h"

namespace archi::schema {

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "runs, topology snapshots, workers, step metrics, outer rounds, events, samples, checkpoints",
       R"sql(
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version (version) VALUES (0);
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  project_name TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('planned', 'running', 'completed', 'stopped', 'failed')),
  sync_mode TEXT NOT NULL,
  emulated INTEGER NOT NULL DEFAULT 0,
  created_at_s REAL NOT NULL,
  started_at_s REAL,
  ended_at_s REAL
);
CREATE TABLE run_topology (
  run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  project_json TEXT NOT NULL
);
CREATE TABLE workers (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  worker_id TEXT NOT NULL,
  datacenter_id TEXT NOT NULL,
  node_id TEXT NOT NULL,
  rank_in_dc INTEGER NOT NULL,
  device_type TEXT NOT NULL,
  emulated INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, worker_id)
);
CREATE TABLE step_metrics (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  worker_id TEXT NOT NULL,
  step INTEGER NOT NULL,
  wall_time_s REAL NOT NULL,
  tokens INTEGER NOT NULL,
  loss REAL NOT NULL,
  compute_ms REAL NOT NULL,
  intra_ms REAL NOT NULL,
  inter_ms REAL NOT NULL,
  idle_ms REAL NOT NULL,
  PRIMARY KEY (run_id, worker_id, step)
);
CREATE TABLE outer_rounds (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  round INTEGER NOT NULL,
  datacenter_id TEXT NOT NULL,
  wall_time_s REAL NOT NULL,
  inner_steps INTEGER NOT NULL,
  tokens INTEGER NOT NULL,
  bytes_on_wire INTEGER NOT NULL,
  compression_ratio REAL NOT NULL,
  duration_ms REAL NOT NULL,
  participants INTEGER NOT NULL,
  PRIMARY KEY (run_id, round, datacenter_id)
);
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  run_id INTEGER REFERENCES runs(id) ON DELETE CASCADE,
  wall_time_s REAL NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('debug', 'info', 'warning', 'error')),
  source TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE TABLE samples (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  step INTEGER NOT NULL,
  prompt TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE TABLE checkpoints (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  step INTEGER NOT NULL,
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  created_at_s REAL NOT NULL
);
)sql"},
      {2, "link samples; indexes for event and round queries",
       R"sql(
CREATE TABLE link_samples (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  link_a TEXT NOT NULL,
  link_b TEXT NOT NULL,
  wall_time_s REAL NOT NULL,
  bytes INTEGER NOT NULL,
  mbit_per_s REAL NOT NULL,
  rtt_ms REAL NOT NULL
);
CREATE INDEX link_samples_by_run ON link_samples (run_id, wall_time_s);
CREATE INDEX events_by_run ON events (run_id, wall_time_s);
CREATE INDEX samples_by_run ON samples (run_id, step);
)sql"},
      {3, "device profiles (planner priors) and the plan kept beside each run",
       R"sql(
CREATE TABLE device_profiles (
  device_type TEXT NOT NULL,
  model_key TEXT NOT NULL,
  micro_batch INTEGER NOT NULL,
  tokens_per_s REAL NOT NULL,
  memory_bytes INTEGER NOT NULL,
  emulated INTEGER NOT NULL DEFAULT 0,
  measured_at_s REAL NOT NULL,
  PRIMARY KEY (device_type, model_key, micro_batch, emulated)
);
CREATE TABLE run_plans (
  run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  plan_json TEXT NOT NULL
);
)sql"},
      {4, "validation losses per datacenter and step",
       R"sql(
CREATE TABLE validation (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  datacenter_id TEXT NOT NULL,
  step INTEGER NOT NULL,
  round INTEGER NOT NULL,
  wall_time_s REAL NOT NULL,
  tokens INTEGER NOT NULL,
  loss REAL NOT NULL,
  PRIMARY KEY (run_id, datacenter_id, step)
);
)sql"},
      {5, "events as data: each event's kind and fields beside its sentence",
       R"sql(
ALTER TABLE events ADD COLUMN kind TEXT NOT NULL DEFAULT 'note';
ALTER TABLE events ADD COLUMN fields TEXT NOT NULL DEFAULT '{}';
CREATE INDEX events_by_kind ON events (run_id, kind);
)sql"},
      {6, "runs on node agents: how far each journal stream was stored, and where the run's agents listen",
       R"sql(
CREATE TABLE journal_cursors (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  stream TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (run_id, stream)
);
CREATE TABLE run_agents (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  node_id TEXT NOT NULL,
  datacenter_id TEXT NOT NULL,
  host TEXT NOT NULL,
  port INTEGER NOT NULL,
  local INTEGER NOT NULL,
  PRIMARY KEY (run_id, node_id)
);
)sql"},
      {7, "a diverged step's loss (NaN, infinity) is kept: step_metrics.loss may be NULL, read back as NaN",
       R"sql(
CREATE TABLE step_metrics_v7 (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  worker_id TEXT NOT NULL,
  step INTEGER NOT NULL,
  wall_time_s REAL NOT NULL,
  tokens INTEGER NOT NULL,
  loss REAL,
  compute_ms REAL NOT NULL,
  intra_ms REAL NOT NULL,
  inter_ms REAL NOT NULL,
  idle_ms REAL NOT NULL,
  PRIMARY KEY (run_id, worker_id, step)
);
INSERT INTO step_metrics_v7 SELECT * FROM step_metrics ORDER BY rowid;
DROP TABLE step_metrics;
ALTER TABLE step_metrics_v7 RENAME TO step_metrics;
)sql"},
      {8, "a run's launcher lease: which process drives it, so that a run whose launcher died is not left 'running'",
       R"sql(
CREATE TABLE run_launchers (
  run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  host TEXT NOT NULL,
  boot_id TEXT NOT NULL,
  pid INTEGER NOT NULL,
  start_ticks INTEGER NOT NULL,
  taken_at_s REAL NOT NULL
);
)sql"},
  };
  return kMigrations;
}

int latestVersion() { return migrations().back().toVersion; }

}  // namespace archi::schema
