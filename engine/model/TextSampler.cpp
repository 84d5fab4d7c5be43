#include "model/TextSampler.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace archi {

namespace {

std::int32_t pick(std::span<const float> logits, const SampleOptions& options, Rng& rng, std::vector<int>& order,
                  std::vector<double>& weights) {
  const int V = static_cast<int>(logits.size());
  if (options.temperature <= 0.0)
    return static_cast<std::int32_t>(std::max_element(logits.begin(), logits.end()) - logits.begin());
  order.resize(static_cast<std::size_t>(V));
  std::iota(order.begin(), order.end(), 0);
  int keep = V;
  if (options.topK > 0 && options.topK < V) {
    keep = options.topK;
    // Ties broken by index so the choice never depends on the sort implementation.
    std::partial_sort(order.begin(), order.begin() + keep, order.end(), [&](int a, int b) {
      return logits[static_cast<std::size_t>(a)] > logits[static_cast<std::size_t>(b)] ||
             (logits[static_cast<std::size_t>(a)] == logits[static_cast<std::size_t>(b)] && a < b);
    });
  }
  double maxLogit = -INFINITY;
  for (int i = 0; i < keep; ++i) maxLogit = std::max(maxLogit, static_cast<double>(logits[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])]));
  weights.resize(static_cast<std::size_t>(keep));
  double total = 0;
  for (int i = 0; i < keep; ++i) {
    const double z = (logits[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])] - maxLogit) / options.temperature;
    weights[static_cast<std::size_t>(i)] = std::exp(z);
    total += weights[static_cast<std::size_t>(i)];
  }
  double u = rng.uniform() * total;
  for (int i = 0; i < keep; ++i) {
    u -= weights[static_cast<std::size_t>(i)];
    if (u <= 0) return order[static_cast<std::size_t>(i)];
  }
  return order[static_cast<std::size_t>(keep - 1)];
}

}  // namespace

std::vector<std::int32_t> generateTokens(Gpt& model, std::vector<std::int32_t> prompt, const SampleOptions& options,
                                         Rng& rng, const std::function<void(std::int32_t)>& onToken) {
  if (prompt.empty()) throw std::invalid_argument("sampling needs a prompt of at least one token");
  const int context = model.config().context;
  std::vector<float> logits(static_cast<std::size_t>(model.config().vocab));
  std::vector<int> order;
  std::vector<double> weights;
  std::vector<std::int32_t> generated;
  for (int n = 0; n < options.tokens; ++n) {
    const std::size_t window = std::min<std::size_t>(prompt.size(), static_cast<std::size_t>(context));
    const std::span<const std::int32_t> input(prompt.data() + prompt.size() - window, window);
    model.forwardLogits(input, 1, static_cast<int>(window));
    model.logitsAt(0, static_cast<int>(window) - 1, logits);
    const std::int32_t next = pick(logits, options, rng, order, weights);
    prompt.push_back(next);
    generated.push_back(next);
    if (onToken) onToken(next);
  }
  return generated;
}

}  // namespace archi
