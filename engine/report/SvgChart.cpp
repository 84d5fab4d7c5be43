#include "report/SvgChart.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "report/Markup.h"

namespace archi::report {
namespace {

constexpr int kLeft = 70;       // room for the y tick labels and the y title
constexpr int kRight = 16;
constexpr int kTop = 34;        // the title
constexpr int kAxisBelow = 40;  // x tick labels and the x title
constexpr int kLegendRow = 18;
constexpr double kCharWidth = 6.6;  // average width of a 11 px sans-serif character

std::string colour(std::uint32_t rgb) { return fmt::format("#{:06X}", rgb & 0xFFFFFFu); }

// 1, 2 or 5 times a power of ten, so that about `count` steps span [low, high].
double niceStep(double low, double high, int count) {
  const double raw = (high - low) / count;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double fraction = raw / magnitude;
  const double nice = fraction <= 1.0 ? 1.0 : fraction <= 2.0 ? 2.0 : fraction <= 5.0 ? 5.0 : 10.0;
  return nice * magnitude;
}

// Tick text: short, with k / M / G once the step is that large ("250k", "1.5M").
std::string tickLabel(double value, double step) {
  if (std::abs(value) < step * 1e-9) return "0";
  const double magnitude = std::abs(step);
  if (magnitude >= 1e9) return fmt::format("{:g}G", value / 1e9);
  if (magnitude >= 1e6) return fmt::format("{:g}M", value / 1e6);
  if (magnitude >= 1e3) return fmt::format("{:g}k", value / 1e3);
  return fmt::format("{:g}", value);
}

struct Axis {
  double low = 0.0;
  double high = 1.0;
  double step = 0.25;
};

Axis niceAxis(double low, double high, bool fromZero) {
  if (!std::isfinite(low) || !std::isfinite(high)) return {};
  if (fromZero) low = std::min(low, 0.0), high = std::max(high, 0.0);
  if (high - low <= std::abs(high) * 1e-12) {
    const double pad = std::abs(high) > 0.0 ? std::abs(high) * 0.1 : 1.0;
    low = fromZero && low >= 0.0 ? 0.0 : low - pad;
    high += pad;
  }
  Axis axis;
  axis.step = niceStep(low, high, 5);
  axis.low = std::floor(low / axis.step) * axis.step;
  axis.high = std::ceil(high / axis.step) * axis.step;
  return axis;
}

class Canvas {
 public:
  Canvas(int width, int height) : width_(width), height_(height) {
    out_ = fmt::format(
        R"(<svg version="1.2" baseProfile="tiny" width="{0}" height="{1}" viewBox="0 0 {0} {1}">)"
        "\n<rect x=\"0\" y=\"0\" width=\"{0}\" height=\"{1}\" fill=\"#FFFFFF\"/>\n",
        width, height);
  }
  void text(double x, double y, const std::string& content, const char* anchor = "start", int size = 11,
            const char* fill = "#333333", const char* weight = "normal", double rotate = 0.0) {
    std::string transform;
    if (rotate != 0.0) transform = fmt::format(R"svg( transform="rotate({:g} {:.1f} {:.1f})")svg", rotate, x, y);
    out_ += fmt::format(
        R"(<text x="{:.1f}" y="{:.1f}" font-family="sans-serif" font-size="{}" font-weight="{}" fill="{}" text-anchor="{}"{}>{}</text>)"
        "\n",
        x, y, size, weight, fill, anchor, transform, escapeMarkup(content));
  }
  void line(double x1, double y1, double x2, double y2, const char* stroke, double width = 1.0) {
    out_ += fmt::format(R"(<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" stroke="{}" stroke-width="{:g}"/>)" "\n", x1, y1,
                        x2, y2, stroke, width);
  }
  void rect(double x, double y, double w, double h, const std::string& fill, double opacity = 1.0) {
    out_ += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}" fill-opacity="{:g}"/>)" "\n", x, y,
                        std::max(w, 0.0), std::max(h, 0.0), fill, opacity);
  }
  void circle(double x, double y, double r, const std::string& fill) {
    out_ += fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="{:g}" fill="{}"/>)" "\n", x, y, r, fill);
  }
  void polyline(const std::vector<std::pair<double, double>>& points, const std::string& stroke, double opacity) {
    if (points.size() < 2) return;
    std::string coordinates;
    for (const auto& [x, y] : points) coordinates += fmt::format("{:.1f},{:.1f} ", x, y);
    out_ += fmt::format(
        R"(<polyline points="{}" fill="none" stroke="{}" stroke-opacity="{:g}" stroke-width="1.6" stroke-linejoin="round"/>)" "\n",
        coordinates, stroke, opacity);
  }
  std::string finish() { return out_ + "</svg>\n"; }
  int width() const { return width_; }
  int height() const { return height_; }

 private:
  int width_;
  int height_;
  std::string out_;
};

