#pragma once
// A ChartSpec drawn as one self-contained <svg> element (SVG Tiny 1.2 features only, so that
// Qt's QSvgRenderer draws the same picture for the PDF as a browser does for the HTML).

#include <string>

#include "report/ChartSpec.h"

namespace archi::report {

inline constexpr int kChartWidth = 720;
inline constexpr int kChartHeight = 300;

// Draws `chart` as given (thin it first with thinForDrawing). Every text is escaped.
// The element carries no namespace: HTML puts an inline <svg> into the SVG namespace itself,
// and the report stays free of any "http" text.
std::string renderSvg(const ChartSpec& chart, int width = kChartWidth, int height = kChartHeight);

// The same drawing as a standalone SVG file (XML declaration and namespace), for an SVG
// renderer outside a browser (the PDF's QSvgRenderer).
std::string asSvgDocument(const std::string& inlineSvg);

}  // namespace archi::report
