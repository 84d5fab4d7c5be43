#pragma once
// The launcher's metrics collector: tails every worker's journal, writes the records into
// the run store in batched transactions, and keeps per-datacenter progress for the terminal
// progress lines and the console's status strip.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "control/MetricsJournal.h"
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

  void addJournal(const std::filesystem::path& path, const std::string& datacenterId, bool isLeader);
  // Reads what is new in every journal and stores it; returns the number of records stored.
  std::size_t poll();

  const std::map<std::string, DatacenterProgress>& progress() const { return progress_; }
  // Malformed journal lines and records (each also stored as a warning event).
  const Diagnostics& problems() const { return problems_; }
  std::int64_t totalTokens() const;
  std::int64_t totalWanBytes() const;
  std::vector<SampleRecord> samples() const { return samples_; }

 private:
  struct Source {
    JournalTailer tailer;
    std::string datacenter_id;
    bool leader = false;
  };

  RunStore& store_;
  std::int64_t runId_;
  std::vector<Source> sources_;
  std::map<std::string, DatacenterProgress> progress_;
  std::vector<SampleRecord> samples_;
  Diagnostics problems_;
};

}  // namespace archi