struct PlotArea {
  double left, top, right, bottom;
  double width() const { return right - left; }
  double height() const { return bottom - top; }
};

// Legend entries left to right, wrapping; returns the rows it needs for `width`.
int legendRows(const ChartSpec& chart, double width) {
  int rows = chart.series.empty() ? 0 : 1;
  double x = 0.0;
  for (const ChartSeries& s : chart.series) {
    const double item = 18.0 + kCharWidth * static_cast<double>(s.name.size()) + 14.0;
    if (x > 0.0 && x + item > width) ++rows, x = 0.0;
    x += item;
  }
  return rows;
}

void drawLegend(Canvas& canvas, const ChartSpec& chart, double left, double top, double width) {
  double x = 0.0;
  double y = top;
  for (const ChartSeries& s : chart.series) {
    const double item = 18.0 + kCharWidth * static_cast<double>(s.name.size()) + 14.0;
    if (x > 0.0 && x + item > width) y += kLegendRow, x = 0.0;
    const std::uint32_t rgb = s.category_colours && !chart.category_rgb.empty() ? 0x8A8F98 : s.rgb;
    canvas.rect(left + x, y - 9, 12, 10, colour(rgb), s.opacity);
    canvas.text(left + x + 16, y, s.name);
    x += item;
  }
}

void drawYAxis(Canvas& canvas, const PlotArea& area, const Axis& axis, const std::string& title) {
  for (double v = axis.low; v <= axis.high + axis.step * 1e-6; v += axis.step) {
    const double y = area.bottom - (v - axis.low) / (axis.high - axis.low) * area.height();
    canvas.line(area.left, y, area.right, y, "#E4E6EA");
    canvas.text(area.left - 6, y + 4, tickLabel(v, axis.step), "end", 10, "#555555");
  }
  canvas.text(14, area.top + area.height() / 2, title, "middle", 11, "#333333", "normal", -90.0);
}

void drawLines(Canvas& canvas, const ChartSpec& chart, const PlotArea& area) {
  double xLow = std::numeric_limits<double>::infinity(), xHigh = -xLow, yLow = xLow, yHigh = -xLow;
  for (const ChartSeries& s : chart.series) {
    for (const SeriesPoint& p : s.points) {
      if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
      xLow = std::min(xLow, p.x), xHigh = std::max(xHigh, p.x);
      yLow = std::min(yLow, p.y), yHigh = std::max(yHigh, p.y);
    }
  }
  const Axis xAxis = niceAxis(xLow, xHigh, true);
  const Axis yAxis = niceAxis(yLow, yHigh, false);
  drawYAxis(canvas, area, yAxis, chart.y_title);
  for (double v = xAxis.low; v <= xAxis.high + xAxis.step * 1e-6; v += xAxis.step) {
    const double x = area.left + (v - xAxis.low) / (xAxis.high - xAxis.low) * area.width();
    canvas.line(x, area.bottom, x, area.bottom + 4, "#888888");
    canvas.text(x, area.bottom + 16, tickLabel(v, xAxis.step), "middle", 10, "#555555");
  }
  const auto toCanvas = [&](const SeriesPoint& p) {
    return std::make_pair(area.left + (p.x - xAxis.low) / (xAxis.high - xAxis.low) * area.width(),
                          area.bottom - (p.y - yAxis.low) / (yAxis.high - yAxis.low) * area.height());
  };
  for (const ChartSeries& s : chart.series) {
    // A NaN (a diverged loss) breaks the line rather than being joined over.
    std::vector<std::pair<double, double>> run;
    for (const SeriesPoint& p : s.points) {
      if (!std::isfinite(p.x) || !std::isfinite(p.y)) {
        canvas.polyline(run, colour(s.rgb), s.opacity);
        run.clear();
        continue;
      }
      run.push_back(toCanvas(p));
    }
    canvas.polyline(run, colour(s.rgb), s.opacity);
    if (s.markers || s.points.size() == 1) {
      for (const SeriesPoint& p : s.points) {
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
        const auto [x, y] = toCanvas(p);
        canvas.circle(x, y, 2.6, colour(s.rgb));
      }
    }
  }
}

