#pragma once
// A stored run's curves for comparing runs (issue 13 item 9): training loss, validation loss
// and throughput, each point carrying both x axes (tokens processed by the whole run, and
// seconds since the run started) so a chart switches alignment without reading again.
//   training loss  after each stored step (in wall-time order): the mean of every worker's
//                  latest loss; x = the run's tokens so far
//   validation     per outer round: the mean over the datacenters that measured it
//   throughput     tokens per second over a trailing window of wall time, sampled four times
//                  a window
// The run's headline figures (tokens, duration, efficiency, final loss) are not computed here:
// they come from report/RunSummary.h.

#include <cstdint>
#include <vector>

#include "store/RunStore.h"

namespace run_curves {

struct Point {
  double tokens = 0.0;
  double seconds = 0.0;  // since the run started
  double value = 0.0;
};

struct Curves {
  std::vector<Point> trainingLoss;
  std::vector<Point> validationLoss;
  std::vector<Point> throughput;  // tokens/s
};

// The trailing window of one throughput point: at least 10 s (several steps of every
// datacenter), and a twentieth of the run, so a run draws at most about 80 points.
double throughputWindow_s(double span_s);

// Reads the run's step and validation rows (blocking: call it off the GUI thread).
Curves readCurves(archi::RunStore& store, std::int64_t runId);
// The same from rows already read; `start_s` is when the run started.
Curves curvesFrom(std::vector<archi::StepMetric> steps, const std::vector<archi::ValidationRecord>& validations, double start_s);

}  // namespace run_curves
