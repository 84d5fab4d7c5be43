#include "report/ChartSpec.h"

#include <fmt/core.h>

#include <algorithm>

#include "report/ReportFormat.h"

namespace archi::report {

ChartSpec thinForDrawing(ChartSpec chart, std::size_t maxPoints) {
  if (chart.kind != ChartSpec::Kind::Lines) return chart;
  // downsampleMinMax keeps at most 5 points per bucket (first, last, min, max, first NaN).
  const int buckets = std::max(1, static_cast<int>(maxPoints / 5));
  std::size_t before = 0;
  std::size_t after = 0;
  for (ChartSeries& series : chart.series) {
    before += series.points.size();
    if (series.points.size() > maxPoints) series.points = downsampleMinMax(series.points, buckets);
    after += series.points.size();
  }
  if (after < before) {
    const std::string thinned = fmt::format("thinned for drawing: {} of {} points", formatCount(static_cast<std::int64_t>(after)),
                                            formatCount(static_cast<std::int64_t>(before)));
    chart.note = chart.note.empty() ? thinned : chart.note + "; " + thinned;
  }
  return chart;
}

}  // namespace archi::report
