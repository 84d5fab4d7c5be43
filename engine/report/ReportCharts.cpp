#include "report/ReportCharts.h"

#include "report/ReportPalette.h"

namespace archi::report {
namespace {

ChartSpec datacenterBars(const RunReport& report, ChartSpec::Kind kind, const std::vector<std::string>& ids) {
  ChartSpec chart;
  chart.kind = kind;
  for (const std::string& id : ids) {
    chart.categories.push_back(report.datacenterName(id));
    chart.category_rgb.push_back(datacenterRgb(report.colourIndex(id)));
  }
  return chart;
}

ChartSpec lossChart(const RunReport& report, const std::vector<ReportSeries>& curves, bool markers) {
  ChartSpec chart;
  chart.x_title = "time since start (s)";
  chart.y_title = "loss (nats/token)";
  for (const ReportSeries& curve : curves) {
    ChartSeries series;
    series.name = report.datacenterName(curve.datacenter_id);
    series.rgb = datacenterRgb(report.colourIndex(curve.datacenter_id));
    series.markers = markers;
    series.points = curve.points;
    chart.series.push_back(std::move(series));
  }
  return chart;
}

}  // namespace

ChartSpec throughputChart(const RunReport& report) {
  std::vector<std::string> ids;
  for (const DatacenterSummary& dc : report.summary.datacenters) ids.push_back(dc.id);
  ChartSpec chart = datacenterBars(report, ChartSpec::Kind::GroupedBars, ids);
  chart.title = "Throughput per datacenter: planned (faded) and measured";
  chart.y_title = "tokens/s";
  ChartSeries planned{"planned", 0x8A8F98, true, 0.35, false, {}};
  ChartSeries measured{"measured", 0x4E79A7, true, 1.0, false, {}};
  for (const DatacenterSummary& dc : report.summary.datacenters) {
    planned.points.push_back({0.0, dc.predicted_tokens_per_s.value_or(0.0)});
    measured.points.push_back({0.0, dc.tokens_per_s.value_or(0.0)});
  }
  chart.series = {std::move(planned), std::move(measured)};
  return chart;
}

ChartSpec trainingLossChart(const RunReport& report) {
  ChartSpec chart = lossChart(report, report.training_loss, false);
  chart.title = "Training loss per datacenter (mean over its workers at each step)";
  return chart;
}

ChartSpec validationLossChart(const RunReport& report) {
  ChartSpec chart = lossChart(report, report.validation_loss, true);
  chart.title = "Validation loss per datacenter";
  return chart;
}

ChartSpec breakdownChart(const RunReport& report) {
  std::vector<std::string> ids;
  for (const StepBreakdown& b : report.breakdown) ids.push_back(b.datacenter_id);
  ChartSpec chart = datacenterBars(report, ChartSpec::Kind::StackedBars, ids);
  chart.title = "Mean step time per datacenter";
  chart.y_title = "ms per step";
  ChartSeries compute{"compute", kComputeRgb, false, 1.0, false, {}};
  ChartSeries intra{"intra-datacenter all-reduce", kIntraRgb, false, 1.0, false, {}};
  ChartSeries wan{"WAN", kWanRgb, false, 1.0, false, {}};
  ChartSeries idle{"idle", kIdleRgb, false, 1.0, false, {}};
  for (const StepBreakdown& b : report.breakdown) {
    compute.points.push_back({0.0, b.compute_ms});
    intra.points.push_back({0.0, b.intra_ms});
    wan.points.push_back({0.0, b.wan_ms});
    idle.points.push_back({0.0, b.idle_ms});
  }
  chart.series = {std::move(compute), std::move(intra), std::move(wan), std::move(idle)};
  return chart;
}

ChartSpec wanBytesChart(const RunReport& report) {
  std::vector<std::string> ids;
  for (const DatacenterWan& w : report.wan) ids.push_back(w.datacenter_id);
  ChartSpec chart = datacenterBars(report, ChartSpec::Kind::GroupedBars, ids);
  chart.title = "Bytes each datacenter's leader put on the WAN (outer rounds)";
  chart.y_title = "MiB on the wire";
  ChartSeries bytes{"bytes on the wire", 0x4E79A7, true, 1.0, false, {}};
  for (const DatacenterWan& w : report.wan) bytes.points.push_back({0.0, static_cast<double>(w.bytes_on_wire) / (1024.0 * 1024.0)});
  chart.series = {std::move(bytes)};
  return chart;
}

ChartSpec linkThroughputChart(const RunReport& report) {
  ChartSpec chart;
  chart.title = "WAN throughput per link, as each sending leader measured it";
  chart.x_title = "time since start (s)";
  chart.y_title = "Mbit/s";
  for (const ReportLinkSeries& link : report.link_throughput) {
    ChartSeries series;
    series.name = link.link;
    series.rgb = datacenterRgb(report.colourIndex(link.from_datacenter_id));
    series.markers = link.points.size() < 60;
    series.points = link.points;
    chart.series.push_back(std::move(series));
  }
  return chart;
}

}  // namespace archi::report
