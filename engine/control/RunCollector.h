#pragma once
// The launcher's metrics collector: takes every worker's journal records, writes them into
// the run store in batched transactions, and keeps per-datacenter progress for the terminal
// progress lines and the console's status strip. Records come from journal files on this
// machine (addJournal) or from streams read elsewhere by sequence number (addStream +
// accept: a node agent's journals); a stream's cursor (for a file: its byte offset) is stored
// in the same transaction as its records, so a collector that resumes a run (resume) stores
// every record exactly once.
//
// The collector never throws for a store error or a bad record (issue 15 item 3): a record
// the store refuses is left out as a `record-refused` event; when the store cannot be written
// at all (busy, disk full) the batch waits in memory with its cursors and is tried again at
// every poll, and the outage becomes one `store-write-failed` event (stored once the store
// recovers, beside `store-write-recovered`). While kMaxWaitingRecords wait, nothing new is
// read: streams are asked again later from the unchanged cursors, files from their offsets.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <cstddef>
#include <string_view>
#include <string>
#include <vector>

#include "control/MetricsJournal.h"
#include "control/RunAlerts.h"
#include "core/Diagnostic.h"
#include "store/RunStore.h"

namespace archi {

struct DatacenterProgress {
  std::string datacenter_id;
  std::int64_t tokens = 0;           // summed over its workers' steps
  std::int64_t leader_steps = 0;     // inner steps its leader has taken
  double last_loss = 0.0;            // leader's latest training loss
  std::int64_t rounds = 0;           // outer rounds completed
  double last_val_loss = -1.0;       // < 0 until measured
  double first_step_wall_s = -1.0;
  double last_step_wall_s = -1.0;
  std::int64_t wan_bytes = 0;
  double tokensPerSecond() const;
};

class RunCollector {
 public:
  RunCollector(RunStore& store, std::int64_t runId) : store_(store), runId_(runId) {}
  std::int64_t runId() const { return runId_; }

  void addJournal(const std::filesystem::path& path, const std::string& datacenterId, bool isLeader);
  void addStream(const std::string& stream, const std::string& datacenterId, bool isLeader);
  // One journal line of `stream` with its sequence number; lines at or below the stream's
  // cursor are ignored (already stored), so a re-sent chunk does no harm. A stream not
  // announced with addStream is stored under no datacenter.
  // While the store is failing and the waiting batch is full, a line is not taken (its
  // cursor does not move, so the stream sends it again).
  void accept(const std::string& stream, std::int64_t seq, std::string_view line);
  // Last sequence number accepted for `stream` (0 before the first).
  std::int64_t cursor(const std::string& stream) const;
  // Continues a run already partly in the store: cursors and progress from what it holds.
  void resume();
  // Reads what is new in every journal file, stores it with what was accepted from streams;
  // returns the number of records stored (0 while the store fails: they wait for the next poll).
  std::size_t poll();
  // An event of the launcher's that the store could not take directly: it is stored with the
  // next batch.
  void keep(EventRecord event);

  // The store's current outage, if writes are failing.
  struct StoreTrouble {
    StoreError::Kind kind = StoreError::Kind::Generic;
    std::string reason;
    double since_s = 0.0;
    std::int64_t attempts = 0;
  };
  const std::optional<StoreTrouble>& storeTrouble() const { return trouble_; }
  // Records read but not yet stored (they wait for the store).
  std::size_t waitingRecords() const { return pending_.records() + incoming_.records(); }
  static constexpr std::size_t kMaxWaitingRecords = 200000;

  const std::map<std::string, DatacenterProgress>& progress() const { return progress_; }
  // Malformed journal lines and records (each also stored as a warning event).
  const Diagnostics& problems() const { return problems_; }
  std::int64_t totalTokens() const;
  std::int64_t totalWanBytes() const;
  std::vector<SampleRecord> samples() const { return samples_; }
  // Raises alerts (stored as events with the records that caused them) from every poll on.
  void watch(RunAlerts alerts) { alerts_.emplace(std::move(alerts)); }

 private:
  struct Source {
    std::optional<JournalTailer> tailer;  // a file on this machine; none for a stream
    std::string datacenter_id;
    bool leader = false;
    std::int64_t cursor = 0;
  };
  void absorb(Source& source, const nlohmann::json& line, const std::string& where);
  void count(const StepMetric& step, bool leader, DatacenterProgress& dc);
  bool full() const { return trouble_.has_value() && waitingRecords() >= kMaxWaitingRecords; }
  // Commits pending_; false (and pending_ kept) when the store cannot be written.
  bool commitPending();
  void noteStoreFailure(const StoreError& error);

  RunStore& store_;
  std::int64_t runId_;
  std::map<std::string, Source> sources_;  // by stream name (the file path for files)
  JournalBatch incoming_;  // read since the last poll (alerts look at these once)
  JournalBatch pending_;   // to be committed, with the cursors they advance
  std::optional<StoreTrouble> trouble_;
  Diagnostics fresh_;
  std::map<std::string, DatacenterProgress> progress_;
  std::vector<SampleRecord> samples_;
  Diagnostics problems_;
  std::optional<RunAlerts> alerts_;
};

}  // namespace archi
