#include "bridge/RunCurves.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <tuple>

namespace run_curves {

double throughputWindow_s(double span_s) { return std::max(10.0, span_s / 20.0); }

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
    // Tokens/s over a trailing window, sampled four times a window: steps arrive in bursts (one
    // per datacenter per step), so a window shorter than a few steps would draw only the bursts.
    std::vector<double> at_s;
    std::vector<double> cumulative;  // tokens stored up to and including each step
    double sum = 0.0;
    for (const archi::StepMetric& m : steps) {
      sum += double(m.tokens);
      at_s.push_back(m.wall_time_s - start_s);
      cumulative.push_back(sum);
    }
    auto tokensUpTo = [&](double t) {
      const auto end = std::upper_bound(at_s.begin(), at_s.end(), t);
      return end == at_s.begin() ? 0.0 : cumulative[std::size_t(end - at_s.begin()) - 1];
    };
    const double span_s = at_s.back();
    const double window_s = throughputWindow_s(span_s);
    const double every_s = window_s / 4.0;
    for (double t = every_s;; t += every_s) {
      const double at = std::min(t, span_s);
      if (at > 0.0) {
        const double rate = (tokensUpTo(at) - tokensUpTo(at - window_s)) / std::min(window_s, at);
        curves.throughput.push_back({tokensUpTo(at), at, rate});
      }
      if (t >= span_s) break;
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
