#include "report/HtmlReport.h"

#include <fmt/core.h>

#include <ctime>

#include "report/ChartSpec.h"
#include "report/Markup.h"
#include "report/ReportCharts.h"
#include "report/ReportFormat.h"
#include "report/ReportPalette.h"
#include "report/SvgChart.h"

namespace archi::report {
namespace {

// Only what both a browser and Qt's rich text understand: the PDF renders this same page. The
// page for Qt (the PDF and the console's view) is denser: an A4 column is narrower than a window.
std::string style(ChartMode mode) {
  const bool dense = mode == ChartMode::ImageLinks;
  return fmt::format(R"css(
body {{ font-family: sans-serif; font-size: {0}pt; color: #1A1D21; background: #FFFFFF; max-width: 1100px; margin: 16px; }}
h1 {{ font-size: {1}pt; margin-bottom: 2px; }}
h2 {{ font-size: {2}pt; margin-top: 16px; border-bottom: 1px solid #C8CCD2; }}
h3 {{ font-size: {0}pt; margin-top: 10px; }}
table {{ border-collapse: collapse; margin: 6px 0px; }}
th {{ background: #EEF0F3; text-align: left; padding: {3}; border: 1px solid #D5D9DE; font-size: {0}pt; }}
td {{ padding: {3}; border: 1px solid #D5D9DE; font-size: {0}pt; }}
.muted {{ color: #6A7079; }}
.note {{ color: #8A5A00; }}
.swatch {{ font-weight: bold; }}
pre {{ white-space: pre-wrap; font-family: monospace; font-size: {4}pt; background: #F6F7F9; padding: 4px; }}
)css",
                     dense ? 7.5 : 10.0, dense ? 14 : 17, dense ? 11 : 13, dense ? "1px 3px" : "3px 8px", dense ? 7.0 : 9.0);
}

std::string esc(const std::string& text) { return escapeMarkup(text); }

std::string utcTime(double unix_s) {
  const std::time_t t = static_cast<std::time_t>(unix_s);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return text;
}

std::string rgbText(std::uint32_t rgb) { return fmt::format("#{:06X}", rgb); }

class Page {
 public:
  Page(const RunReport& report, ChartMode mode) : report_(report), mode_(mode) {}

  void heading(int level, const std::string& text) { out_ += fmt::format("<h{0}>{1}</h{0}>\n", level, esc(text)); }
  void paragraph(const std::string& text, const char* cls = nullptr) {
    out_ += cls ? fmt::format("<p class=\"{}\">{}</p>\n", cls, esc(text)) : fmt::format("<p>{}</p>\n", esc(text));
  }
  // A table from already escaped cells; `numeric[c]` right-aligns column c.
  void table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
             const std::vector<bool>& numeric = {}) {
    out_ += "<table cellspacing=\"0\" cellpadding=\"3\">\n<tr>";
    for (const std::string& h : header) out_ += "<th>" + esc(h) + "</th>";
    out_ += "</tr>\n";
    for (const std::vector<std::string>& row : rows) {
      out_ += "<tr>";
      for (std::size_t c = 0; c < row.size(); ++c) {
        const bool right = c < numeric.size() && numeric[c];
        out_ += right ? "<td align=\"right\">" + row[c] + "</td>" : "<td>" + row[c] + "</td>";
      }
      out_ += "</tr>\n";
    }
    out_ += "</table>\n";
  }
  // Two columns: what, and its value (both plain text).
  void facts(const std::vector<std::pair<std::string, std::string>>& rows) {
    out_ += "<table cellspacing=\"0\" cellpadding=\"3\">\n";
    for (const auto& [what, value] : rows) out_ += "<tr><th>" + esc(what) + "</th><td>" + esc(value) + "</td></tr>\n";
    out_ += "</table>\n";
  }
  void chart(const ChartSpec& spec) {
    const ChartSpec drawn = thinForDrawing(spec, kMaxDrawnPoints);
    const std::string svg = renderSvg(drawn);
    if (mode_ == ChartMode::InlineSvg) {
      out_ += "<div>" + svg + "</div>\n";
      return;
    }
    const int height = kImageChartWidth * kChartHeight / kChartWidth;
    out_ += fmt::format("<p><img src=\"{}\" width=\"{}\" height=\"{}\"/></p>\n", chartResourceName(charts_.size()), kImageChartWidth,
                        height);
    charts_.push_back(asSvgDocument(svg));
  }
  // A datacenter's name after a square in its colour (the name says it, not the colour alone).
  std::string datacenter(const std::string& id) const {
    return fmt::format("<span class=\"swatch\" style=\"color: {}\">&#9632;</span> {}", rgbText(datacenterRgb(report_.colourIndex(id))),
                       esc(report_.datacenterName(id)));
  }
  void raw(const std::string& html) { out_ += html; }
  HtmlReport finish(const std::string& title) {
    HtmlReport result;
    result.html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>" + esc(title) + "</title>\n<style>" +
                  style(mode_) + "</style>\n</head>\n<body>\n" + out_ + "</body>\n</html>\n";
    result.charts = std::move(charts_);
    return result;
  }

 private:
  const RunReport& report_;
  ChartMode mode_;
  std::string out_;
  std::vector<std::string> charts_;
};

std::string optRate(const std::optional<double>& v, const char* unknown = "unknown") { return orUnknown(v, formatRate, unknown); }
std::string optPercent(const std::optional<double>& v, const char* unknown = "unknown") { return orUnknown(v, formatPercent, unknown); }
std::string optSigned(const std::optional<double>& v, const char* unknown = "unknown") { return orUnknown(v, formatSignedPercent, unknown); }

// "3 events costing 4.2 s", or how many there were when none reports a cost.
std::string faultSummary(const RunReport& r) {
  bool anyCost = false;
  for (const ReportFault& f : r.faults) anyCost = anyCost || f.cost_s.has_value();
  if (r.faults.empty()) return "none recorded";
  if (!anyCost) return fmt::format("{} events, none reporting a cost", r.faults.size());
  return fmt::format("{} events; those that report a cost add up to {}", r.faults.size(), formatDuration(r.fault_cost_s * 1000.0));
}

void writeOverview(Page& page, const RunReport& r) {
  const RunSummary& s = r.summary;
  const RunRecord& run = s.run;
  std::vector<std::pair<std::string, std::string>> rows = {
      {"Project", run.project_name},
      {"Run", fmt::format("{} (id {})", run.name, run.id)},
      {"State", toString(run.state)},
      {"Created", utcTime(run.created_at_s)},
  };
  if (run.started_at_s) rows.emplace_back("Started", utcTime(*run.started_at_s));
  if (run.ended_at_s) rows.emplace_back("Ended", utcTime(*run.ended_at_s));
  rows.emplace_back("Duration", s.duration_s ? formatDuration(*s.duration_s * 1000.0) : std::string("unknown"));
  rows.emplace_back("Software", "Archipelago " + r.software_version);
  const int devices = static_cast<int>(r.devices.size());
  rows.emplace_back("Devices", r.emulated_devices == 0 ? fmt::format("{} real", devices)
                               : r.emulated_devices == devices
                                   ? fmt::format("{} emulated (CPU compute paced to the catalog speed)", devices)
                                   : fmt::format("{} of {} emulated", r.emulated_devices, devices));
  rows.emplace_back("WAN links", r.links_emulated ? "emulated in user space (bandwidth, RTT and loss as drawn)" : "real network");
  page.facts(rows);
}

void writeFigures(Page& page, const RunReport& r) {
  const RunSummary& s = r.summary;
  page.heading(2, "Headline figures");
  if (s.tokens == 0) {
    page.paragraph("No training steps are stored for this run: it has not trained yet, or it ended before its first step. "
                   "Throughput, efficiency and loss are unknown.",
                   "note");
  }
  std::string finalLoss = "unknown";
  if (s.final_loss) finalLoss = formatFixed(*s.final_loss, 4) + (s.final_loss_is_validation ? " (validation)" : " (training)");
  page.facts({
      {"Tokens trained", formatCount(s.tokens)},
      {"Steps (highest any worker reached)", formatCount(s.steps)},
      {"Measured throughput", optRate(s.tokens_per_s)},
      {"Planned throughput", optRate(s.predicted_tokens_per_s, "no plan stored")},
      {"Ideal (sum of standalone device speeds)", optRate(s.ideal_tokens_per_s, "no plan stored")},
      {"Efficiency against the ideal", optPercent(s.efficiency)},
      {"Planned efficiency", optPercent(s.planned_efficiency, "no plan stored")},
      {"Planner error (measured against planned)", optSigned(s.planner_error)},
      {"Final loss", finalLoss},
      {"Outer rounds", formatCount(s.rounds)},
      {"WAN bytes (outer rounds, all leaders)", formatBytes(static_cast<double>(s.wan_bytes))},
      {"Compression achieved (mean ratio)", r.compression_ratio ? formatFixed(*r.compression_ratio, 3) : std::string("no outer rounds stored")},
      {"Faults and recoveries", faultSummary(r)},
  });
  if (s.dilated()) {
    const auto real = [&](std::optional<double> rate) { return rate ? std::optional<double>(*rate * s.dilation) : std::nullopt; };
    const std::string label = " — real-time equivalent (dilated ×" + formatFixed(s.dilation, 0) + ")";
    page.paragraph("Dilated rehearsal: devices emulated, and links, time boxes and timeouts scaled by the dilation factor. " +
                       s.dilation_derivation,
                   "note");
    page.facts({
        {"Duration" + label, s.duration_s ? formatDuration(*s.duration_s / s.dilation * 1000.0) : std::string("unknown")},
        {"Measured throughput" + label, optRate(real(s.tokens_per_s))},
        {"Planned throughput" + label, optRate(real(s.predicted_tokens_per_s), "no plan stored")},
    });
  }
}

void writeSettings(Page& page, const RunReport& r) {
  page.heading(2, "Settings");
  const ReportSettings& s = r.settings;
  if (!r.project) {
    page.paragraph("Settings unknown: " + r.topology_problem + ".", "note");
    return;
  }
  std::vector<std::pair<std::string, std::string>> rows = {
      {"Model", s.model + (s.parameters ? fmt::format(" ({} parameters)", formatCount(*s.parameters)) : std::string())},
      {"Corpus", s.corpus},
      {"Token budget", formatCount(s.token_budget)},
      {"Tokens per inner step (per datacenter)", formatCount(s.batch_tokens)},
      {"Synchronisation", s.sync + (s.recommended_sync.empty() ? std::string() : " (the planner recommends " + s.recommended_sync + ")")},
      {"WAN compression", s.compression},
      {"Inner steps per round (H)",
       fmt::format("{}", s.inner_steps) +
           (s.recommended_inner_steps ? fmt::format(" (the planner recommends {})", *s.recommended_inner_steps) : std::string())},
      {"Outer learning rate", fmt::format("{:g}", s.outer_lr)},
      {"Outer momentum", fmt::format("{:g}", s.outer_momentum)},
      {"Inner learning rate", fmt::format("{:g}", s.inner_lr)},
      {"Seed", fmt::format("{}", s.seed)},
  };
  if (s.round_ms) rows.emplace_back("Planned round time", formatDuration(*s.round_ms));
  if (s.comm_share) rows.emplace_back("Planned WAN share of a round", formatPercent(*s.comm_share));
  page.facts(rows);
}

void writeTopology(Page& page, const RunReport& r) {
  page.heading(2, "Topology as drawn");
  if (!r.project) {
    page.paragraph("Topology unknown: " + r.topology_problem + ".", "note");
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const Datacenter& dc : r.project->topology.datacenters) {
    for (const Node& node : dc.nodes) {
      std::string devices;
      for (const DeviceGroup& group : node.devices) {
        if (!devices.empty()) devices += ", ";
        devices += fmt::format("{} &#215;{}", esc(group.type), group.count);
        if (group.emulate) devices += " (emulated)";
        if (!group.enabled) devices += " (disabled)";
      }
      rows.push_back({page.datacenter(dc.id), esc(dc.region), esc(node.id), esc(node.host), devices,
                      esc(formatBandwidth(dc.fabric.gbit)) + " &#183; " + esc(formatFixed(dc.fabric.latency_us, 0)) + " &#181;s"});
    }
  }
  page.table({"Datacenter", "Region", "Node", "Host", "Devices", "Fabric"}, rows);
  std::vector<std::vector<std::string>> links;
  for (const WanLink& link : r.project->topology.links) {
    links.push_back({page.datacenter(link.a) + " &#8212; " + page.datacenter(link.b), esc(formatBandwidth(link.gbit)),
                     esc(formatFixed(link.rtt_ms, 1) + " ms"), esc(formatFixed(link.loss_pct, 2) + "%"),
                     r.links_emulated ? "emulated" : "real"});
  }
  if (links.empty()) {
    page.paragraph("No WAN links drawn (one datacenter).", "muted");
  } else {
    page.table({"WAN link", "Bandwidth", "RTT", "Loss", "Network"}, links, {false, true, true, true, false});
  }
}

void writePlanAgainstMeasured(Page& page, const RunReport& r) {
  page.heading(2, "Plan against measurement");
  if (!r.plan_stored) page.paragraph("No plan was stored with this run: planned figures and the planner's error are unknown.", "note");
  std::vector<std::vector<std::string>> rows;
  for (const DatacenterSummary& dc : r.summary.datacenters) {
    std::optional<double> error;
    if (dc.tokens_per_s && dc.predicted_tokens_per_s) error = *dc.tokens_per_s / *dc.predicted_tokens_per_s - 1.0;
    rows.push_back({page.datacenter(dc.id), fmt::format("{}", dc.workers), esc(formatCount(dc.tokens)), esc(optRate(dc.standalone_tokens_per_s, "-")),
                    esc(optRate(dc.predicted_tokens_per_s, "-")), esc(optRate(dc.tokens_per_s, "-")), esc(optSigned(error, "-")),
                    esc(dc.last_training_loss ? formatFixed(*dc.last_training_loss, 4) : "-"),
                    esc(dc.last_validation_loss ? formatFixed(*dc.last_validation_loss, 4) : "-")});
  }
  page.heading(3, "Per datacenter");
  page.table({"Datacenter", "Workers", "Tokens", "Standalone", "Planned", "Measured", "Error", "Last training loss", "Last validation loss"},
             rows, {false, true, true, true, true, true, true, true, true});
  page.chart(throughputChart(r));
  page.heading(3, "Per device (worker)");
  std::vector<std::vector<std::string>> devices;
  for (const ReportDevice& d : r.devices) {
    std::string type = esc(d.type);
    if (d.emulated) type += " (emulated)";
    if (d.excluded) type += " (left out by the plan)";
    devices.push_back({esc(d.id), page.datacenter(d.datacenter_id), type, fmt::format("{}", d.planned_sequences), esc(formatCount(d.steps)),
                       esc(formatCount(d.tokens)), esc(optRate(d.standalone_tokens_per_s, "-")), esc(optRate(d.planned_tokens_per_s, "-")),
                       esc(optRate(d.measured_tokens_per_s, "-")), esc(optSigned(d.error, "-"))});
  }
  page.table({"Device", "Datacenter", "Type", "Sequences/step", "Steps", "Tokens", "Standalone", "Planned", "Measured", "Error"}, devices,
             {false, false, false, true, true, true, true, true, true, true});
  page.paragraph("Planned: the datacenter's predicted rate in proportion to the sequences the device was given. "
                 "Measured: its tokens over the run's span, as the headline throughput is computed.",
                 "muted");
}

void writeLoss(Page& page, const RunReport& r) {
  page.heading(2, "Loss");
  if (r.step_rows == 0) {
    page.paragraph("No training steps stored: no loss curve to draw.", "note");
  } else {
    page.chart(trainingLossChart(r));
  }
  if (r.validation_loss.empty()) {
    page.paragraph("No validation loss stored for this run.", "muted");
  } else {
    page.chart(validationLossChart(r));
  }
}

void writeBreakdown(Page& page, const RunReport& r) {
  page.heading(2, "Step time breakdown");
  if (r.breakdown.empty()) {
    page.paragraph("No training steps stored: no step times to break down.", "note");
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const StepBreakdown& b : r.breakdown) {
    const double total = b.compute_ms + b.intra_ms + b.wan_ms + b.idle_ms;
    rows.push_back({page.datacenter(b.datacenter_id), esc(formatCount(b.rows)), esc(formatDuration(b.compute_ms)), esc(formatDuration(b.intra_ms)),
                    esc(formatDuration(b.wan_ms)), esc(formatDuration(b.idle_ms)), esc(formatDuration(total)),
                    esc(total > 0.0 ? formatPercent(b.compute_ms / total) : "-")});
  }
  page.table({"Datacenter", "Step rows", "Compute", "Intra-DC all-reduce", "WAN", "Idle", "Step", "Compute share"}, rows,
             {false, true, true, true, true, true, true, true});
  page.chart(breakdownChart(r));
}

void writeWan(Page& page, const RunReport& r) {
  page.heading(2, "WAN traffic and compression");
  if (r.wan.empty()) {
    page.paragraph("No outer rounds stored for this run.", "muted");
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const DatacenterWan& w : r.wan) {
      rows.push_back({page.datacenter(w.datacenter_id), esc(formatCount(w.rounds)), esc(formatBytes(static_cast<double>(w.bytes_on_wire))),
                      esc(w.compression_ratio ? formatFixed(*w.compression_ratio, 3) : "-"),
                      esc(w.round_ms ? formatDuration(*w.round_ms) : "-")});
    }
    page.table({"Datacenter (leader)", "Outer rounds", "Bytes on the wire", "Compression ratio", "Mean round"}, rows,
               {false, true, true, true, true});
    page.chart(wanBytesChart(r));
  }
  page.heading(3, "Per link");
  if (r.link_samples == 0) {
    page.paragraph("No link samples stored for this run: per-link traffic was not recorded.", "note");
  }
  std::vector<std::vector<std::string>> links;
  for (const ReportLink& link : r.links) {
    links.push_back({page.datacenter(link.drawn.a) + " &#8212; " + page.datacenter(link.drawn.b),
                     esc(link.drawn.gbit > 0.0 ? formatBandwidth(link.drawn.gbit) : "not drawn"), esc(link.emulated ? "emulated" : "real"),
                     esc(formatCount(link.samples)), esc(link.samples > 0 ? formatBytes(static_cast<double>(link.bytes)) : "-"),
                     esc(link.mean_mbit_per_s ? formatFixed(*link.mean_mbit_per_s, 1) + " Mbit/s" : "-"),
                     esc(link.mean_rtt_ms ? formatFixed(*link.mean_rtt_ms, 1) + " ms" : "-")});
  }
  if (!links.empty()) {
    page.table({"Link", "Drawn bandwidth", "Network", "Samples", "Bytes", "Mean throughput", "Mean RTT"}, links,
               {false, true, false, true, true, true, true});
  }
  if (r.link_samples > 0) page.chart(linkThroughputChart(r));
}

void writeFaults(Page& page, const RunReport& r) {
  page.heading(2, "Faults and their cost");
  if (r.faults.empty()) {
    page.paragraph("No faults or recoveries recorded.", "muted");
    return;
  }
  page.paragraph(faultSummary(r) + ".");
  std::vector<std::vector<std::string>> rows;
  for (const ReportFault& f : r.faults) {
    rows.push_back({esc(formatFixed(f.at_s, 1) + " s"), esc(f.level), esc(f.kind), esc(f.source),
                    esc(f.cost_s ? formatFixed(*f.cost_s, 2) + " s" : "-"), esc(f.text)});
  }
  page.table({"At", "Level", "Kind", "Source", "Cost", "What happened"}, rows, {true, false, false, false, true, false});
}

void writeSamples(Page& page, const RunReport& r) {
  page.heading(2, "Samples");
  if (r.samples.empty()) {
    page.paragraph("No samples stored for this run.", "muted");
    return;
  }
  for (const SampleRecord& sample : r.samples) {
    page.raw(fmt::format("<h3>Step {}</h3>\n<p class=\"muted\">Prompt: {}</p>\n<pre>{}</pre>\n", formatCount(sample.step),
                         sample.prompt.empty() ? std::string("(none: generated from an empty prompt)") : esc(sample.prompt),
                         esc(sample.text)));
  }
}

}  // namespace

std::string chartResourceName(std::size_t index) { return fmt::format("chart-{}.svg", index); }

HtmlReport renderHtmlReport(const RunReport& report, ChartMode mode) {
  Page page(report, mode);
  const std::string title = "Run report: " + report.summary.run.name;
  page.heading(1, title);
  writeOverview(page, report);
  writeFigures(page, report);
  writeSettings(page, report);
  writeTopology(page, report);
  writePlanAgainstMeasured(page, report);
  writeLoss(page, report);
  writeBreakdown(page, report);
  writeWan(page, report);
  writeFaults(page, report);
  writeSamples(page, report);
  page.paragraph(fmt::format("{} step rows, {} events, {} link samples stored. Charts are thinned for drawing where they say so; "
                             "archi report --csv exports every stored point.",
                             formatCount(report.step_rows), formatCount(report.events), formatCount(report.link_samples)),
                 "muted");
  return page.finish(title);
}

}  // namespace archi::report
