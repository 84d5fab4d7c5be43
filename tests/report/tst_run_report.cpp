// The run report (issue 13, item 11): its numbers are summarizeRun's and the hand-computed ones
// for a store written row by row; its HTML is self-contained, closed and escaped; a run with
// no steps says so; charts say when they were thinned for drawing.

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "common/ReportStore.h"
#include "report/ChartSpec.h"
#include "report/HtmlReport.h"
#include "report/ReportFormat.h"
#include "report/RunReport.h"
#include "report/SvgChart.h"

using namespace archi;

namespace {

int occurrences(const std::string& text, const std::string& what) {
  int n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

const ReportDevice& device(const RunReport& report, const std::string& id) {
  for (const ReportDevice& d : report.devices) {
    if (d.id == id) return d;
  }
  throw std::runtime_error("no device " + id);
}

}  // namespace

class RunReportTest : public QObject {
  Q_OBJECT

 private slots:
  void init() {
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
    store_ = std::make_unique<RunStore>(dir_->filePath("runs.db").toStdString());
    run_ = writeReportStore(*store_);
  }
  void cleanup() {
    store_.reset();
    dir_.reset();
  }

  void headlineFiguresAreSummarizeRuns() {
    const RunReport report = buildRunReport(*store_, run_.id);
    const RunSummary summary = summarizeRun(*store_, run_.id);
    QCOMPARE(report.summary.tokens, summary.tokens);
    QCOMPARE(report.summary.tokens, std::int64_t{3700});
    QCOMPARE(*report.summary.tokens_per_s, *summary.tokens_per_s);
    QCOMPARE(*report.summary.tokens_per_s, 370.0);  // 3,700 tokens over 10 s
    QCOMPARE(*report.summary.efficiency, *summary.efficiency);
    QCOMPARE(*report.summary.planner_error, *summary.planner_error);
    QCOMPARE(report.summary.datacenters.size(), summary.datacenters.size());
    for (std::size_t i = 0; i < summary.datacenters.size(); ++i) {
      QCOMPARE(report.summary.datacenters[i].tokens_per_s, summary.datacenters[i].tokens_per_s);
    }
  }

  void devicesAgainstPlan() {
    const RunReport report = buildRunReport(*store_, run_.id);
    QCOMPARE(report.devices.size(), std::size_t{3});
    QCOMPARE(report.emulated_devices, 3);
    const ReportDevice& a0 = device(report, "dc-a/bj-node/0");
    QCOMPARE(a0.node_id, std::string("bj-node"));
    QCOMPARE(a0.tokens, std::int64_t{1800});
    QCOMPARE(*a0.planned_tokens_per_s, 200.0);   // 300 tok/s × 2 of 3 sequences
    QCOMPARE(*a0.measured_tokens_per_s, 180.0);  // 1,800 tokens over the run's 10 s
    QCOMPARE(*a0.error, 180.0 / 200.0 - 1.0);
    QCOMPARE(*a0.standalone_tokens_per_s, 400.0);
    // The devices of a datacenter add up to summarizeRun's figure for it.
    const double dcA = *device(report, "dc-a/bj-node/0").measured_tokens_per_s + *device(report, "dc-a/bj-node/1").measured_tokens_per_s;
    QCOMPARE(dcA, *report.summary.datacenters[0].tokens_per_s);
    QCOMPARE(*device(report, "dc-b/gy-node/0").planned_tokens_per_s, 200.0);
  }

