#include "bridge/RunCurves.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <tuple>

namespace run_curves {

double throughputWindow_s(double span_s) { return std::max(1.0, span_s / 120.0); }

Curves curvesFrom(std::vector<archi::StepMetric> steps, const std::vector<archi::ValidationRecord>& validations, double start_s) {
  Curves curves;
  std::sort(steps.begin(), steps.end(), [](const archi::StepMetric& a, const archi::StepMetric& b) {
    return std::tie(a.wall_time_s, a.worker_id, a.step) < std::tie(b.wall_time_s, b.worker_id, b.step);
  });

  std::map<std::string, double> latestLoss;  // per worker
  double lossSum = 0.0;
  double tokens = 0.0;
  curves.trainingLoss.reserve(steps.size());
  for (const archi::StepMetric& m : steps) {
    tokens += double(m.tokens);
    auto [it, inserted] = latestLoss.try_emplace(m.worker_id, m.loss);
    if (!inserted) {
      lossSum -= it->second;
      it->second = m.loss;
    }
    lossSum += m.loss;
    curves.trainingLoss.push_back({tokens, m.wall_time_s - start_s, lossSum / double(latestLoss.size())});
  }

  if (!steps.empty()) {
    const double span_s = steps.back().wall_time_s - start_s;
    const double window_s = throughputWindow_s(span_s);
    double windowEnd_s = window_s;
    double windowTokens = 0.0;
    double cumulative = 0.0;
    for (const archi::StepMetric& m : steps) {
      const double at_s = m.wall_time_s - start_s;
      while (at_s > windowEnd_s) {
        curves.throughput.push_back({cumulative, windowEnd_s, windowTokens / window_s});
        windowTokens = 0.0;
        windowEnd_s += window_s;
      }
      windowTokens += double(m.tokens);
      cumulative += double(m.tokens);
    }
    // The last stretch is as long as the run went on in it; a short one joins the stretch before
    // it rather than drawing a spike from a handful of tokens over a moment.
    const double lastWidth_s = span_s - (windowEnd_s - window_s);
    if (lastWidth_s < window_s / 2 && !curves.throughput.empty()) {
      Point& previous = curves.throughput.back();
      previous = {cumulative, span_s, (previous.value * window_s + windowTokens) / (window_s + lastWidth_s)};
    } else if (lastWidth_s > 0.0) {
      curves.throughput.push_back({cumulative, span_s, windowTokens / lastWidth_s});
    }
  }

  struct RoundSum {
    double tokens = 0.0;
    double wall_s = 0.0;
    double loss = 0.0;
    int count = 0;
  };
  std::map<std::int64_t, RoundSum> rounds;
  for (const archi::ValidationRecord& v : validations) {
    RoundSum& r = rounds[v.round];
    r.tokens = std::max(r.tokens, double(v.tokens));
    r.wall_s = std::max(r.wall_s, v.wall_time_s);
    r.loss += v.loss;
    ++r.count;
  }
  for (const auto& [round, r] : rounds) curves.validationLoss.push_back({r.tokens, r.wall_s - start_s, r.loss / r.count});
  std::sort(curves.validationLoss.begin(), curves.validationLoss.end(),
            [](const Point& a, const Point& b) { return a.seconds < b.seconds; });
  return curves;
}

Curves readCurves(archi::RunStore& store, std::int64_t runId) {
  const std::optional<archi::RunRecord> run = store.findRun(runId);
  if (!run) return {};
  // The same start as report/RunSummary.cpp, so the curves' time axis matches the run's duration.
  const double start_s = run->started_at_s.value_or(run->created_at_s);
  return curvesFrom(store.stepMetrics(runId), store.validation(runId), start_s);
}

}  // namespace run_curves
