#pragma once
// The console's run store (docs/architecture.md#run-store): one SQLite file in WAL mode holding
// every run, its topology snapshot, per-step and per-round metrics, events, samples and
// checkpoints. One RunStore per thread; several processes may share the file (readers never block
// the writer). Every failure is a StoreError naming the file and the reason.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/RunEvent.h"
#include "store/StoreError.h"

namespace archi {

namespace sqlite {
class Connection;
class Statement;
}  // namespace sqlite

enum class RunState { Planned, Running, Completed, Stopped, Failed };
const char* toString(RunState state);
std::optional<RunState> runStateFromString(const std::string& text);

struct RunRecord {
  std::int64_t id = 0;
  std::string name;
  std::string project_name;
  RunState state = RunState::Planned;
  std::string sync_mode;
  bool emulated = false;
  double created_at_s = 0.0;
  std::optional<double> started_at_s;
  std::optional<double> ended_at_s;
};

struct WorkerRecord {
  std::int64_t run_id = 0;
  std::string worker_id;
  std::string datacenter_id;
  std::string node_id;
  int rank_in_dc = 0;
  std::string device_type;
  bool emulated = false;
};

struct StepMetric {
  std::int64_t run_id = 0;
  std::string worker_id;
  std::int64_t step = 0;
  double wall_time_s = 0.0;
  std::int64_t tokens = 0;
  double loss = 0.0;
  double compute_ms = 0.0;
  double intra_ms = 0.0;
  double inter_ms = 0.0;
  double idle_ms = 0.0;
  bool operator==(const StepMetric&) const = default;
};

struct OuterRound {
  std::int64_t run_id = 0;
  std::int64_t round = 0;
  std::string datacenter_id;
  double wall_time_s = 0.0;
  std::int64_t inner_steps = 0;
  std::int64_t tokens = 0;
  std::int64_t bytes_on_wire = 0;
  double compression_ratio = 1.0;
  double duration_ms = 0.0;
  int participants = 0;
};

// A stored runtime event (core/RunEvent.h): its kind and fields as data, and the sentence
// rendered from them when it happened.
struct EventRecord {
  std::optional<std::int64_t> run_id;  // nullopt for console-wide events
  double wall_time_s = 0.0;
  std::string level = "info";  // debug, info, warning, error
  std::string source;
  std::string text;
  std::string kind = "note";   // EventKind name
  std::string fields = "{}";   // the kind's fields, a JSON object

