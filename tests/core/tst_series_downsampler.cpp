// Downsampling for plots keeps what an operator must see: the series' ends, every bucket's
// extremes (a one-step loss spike among a million steps), and NaNs; it never invents or
// reorders points and bounds what is drawn.

#include <QtTest>

#include <cmath>
#include <limits>

#include "core/SeriesDownsampler.h"

namespace {

std::vector<archi::SeriesPoint> ramp(std::size_t count) {
  std::vector<archi::SeriesPoint> points;
  for (std::size_t i = 0; i < count; ++i) points.push_back({double(i), 3.0 + std::sin(double(i) / 50.0)});
  return points;
}

bool contains(const std::vector<archi::SeriesPoint>& points, double x) {
  return std::any_of(points.begin(), points.end(), [x](const archi::SeriesPoint& p) { return p.x == x; });
}

}  // namespace

class SeriesDownsamplerTest : public QObject {
  Q_OBJECT

 private slots:
  void keepsWhatMatters_data();
  void keepsWhatMatters();
  void shortSeriesUnchanged();
};

void SeriesDownsamplerTest::keepsWhatMatters_data() {
  QTest::addColumn<int>("count");
  QTest::addColumn<int>("buckets");
  QTest::addColumn<int>("spikeAt");  // -1: none
  QTest::addColumn<int>("dipAt");
  QTest::addColumn<int>("nanAt");
  QTest::newRow("a million steps, one spike") << 1000000 << 800 << 654321 << -1 << -1;
  QTest::newRow("spike and dip in one bucket") << 100000 << 10 << 5001 << 5002 << -1;
  QTest::newRow("NaN (divergence)") << 50000 << 100 << -1 << -1 << 31337;
  QTest::newRow("spike on the first point") << 20000 << 50 << 0 << -1 << -1;
  QTest::newRow("one bucket") << 1000 << 1 << 400 << 600 << 700;
}

void SeriesDownsamplerTest::keepsWhatMatters() {
  QFETCH(int, count);
  QFETCH(int, buckets);
  QFETCH(int, spikeAt);
  QFETCH(int, dipAt);
  QFETCH(int, nanAt);
  std::vector<archi::SeriesPoint> points = ramp(std::size_t(count));
  if (spikeAt >= 0) points[std::size_t(spikeAt)].y = 50.0;
  if (dipAt >= 0) points[std::size_t(dipAt)].y = -50.0;
  if (nanAt >= 0) points[std::size_t(nanAt)].y = std::numeric_limits<double>::quiet_NaN();

  const std::vector<archi::SeriesPoint> drawn = archi::downsampleMinMax(points, buckets);
  QVERIFY(drawn.size() <= std::size_t(5 * buckets));
  QVERIFY(drawn.size() < points.size());
  QCOMPARE(drawn.front().x, points.front().x);
  QCOMPARE(drawn.back().x, points.back().x);
  for (std::size_t i = 1; i < drawn.size(); ++i) QVERIFY2(drawn[i - 1].x < drawn[i].x, "points reordered or repeated");
  for (const archi::SeriesPoint& p : drawn) {
    const archi::SeriesPoint& original = points[std::size_t(p.x)];
    QVERIFY(std::isnan(p.y) ? std::isnan(original.y) : p.y == original.y);  // only points of the series
  }
  if (spikeAt >= 0) QVERIFY(contains(drawn, spikeAt));
  if (dipAt >= 0) QVERIFY(contains(drawn, dipAt));
  if (nanAt >= 0) QVERIFY(contains(drawn, nanAt));
  // The drawn range of y equals the series' (NaN aside).
  double lowest = 1e300, highest = -1e300, drawnLowest = 1e300, drawnHighest = -1e300;
  for (const auto& p : points) {
    if (!std::isnan(p.y)) lowest = std::min(lowest, p.y), highest = std::max(highest, p.y);
  }
  for (const auto& p : drawn) {
    if (!std::isnan(p.y)) drawnLowest = std::min(drawnLowest, p.y), drawnHighest = std::max(drawnHighest, p.y);
  }
  QCOMPARE(drawnLowest, lowest);
  QCOMPARE(drawnHighest, highest);
}

void SeriesDownsamplerTest::shortSeriesUnchanged() {
  const std::vector<archi::SeriesPoint> points = ramp(40);
  const std::vector<archi::SeriesPoint> drawn = archi::downsampleMinMax(points, 8);
  QCOMPARE(drawn.size(), points.size());
  for (std::size_t i = 0; i < points.size(); ++i) QCOMPARE(drawn[i].y, points[i].y);
  QVERIFY(archi::downsampleMinMax({}, 8).empty());
}

QTEST_GUILESS_MAIN(SeriesDownsamplerTest)
#include "tst_series_downsampler.moc"