  void breakdownLossAndWan() {
    const RunReport report = buildRunReport(*store_, run_.id);
    QCOMPARE(report.step_rows, std::int64_t{8});
    QCOMPARE(report.breakdown.size(), std::size_t{2});
    const StepBreakdown& a = report.breakdown[0];
    QCOMPARE(a.datacenter_id, std::string("dc-a"));
    QCOMPARE(a.rows, std::int64_t{6});
    QCOMPARE(a.compute_ms, 80.0);  // (3 × 100 + 3 × 60) / 6
    QCOMPARE(a.intra_ms, 10.0);
    QCOMPARE(a.idle_ms, 20.0);
    QCOMPARE(report.breakdown[1].wan_ms, 50.0);

    QCOMPARE(report.training_loss.size(), std::size_t{2});
    QCOMPARE(report.training_loss[0].points.size(), std::size_t{3});
    QCOMPARE(report.training_loss[0].points[0].x, 3.0);   // seconds since the start
    QCOMPARE(report.training_loss[0].points[0].y, 4.25);  // mean of 4.0 and 4.5 at step 1
    QCOMPARE(report.validation_loss.size(), std::size_t{2});

    QCOMPARE(report.wan.size(), std::size_t{2});
    QCOMPARE(report.wan[0].bytes_on_wire, std::int64_t{1000});
    QCOMPARE(*report.wan[0].compression_ratio, 0.375);
    QCOMPARE(*report.wan[0].round_ms, 500.0);
    QVERIFY(std::abs(*report.compression_ratio - 1.0 / 3.0) < 1e-12);
  }

  void linksFaultsAndSettings() {
    const RunReport report = buildRunReport(*store_, run_.id);
    QVERIFY(report.links_emulated);
    QCOMPARE(report.link_samples, std::int64_t{3});
    QCOMPARE(report.links.size(), std::size_t{1});  // both directions belong to the one drawn link
    QCOMPARE(report.links[0].bytes, std::int64_t{2000});
    QVERIFY(std::abs(*report.links[0].mean_mbit_per_s - 230.0 / 3.0) < 1e-9);
    QCOMPARE(*report.links[0].mean_rtt_ms, 50.0);  // unmeasured (0) RTTs left out
    QCOMPARE(report.link_throughput.size(), std::size_t{2});

    QCOMPARE(report.faults.size(), std::size_t{2});
    QCOMPARE(report.faults[0].kind, std::string("outer-round-failed"));
    QCOMPARE(report.faults[0].at_s, 6.0);
    QCOMPARE(report.fault_cost_s, 4.0);  // 2.5 s + 1.5 s

    QCOMPARE(report.settings.inner_steps, 20);
    QCOMPARE(report.settings.outer_lr, 0.7);
    QCOMPARE(*report.settings.recommended_inner_steps, 25);
    QCOMPARE(*report.settings.parameters, std::int64_t{123456});
    QVERIFY(!report.software_version.empty());
    QCOMPARE(report.samples.size(), std::size_t{1});
    QCOMPARE(report.datacenter_order, (std::vector<std::string>{"dc-a", "dc-b"}));
  }

  void htmlIsSelfContainedClosedAndEscaped() {
    const RunReport report = buildRunReport(*store_, run_.id);
    const std::string html = report::renderHtmlReport(report, report::ChartMode::InlineSvg).html;
    const int svgs = occurrences(html, "<svg");
    QVERIFY(svgs >= 5);  // throughput, training and validation loss, step time, WAN bytes, link throughput
    QCOMPARE(occurrences(html, "</svg>"), svgs);
    QCOMPARE(occurrences(html, "<table"), occurrences(html, "</table>"));
    QCOMPARE(occurrences(html, "http"), 0);
    QCOMPARE(occurrences(html, "src="), 0);
    QCOMPARE(occurrences(html, "<script"), 0);
    QVERIFY(occurrences(html, "&lt;script&gt;") >= 2);  // the fault's reason and the sample
    QVERIFY(html.find("report &lt;b&gt;project&lt;/b&gt;") != std::string::npos);
    QVERIFY(html.find(report::formatPercent(*report.summary.efficiency)) != std::string::npos);  // "37.0%"
    QVERIFY(html.find(report::formatCount(report.summary.tokens)) != std::string::npos);        // "3,700"
    QVERIFY(html.find(report::formatSignedPercent(*report.summary.planner_error)) != std::string::npos);
    QVERIFY(html.find("emulated in user space") != std::string::npos);
    // Beijing is the project's first datacenter: the console's first datacenter colour.
    QVERIFY(html.find("#4E79A7") != std::string::npos);
  }