  static EventRecord of(std::optional<std::int64_t> runId, double wall_time_s, const std::string& source, const RunEvent& event);
  // The kind and fields back; a kind this build does not know (a newer writer) reads as a note.
  RunEvent event() const;
};

struct ValidationRecord {
  std::int64_t run_id = 0;
  std::string datacenter_id;
  std::int64_t step = 0;
  std::int64_t round = 0;
  double wall_time_s = 0.0;
  std::int64_t tokens = 0;  // tokens the whole run had processed when it was measured
  double loss = 0.0;
};

struct SampleRecord {
  std::int64_t run_id = 0;
  std::int64_t step = 0;
  std::string prompt;
  std::string text;
};

// A device type's measured speed on one model shape: the planner's prior for the next run.
struct DeviceProfileRecord {
  std::string device_type;
  std::string model_key;
  int micro_batch = 1;
  double tokens_per_s = 0.0;
  std::int64_t memory_bytes = 0;
  bool emulated = false;
  double measured_at_s = 0.0;
};

struct CheckpointRecord {
  std::int64_t run_id = 0;
  std::int64_t step = 0;
  std::string path;
  std::string sha256;
  std::int64_t bytes = 0;
  double created_at_s = 0.0;
};

// WAN traffic between two datacenters over one interval (usually one outer round), as the
// leader of `link_a` measured it: bytes it put on that link and what they achieved.
struct LinkSample {
  std::int64_t run_id = 0;
  std::string link_a;  // datacenter ids of the link's ends; link_a is the measuring side
  std::string link_b;
  double wall_time_s = 0.0;  // end of the interval
  std::int64_t bytes = 0;
  double mbit_per_s = 0.0;   // bytes over the interval's transfer time
  double rtt_ms = 0.0;       // 0 when not measured
  bool operator==(const LinkSample&) const = default;
};

// How far a reader has read each of a run's tables (SQLite rowids). Journals arrive late and
// in any wall-time order, so a live view asks for "the rows stored after these" instead of
// "the rows after this time".
struct RunRowCursor {
  std::int64_t steps = 0;
  std::int64_t rounds = 0;
  std::int64_t validations = 0;
  std::int64_t events = 0;
  std::int64_t samples = 0;
  std::int64_t links = 0;
};

struct RunRows {
  std::vector<StepMetric> steps;
  std::vector<OuterRound> rounds;
  std::vector<ValidationRecord> validations;
  std::vector<EventRecord> events;
  std::vector<SampleRecord> samples;
  std::vector<LinkSample> links;
  RunRowCursor next;  // pass back to read on from here
  std::size_t records() const {
    return steps.size() + rounds.size() + validations.size() + events.size() + samples.size() + links.size();
  }
};

// One worker's step metrics summed up by SQL (a run list needs these for every run without
// reading every row).
struct WorkerTotals {
  std::string worker_id;
  std::int64_t steps = 0;
  std::int64_t tokens = 0;
  double first_wall_time_s = 0.0;
  double last_wall_time_s = 0.0;
  double last_loss = 0.0;  // at its highest step
};

// What one collector poll read from journals: every row kind, and the stream cursors.
struct JournalBatch {
  std::int64_t run_id = 0;
  std::vector<StepMetric> steps;
  std::vector<OuterRound> rounds;
  std::vector<ValidationRecord> validations;
  std::vector<EventRecord> events;
  std::vector<SampleRecord> samples;
  std::vector<CheckpointRecord> checkpoints;
  std::vector<LinkSample> links;
  std::map<std::string, std::int64_t> cursors;  // stream -> last sequence number read
  std::size_t records() const {
    return steps.size() + rounds.size() + validations.size() + events.size() + samples.size() + checkpoints.size() +
           links.size();
  }
};

// What commitJournalBatchSkippingRefused left out: the record and why the store refused it.
struct RefusedRecord {
  std::string what;    // "step 12 of worker bj/0", "event at 1700000000.5"
  std::string reason;  // the store's message
};

// The process that drives a run (control/LauncherLease.h): a pid alone could be reused, so
// it comes with the process's start time in clock ticks since boot and the boot's id.
struct LauncherLeaseRecord {
  std::string host;
  std::string boot_id;
  std::int64_t pid = 0;
  std::int64_t start_ticks = 0;
  double taken_at_s = 0.0;
};

struct RunAgentRecord {
  std::string node_id;
  std::string datacenter_id;
  std::string host;
  int port = 0;
  bool local = false;  // started by the launcher on this machine (archi run --local)
};

class RunStore {
 public:
  enum class Access { ReadWrite, ReadOnly };

  // Opens or creates the store and migrates it forward. Refuses, without writing a byte, a
  // file from a newer schema, a file that is not a run store, and a corrupted file.
  explicit RunStore(const std::filesystem::path& path, Access access = Access::ReadWrite);
  ~RunStore();
  RunStore(const RunStore&) = delete;
  RunStore& operator=(const RunStore&) = delete;

  int schemaVersion() const { return schemaVersion_; }
  const std::filesystem::path& path() const { return path_; }

  std::int64_t createRun(const RunRecord& run);  // returns the new id; run.id is ignored
  void setRunState(std::int64_t runId, RunState state, double at_s);
  void saveTopology(std::int64_t runId, const std::string& projectJson);
  void savePlan(std::int64_t runId, const std::string& planJson);
  std::optional<std::string> plan(std::int64_t runId);
  void addWorkers(std::span<const WorkerRecord> workers);
  // Each call is one transaction: all rows land or none do.
  void insertStepMetrics(std::span<const StepMetric> rows);
  void insertOuterRounds(std::span<const OuterRound> rows);
  void addEvent(const EventRecord& event);
  void addValidation(const ValidationRecord& record);
  void addSample(const SampleRecord& sample);
  void addCheckpoint(const CheckpointRecord& checkpoint);
  void insertLinkSamples(std::span<const LinkSample> rows);  // one transaction
  // Removes the run and every row that belongs to it (one transaction). Files the run left
  // on disk (journals, checkpoints) are the caller's.
  void deleteRun(std::int64_t runId);

