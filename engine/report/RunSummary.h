#pragma once
// A stored run's headline figures, defined once for the console's Runs view, its monitor and
// `archi report`, so that every place shows the same number for the same run:
//   measured tokens/s = tokens of every step / (last step's wall time - run start)
//   efficiency        = measured tokens/s / ideal (the plan's sum of standalone device speeds)
//   planner error     = (measured - predicted) / predicted
// Figures that cannot be known (no plan stored, no step yet) are nullopt, never 0.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/RunStore.h"

namespace archi {

struct DatacenterSummary {
  std::string id;
  std::string name;
  int workers = 0;
  std::int64_t tokens = 0;
  std::optional<double> tokens_per_s;            // measured, over the run's span
  std::optional<double> predicted_tokens_per_s;  // the plan's, WAN share included
  std::optional<double> standalone_tokens_per_s; // sum of its devices' standalone speeds
  std::optional<double> last_training_loss;      // mean over its workers' last steps
  std::optional<double> last_validation_loss;
};

struct RunSummary {
  RunRecord run;
  std::int64_t tokens = 0;
  std::int64_t steps = 0;                 // highest step any worker reached
  std::optional<double> duration_s;       // start to end (running: to the last step)
  std::optional<double> tokens_per_s;
  std::optional<double> predicted_tokens_per_s;
  std::optional<double> ideal_tokens_per_s;
  std::optional<double> efficiency;       // measured / ideal, 0..1
  std::optional<double> planned_efficiency;
  std::optional<double> planner_error;    // (measured - predicted) / predicted
  std::optional<double> final_loss;       // validation when measured, else training
  bool final_loss_is_validation = false;
  std::int64_t rounds = 0;               // outer rounds completed (the highest round number)
  std::int64_t wan_bytes = 0;             // outer rounds' bytes on the wire, all leaders
  std::vector<DatacenterSummary> datacenters;
  // Time dilation (plan/Dilation.h), from the stored plan: 1 when the run was not dilated.
  // Real-time equivalents are rates × dilation and seconds ÷ dilation.
  double dilation = 1.0;
  std::string dilation_derivation;
  bool dilated() const { return dilation != 1.0; }
};

// Reads the run's totals, plan and validation from the store (a few aggregate queries, not
// every row). Throws StoreError when the store cannot be read or has no such run.
RunSummary summarizeRun(RunStore& store, std::int64_t runId);

}  // namespace archi
