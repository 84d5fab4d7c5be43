#pragma once
// What every benchmark reports: medians (the machines are shared and noisy).

#include <algorithm>
#include <vector>

namespace archi::cli {

inline double median(std::vector<double> values) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

}  // namespace archi::cli