  void imageModeNamesEveryChart() {
    const RunReport report = buildRunReport(*store_, run_.id);
    const report::HtmlReport page = report::renderHtmlReport(report, report::ChartMode::ImageLinks);
    QCOMPARE(occurrences(page.html, "<svg"), 0);
    QCOMPARE(occurrences(page.html, "<img "), static_cast<int>(page.charts.size()));
    for (std::size_t i = 0; i < page.charts.size(); ++i) {
      QVERIFY(page.html.find(report::chartResourceName(i)) != std::string::npos);
      QVERIFY(page.charts[i].find("xmlns=") != std::string::npos);
    }
  }

  void runWithoutStepsSaysSo() {
    const RunReport report = buildRunReport(*store_, run_.emptyId);
    QCOMPARE(report.step_rows, std::int64_t{0});
    QVERIFY(!report.summary.tokens_per_s);
    QVERIFY(report.devices.empty());
    const std::string html = report::renderHtmlReport(report, report::ChartMode::InlineSvg).html;
    QVERIFY(html.find("No training steps are stored for this run") != std::string::npos);
    QVERIFY(html.find("No link samples stored") != std::string::npos);
    QVERIFY(html.find("no plan stored") != std::string::npos);
    QCOMPARE(occurrences(html, "<svg"), occurrences(html, "</svg>"));
    QVERIFY_THROWS_EXCEPTION(StoreError, buildRunReport(*store_, run_.emptyId + 100));
  }

  void thinnedChartsSaySo() {
    report::ChartSpec chart;
    chart.title = "loss";
    report::ChartSeries series;
    for (int i = 0; i < 10000; ++i) series.points.push_back({double(i), std::sin(i * 0.01)});
    chart.series.push_back(series);
    const report::ChartSpec drawn = report::thinForDrawing(chart, 1500);
    QVERIFY(drawn.series[0].points.size() <= 1500);
    QCOMPARE(drawn.series[0].points.front().x, 0.0);     // first and last kept
    QCOMPARE(drawn.series[0].points.back().x, 9999.0);
    QVERIFY(drawn.note.find("of 10,000 points") != std::string::npos);
    const std::string svg = report::renderSvg(drawn);
    QVERIFY(svg.find("thinned for drawing") != std::string::npos);
    QCOMPARE(occurrences(svg, "<polyline"), 1);
    // A short series is drawn whole and says nothing.
    chart.series[0].points.resize(100);
    QVERIFY(report::thinForDrawing(chart, 1500).note.empty());
  }

  void formats_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("rate");
    QTest::addColumn<QString>("duration");
    QTest::newRow("small") << 950.0 << "950 tok/s" << "950 ms";
    QTest::newRow("thousands") << 1234.0 << "1.2k tok/s" << "1.23 s";
    QTest::newRow("tens of thousands") << 312000.0 << "312k tok/s" << "5 min 12 s";
    QTest::newRow("millions") << 1.25e7 << "12.5M tok/s" << "3 h 28 min";
  }
  void formats() {
    QFETCH(double, value);
    QFETCH(QString, rate);
    QFETCH(QString, duration);
    QCOMPARE(QString::fromStdString(report::formatRate(value)), rate);
    QCOMPARE(QString::fromStdString(report::formatDuration(value)), duration);
    QCOMPARE(QString::fromStdString(report::formatCount(-1234567)), QStringLiteral("-1,234,567"));
    QCOMPARE(QString::fromStdString(report::formatSignedPercent(-0.26)), QStringLiteral("-26.0%"));
  }

 private:
  std::unique_ptr<QTemporaryDir> dir_;
  std::unique_ptr<RunStore> store_;
  ReportStoreRun run_;
};

QTEST_GUILESS_MAIN(RunReportTest)
#include "tst_run_report.moc"
