#pragma once
// One run's report (issue 13, item 11) as data, read from the run store: the topology as it
// was drawn at launch, the plan against what was measured per device and per datacenter, loss
// curves, the step-time breakdown, WAN traffic and compression, faults with their cost,
// samples, settings, the software version and what was emulated. The headline figures are
// summarizeRun's (report/RunSummary.h), never computed a second way. `archi report`, the PDF
// and the console's report view all render this one model.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/Project.h"
#include "core/SeriesDownsampler.h"
#include "report/RunSummary.h"
#include "store/RunStore.h"

namespace archi {

// One device (one worker) of the run: what the plan gave it and what it did.
struct ReportDevice {
  std::string id;  // the worker id: "<datacenter>/<node>/<index on node>"
  std::string datacenter_id;
  std::string node_id;
  std::string type;
  bool emulated = false;
  bool excluded = false;                          // left out of the run by the plan
  int planned_sequences = 0;                      // sequences per step the plan gave it
  std::optional<double> standalone_tokens_per_s;  // the speed the planner assumed for it alone
  std::optional<double> planned_tokens_per_s;     // its share of its datacenter's prediction
  std::optional<double> measured_tokens_per_s;    // its tokens over the run's span (as summarizeRun's)
  std::optional<double> error;                    // measured / planned - 1
  std::int64_t tokens = 0;
  std::int64_t steps = 0;
};

// A datacenter's step time split into where it went: means over its workers' step rows.
struct StepBreakdown {
  std::string datacenter_id;
  std::int64_t rows = 0;
  double compute_ms = 0.0;
  double intra_ms = 0.0;
  double wan_ms = 0.0;
  double idle_ms = 0.0;
};

// A datacenter leader's outer rounds: what it put on the WAN and how well it compressed.
struct DatacenterWan {
  std::string datacenter_id;
  std::int64_t rounds = 0;
  std::int64_t bytes_on_wire = 0;
  std::optional<double> compression_ratio;  // mean over its rounds
  std::optional<double> round_ms;           // mean outer round duration
};

// A WAN link as drawn, and what its samples (if any) measured.
struct ReportLink {
  WanLink drawn;
  bool emulated = false;
  std::int64_t samples = 0;
  std::int64_t bytes = 0;
  std::optional<double> mean_mbit_per_s;
  std::optional<double> mean_rtt_ms;
};

// A fault or a recovery from one (RunEvent.h kinds) and what it cost the run.
struct ReportFault {
  double at_s = 0.0;  // since the run started
  std::string kind;
  std::string level;
  std::string source;
  std::string text;
  std::optional<double> cost_s;  // the event's cost_s field, when it has one
};

struct ReportSeries {
  std::string datacenter_id;
  std::vector<SeriesPoint> points;  // x: seconds since the run started
};

struct ReportLinkSeries {
  std::string from_datacenter_id;   // the measuring side
  std::string link;                 // "Beijing → Guiyang"
  std::vector<SeriesPoint> points;  // x: seconds since start, y: Mbit/s
};

struct ReportSettings {
  std::string model;        // "4 layers, 4 heads, dim 256, context 256, vocab 256"
  std::string corpus;
  std::int64_t token_budget = 0;
  std::int64_t batch_tokens = 0;
  std::string sync;
  std::string compression;
  int inner_steps = 0;
  double outer_lr = 0.0;
  double outer_momentum = 0.0;
  double inner_lr = 0.0;
  std::uint64_t seed = 0;
  // From the plan, when one was stored.
  std::optional<std::int64_t> parameters;
  std::string recommended_sync;
  std::optional<int> recommended_inner_steps;
  std::optional<double> round_ms;
  std::optional<double> comm_share;
};

struct RunReport {
  RunSummary summary;
  std::string software_version;
  std::optional<Project> project;   // the topology and settings as launched; nullopt when none stored
  std::string topology_problem;     // why `project` is missing, when it is
  bool plan_stored = false;
  ReportSettings settings;
  // Which datacenter is which colour: its index in the project (the console's order).
  std::vector<std::string> datacenter_order;
  std::vector<ReportDevice> devices;
  int emulated_devices = 0;
  bool links_emulated = false;      // the WAN was emulated in user space (a wan-emulation event)
  std::int64_t step_rows = 0;
  std::vector<ReportSeries> training_loss;    // per datacenter: mean over its workers at each step
  std::vector<ReportSeries> validation_loss;  // per datacenter
  std::vector<StepBreakdown> breakdown;
  std::vector<DatacenterWan> wan;
  std::optional<double> compression_ratio;    // mean over every outer round
  std::vector<ReportLink> links;
  std::int64_t link_samples = 0;
  std::vector<ReportLinkSeries> link_throughput;
  std::vector<ReportFault> faults;
  double fault_cost_s = 0.0;                  // sum of the faults' cost_s
  std::vector<SampleRecord> samples;
  std::int64_t events = 0;

  int colourIndex(const std::string& datacenterId) const;
  std::string datacenterName(const std::string& datacenterId) const;
};

// Reads everything the report shows for `runId`. Throws StoreError when the store cannot be
// read or holds no such run; a run with no steps yet gives a report that says so.
RunReport buildRunReport(RunStore& store, std::int64_t runId);

// True for the event kinds that are a fault or the recovery from one.
bool isFaultKind(EventKind kind);

}  // namespace archi
