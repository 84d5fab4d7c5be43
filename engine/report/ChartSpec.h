#pragma once
// A chart as data (issue 13, reports): what the HTML report draws as inline SVG and the PDF
// and the console's report view render from that same SVG. Lines over a numeric x axis, or
// bars (grouped or stacked) over categories; every axis title carries its unit.

#include <cstdint>
#include <string>
#include <vector>

#include "core/SeriesDownsampler.h"

namespace archi::report {

struct ChartSeries {
  std::string name;
  std::uint32_t rgb = 0x4E79A7;   // 0xRRGGBB
  // Bars only: take each category's colour instead of `rgb` (a datacenter's bar in its colour).
  bool category_colours = false;
  double opacity = 1.0;
  bool markers = false;            // lines: a dot at every point (sparse series such as validation)
  std::vector<SeriesPoint> points; // lines: (x, y) ordered by x; bars: y per category, x unused
};

struct ChartSpec {
  enum class Kind { Lines, GroupedBars, StackedBars };
  Kind kind = Kind::Lines;
  std::string title;
  std::string x_title;  // with its unit: "time since start (s)"
  std::string y_title;  // with its unit: "loss (nats/token)"
  std::vector<std::string> categories;        // bars: one group per category
  std::vector<std::uint32_t> category_rgb;    // bars: colour per category (series with category_colours)
  std::vector<ChartSeries> series;
  std::string note;     // shown in the chart's corner, e.g. what was thinned for drawing
};

// Every line series of more than `maxPoints` points reduced with downsampleMinMax (first, last,
// lowest, highest of each stretch) for drawing only, and the note saying so:
// "thinned for drawing: 2,000 of 85,000 points". Bars are never thinned.
ChartSpec thinForDrawing(ChartSpec chart, std::size_t maxPoints);

}  // namespace archi::report
