#pragma once
// Plots of long runs never silently drop what matters (issue 13): a series is reduced for
// drawing by keeping, in each of `buckets` equal stretches of x, its first, last, lowest and
// highest point (and its first NaN: a divergence must show), plus the series' own first and
// last point. Exports never go through this: they carry every point.

#include <span>
#include <vector>

namespace archi {

struct SeriesPoint {
  double x = 0.0;
  double y = 0.0;
};

// `points` ordered by x. Returns a subsequence of them (x order kept, no point twice) of at
// most 5 × buckets points; a series that is already that short comes back unchanged.
std::vector<SeriesPoint> downsampleMinMax(std::span<const SeriesPoint> points, int buckets);

}  // namespace archi
