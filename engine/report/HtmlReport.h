#pragma once
// A run's report as one self-contained HTML file (issue 13): inline CSS, charts as inline
// <svg>, no external reference, every stored text escaped. The PDF and the console's report
// view use the same HTML with the charts as images (Qt's rich text has no inline SVG).

#include <string>
#include <vector>

#include "report/RunReport.h"

namespace archi::report {

enum class ChartMode {
  InlineSvg,   // <svg> elements in the page: the HTML file
  ImageLinks,  // <img src="chart-N.svg">: the caller renders `charts[N]` under that name
};

struct HtmlReport {
  std::string html;
  std::vector<std::string> charts;  // ImageLinks: standalone SVG documents, by N
};

inline constexpr int kImageChartWidth = 640;  // <img> width in ImageLinks mode (fits an A4 page)

HtmlReport renderHtmlReport(const RunReport& report, ChartMode mode);

// The resource name of chart `index` in ImageLinks mode.
std::string chartResourceName(std::size_t index);

}  // namespace archi::report