void drawBars(Canvas& canvas, const ChartSpec& chart, const PlotArea& area) {
  const bool stacked = chart.kind == ChartSpec::Kind::StackedBars;
  const std::size_t categories = chart.categories.size();
  double high = 0.0;
  for (std::size_t c = 0; c < categories; ++c) {
    double total = 0.0;
    for (const ChartSeries& s : chart.series) {
      const double v = c < s.points.size() && std::isfinite(s.points[c].y) ? std::max(s.points[c].y, 0.0) : 0.0;
      total = stacked ? total + v : std::max(total, v);
    }
    high = std::max(high, total);
  }
  const Axis axis = niceAxis(0.0, high, true);
  drawYAxis(canvas, area, axis, chart.y_title);
  const double slot = area.width() / static_cast<double>(std::max<std::size_t>(categories, 1));
  const double group = slot * 0.7;
  const std::size_t seriesCount = std::max<std::size_t>(chart.series.size(), 1);
  const auto yOf = [&](double v) { return area.bottom - (v - axis.low) / (axis.high - axis.low) * area.height(); };
  for (std::size_t c = 0; c < categories; ++c) {
    const double groupLeft = area.left + slot * static_cast<double>(c) + (slot - group) / 2.0;
    double base = 0.0;
    for (std::size_t i = 0; i < chart.series.size(); ++i) {
      const ChartSeries& s = chart.series[i];
      const double v = c < s.points.size() && std::isfinite(s.points[c].y) ? std::max(s.points[c].y, 0.0) : 0.0;
      const std::uint32_t rgb = s.category_colours && c < chart.category_rgb.size() ? chart.category_rgb[c] : s.rgb;
      if (stacked) {
        canvas.rect(groupLeft, yOf(base + v), group, yOf(base) - yOf(base + v), colour(rgb), s.opacity);
        base += v;
      } else {
        const double w = group / static_cast<double>(seriesCount);
        canvas.rect(groupLeft + w * static_cast<double>(i), yOf(v), w - 1.0, yOf(0.0) - yOf(v), colour(rgb), s.opacity);
      }
    }
    canvas.text(area.left + slot * (static_cast<double>(c) + 0.5), area.bottom + 16, chart.categories[c], "middle", 10, "#333333");
  }
}

bool hasData(const ChartSpec& chart) {
  for (const ChartSeries& s : chart.series) {
    for (const SeriesPoint& p : s.points) {
      if (std::isfinite(p.y)) return true;
    }
  }
  return false;
}

}  // namespace

std::string renderSvg(const ChartSpec& chart, int width, int height) {
  Canvas canvas(width, height);
  canvas.text(kLeft, 20, chart.title, "start", 13, "#1A1D21", "bold");
  if (!chart.note.empty()) canvas.text(width - kRight, 20, chart.note, "end", 10, "#8A5A00");
  const double legendWidth = width - kLeft - kRight;
  const int rows = legendRows(chart, legendWidth);
  PlotArea area{kLeft, kTop, static_cast<double>(width - kRight), static_cast<double>(height - kAxisBelow - rows * kLegendRow)};
  if (!hasData(chart)) {
    canvas.text(area.left + area.width() / 2, area.top + area.height() / 2, "no data stored", "middle", 12, "#8A8F98");
  } else if (chart.kind == ChartSpec::Kind::Lines) {
    drawLines(canvas, chart, area);
  } else {
    drawBars(canvas, chart, area);
  }
  canvas.line(area.left, area.bottom, area.right, area.bottom, "#888888");
  canvas.line(area.left, area.top, area.left, area.bottom, "#888888");
  if (chart.kind == ChartSpec::Kind::Lines) {
    canvas.text(area.left + area.width() / 2, area.bottom + 32, chart.x_title, "middle", 11, "#333333");
  }
  drawLegend(canvas, chart, kLeft, area.bottom + kAxisBelow + 4, legendWidth);
  return canvas.finish();
}

std::string asSvgDocument(const std::string& inlineSvg) {
  const std::string open = "<svg ";
  if (inlineSvg.compare(0, open.size(), open) != 0) return inlineSvg;
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" " + inlineSvg.substr(open.size());
}

}  // namespace archi::report
