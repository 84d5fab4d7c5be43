#include "core/SeriesDownsampler.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>

namespace archi {
namespace {

struct Bucket {
  std::optional<std::size_t> first, last, lowest, highest, firstNan;
};

}  // namespace

std::vector<SeriesPoint> downsampleMinMax(std::span<const SeriesPoint> points, int buckets) {
  buckets = std::max(buckets, 1);
  if (points.size() <= static_cast<std::size_t>(5 * buckets)) return {points.begin(), points.end()};
  const double x0 = points.front().x;
  const double span = points.back().x - x0;
  std::vector<Bucket> stretch(static_cast<std::size_t>(buckets));
  for (std::size_t i = 0; i < points.size(); ++i) {
    const double position = span > 0.0 ? (points[i].x - x0) / span * buckets : 0.0;
    const auto index = static_cast<std::size_t>(std::clamp(position, 0.0, double(buckets - 1)));
    Bucket& b = stretch[index];
    if (!b.first) b.first = i;
    b.last = i;
    const double y = points[i].y;
    if (std::isnan(y)) {
      if (!b.firstNan) b.firstNan = i;
      continue;
    }
    if (!b.lowest || y < points[*b.lowest].y) b.lowest = i;
    if (!b.highest || y > points[*b.highest].y) b.highest = i;
  }
  std::vector<std::size_t> kept{0, points.size() - 1};
  for (const Bucket& b : stretch) {
    for (const auto& index : {b.first, b.last, b.lowest, b.highest, b.firstNan}) {
      if (index) kept.push_back(*index);
    }
  }
  std::sort(kept.begin(), kept.end());
  kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
  std::vector<SeriesPoint> out;
  out.reserve(kept.size());
  for (std::size_t index : kept) out.push_back(points[index]);
  return out;
}

}  // namespace archi
