// The network model shared by the planner and the WAN emulation: streams per link and the
// loss-limited (Mathis et al.) throughput, against figures worked out by hand.

#include <QtTest>

#include <cmath>
#include <limits>

#include "core/NetworkModel.h"

class NetworkModelTest : public QObject {
  Q_OBJECT

 private slots:
  void streamsForLink_data() {
    QTest::addColumn<double>("gbit");
    QTest::addColumn<double>("rtt_ms");
    QTest::addColumn<double>("window_bytes");
    QTest::addColumn<int>("streams");
    const double window = archi::kStreamWindowBytes;
    // bandwidth-delay product = gbit · 1e9 / 8 · rtt_ms / 1e3 bytes; one stream per window of it.
    QTest::newRow("625 kB in flight: the minimum") << 0.1 << 50.0 << window << 2;
    QTest::newRow("6.25 MB: 2.98 windows") << 1.0 << 50.0 << window << 3;
    QTest::newRow("12.5 MB: 5.96 windows") << 1.0 << 100.0 << window << 6;
    QTest::newRow("125 MB: capped at 16") << 10.0 << 100.0 << window << 16;
    QTest::newRow("6.25 MB in 1 MiB windows") << 1.0 << 50.0 << 1024.0 * 1024 << 6;
    QTest::newRow("no bandwidth") << 0.0 << 50.0 << window << 2;
    QTest::newRow("no delay") << 1.0 << 0.0 << window << 2;
    QTest::newRow("infinite bandwidth") << std::numeric_limits<double>::infinity() << 50.0 << window << 2;
  }
  void streamsForLink() {
    QFETCH(double, gbit);
    QFETCH(double, rtt_ms);
    QFETCH(double, window_bytes);
    QFETCH(int, streams);
    QCOMPARE(archi::streamsForLink(gbit, rtt_ms, window_bytes), streams);
  }

  void lossLimited_data() {
    QTest::addColumn<double>("rtt_ms");
    QTest::addColumn<double>("loss_pct");
    QTest::addColumn<int>("streams");
    QTest::addColumn<double>("bytes_per_s");
    // streams · 1.22 · 1448 / (rtt_s · √(loss_pct / 100))
    QTest::newRow("50 ms, 1 %, 2 streams") << 50.0 << 1.0 << 2 << 706624.0;        // 3533.12 / 0.005
    QTest::newRow("100 ms, 0.01 %, 4 streams") << 100.0 << 0.01 << 4 << 7066240.0;  // 7066.24 / 0.001
    QTest::newRow("20 ms, 4 %, 0 streams count as 1") << 20.0 << 4.0 << 0 << 441640.0;  // 1766.56 / 0.004
    QTest::newRow("no loss: unbounded") << 50.0 << 0.0 << 2 << std::numeric_limits<double>::infinity();
    QTest::newRow("no delay: unbounded") << 0.0 << 1.0 << 2 << std::numeric_limits<double>::infinity();
  }
  void lossLimited() {
    QFETCH(double, rtt_ms);
    QFETCH(double, loss_pct);
    QFETCH(int, streams);
    QFETCH(double, bytes_per_s);
    const double emulated = archi::lossLimitedBytesPerSecond(rtt_ms / 1e3, loss_pct / 100.0, streams);
    const double planned_gbit = archi::lossLimitedGbit(rtt_ms, loss_pct, streams);
    if (std::isinf(bytes_per_s)) {
      QVERIFY(std::isinf(emulated));
      QVERIFY(std::isinf(planned_gbit));
      return;
    }
    // Relative tolerance 1e-12: the hand figures are exact decimals, the formula a few roundings.
    QVERIFY2(std::abs(emulated - bytes_per_s) <= 1e-12 * bytes_per_s, qPrintable(QString::number(emulated, 'g', 17)));
    const double expected_gbit = bytes_per_s * 8.0 / 1e9;
    QVERIFY2(std::abs(planned_gbit - expected_gbit) <= 1e-12 * expected_gbit,
             qPrintable(QString::number(planned_gbit, 'g', 17)));
  }
};

QTEST_GUILESS_MAIN(NetworkModelTest)
#include "tst_network_model.moc"