  // Records read from journals together with how far each journal has been read, in one
  // transaction: after a crash the store holds a batch and its cursors, or neither, so a
  // collector that resumes from journalCursors() stores every record exactly once.
  void commitJournalBatch(const JournalBatch& batch);
  // The same, record by record (each in a savepoint of the one transaction): a record the
  // store refuses (StoreError::Kind::Constraint: a CHECK, a text too long) is left out and
  // returned; the rest and the cursors commit together. Any other failure (busy, disk full)
  // rolls the whole batch back and throws, so that it can be tried again as it is.
  std::vector<RefusedRecord> commitJournalBatchSkippingRefused(const JournalBatch& batch);
  // Last sequence number stored per journal stream of the run (worker id, or "agent@<node>").
  std::map<std::string, std::int64_t> journalCursors(std::int64_t runId);
  // A resumed run's workers write new journals, numbered from 1 again.
  void forgetJournalCursors(std::int64_t runId);
  // The launcher that drives a run: taken by start() and attach(), released when it finishes or
  // detaches. A run still `running` whose holder is gone has lost its launcher.
  void takeLauncherLease(std::int64_t runId, const LauncherLeaseRecord& lease);
  void releaseLauncherLease(std::int64_t runId);
  std::optional<LauncherLeaseRecord> launcherLease(std::int64_t runId);
  // Where each node's agent of the run listens (agents on loopback get a fresh port per run).
  void saveRunAgents(std::int64_t runId, std::span<const RunAgentRecord> agents);
  std::vector<RunAgentRecord> runAgents(std::int64_t runId);
  // The newest run with this id, else the newest whose id is `name` plus a launcher's random
  // suffix ("-" and 8 hex digits): the name a person gave it.
  std::optional<RunRecord> findRunByName(const std::string& name);

  void saveDeviceProfile(const DeviceProfileRecord& profile);  // replaces the older measurement
  std::vector<DeviceProfileRecord> deviceProfiles(const std::string& modelKey);

  std::vector<RunRecord> listRuns();
  std::optional<RunRecord> findRun(std::int64_t runId);
  std::optional<std::string> topology(std::int64_t runId);
  std::vector<WorkerRecord> workers(std::int64_t runId);
  std::vector<StepMetric> stepMetrics(std::int64_t runId);
  std::int64_t countStepMetrics(std::int64_t runId);
  std::vector<OuterRound> outerRounds(std::int64_t runId);
  std::vector<EventRecord> events(std::int64_t runId);
  std::vector<SampleRecord> samples(std::int64_t runId);
  std::vector<ValidationRecord> validation(std::int64_t runId);
  std::vector<CheckpointRecord> checkpoints(std::int64_t runId);
  std::vector<LinkSample> linkSamples(std::int64_t runId);
  std::vector<WorkerTotals> workerTotals(std::int64_t runId);
  // The rows of each table stored after `after`, at most `maxRowsPerTable` of each, in the
  // order they were stored; {} reads from the start. One read transaction: a consistent view.
  RunRows rowsAfter(std::int64_t runId, const RunRowCursor& after, std::size_t maxRowsPerTable);

  // Test and tooling hook: caps the file at `pages` pages so that "disk full" can be
  // exercised without filling a real disk (SQLite then fails with SQLITE_FULL).
  void limitPageCount(std::int64_t pages);

 private:
  void inspectAndMigrate(Access access);
  void writeStepMetrics(std::span<const StepMetric> rows);
  void writeOuterRounds(std::span<const OuterRound> rows);
  void writeLinkSamples(std::span<const LinkSample> rows);
  void requireRun(std::int64_t runId, const char* operation);

  std::filesystem::path path_;
  std::unique_ptr<sqlite::Connection> connection_;
  std::unique_ptr<sqlite::Statement> insertStep_;
  int schemaVersion_ = 0;
};

}  // namespace archi
