// WAN emulation of packet loss (LossyLinkShaper): what loss does to TCP — a round trip more
// for each lost segment, and throughput capped at the Mathis bound — and nothing at all
// without loss.

#include <QtTest>

#include <chrono>

#include "comm/wan/LinkShaper.h"

using namespace archi::wan;
using namespace std::chrono_literals;

class LinkShaperTest : public QObject {
  Q_OBJECT

 private slots:
  void noLossKeepsTheOneWayDelay() {
    LossyLinkShaper shaper(12.5e6, 64 * 1024.0, 25ms, 0.0, 2, 7);
    for (std::size_t bytes : {0u, 1u, 1448u, 65536u, 4u << 20}) QCOMPARE(shaper.frameDelay(bytes), Clock::duration(25ms));
    QVERIFY(std::isinf(LossyLinkShaper::lossLimitedBytesPerSecond(25ms, 0.0, 2)));
  }

  void lostSegmentsCostARoundTripEach_data() {
    QTest::addColumn<double>("loss");
    QTest::addColumn<int>("frameBytes");
    QTest::newRow("1% of 64 KiB frames") << 0.01 << 65536;
    QTest::newRow("0.1% of 1 MiB frames") << 0.001 << (1 << 20);
    QTest::newRow("5% of single segments") << 0.05 << 1448;
  }

  void lostSegmentsCostARoundTripEach() {
    QFETCH(double, loss);
    QFETCH(int, frameBytes);
    LossyLinkShaper shaper(12.5e6, 64 * 1024.0, 25ms, loss, 2, 11);
    const int frames = 4000;
    double extra_ms = 0.0;
    for (int i = 0; i < frames; ++i) {
      const Clock::duration delay = shaper.frameDelay(static_cast<std::size_t>(frameBytes));
      QVERIFY(delay >= Clock::duration(25ms));
      const auto beyond = delay - Clock::duration(25ms);
      QCOMPARE(beyond % Clock::duration(50ms), Clock::duration::zero());  // whole round trips only
      extra_ms += std::chrono::duration<double, std::milli>(beyond).count();
    }
    const double segments = std::ceil(frameBytes / LossyLinkShaper::kSegmentBytes);
    const double expected_ms = segments * loss * 50.0;
    // Binomial: the mean over 4000 frames lies within 4 standard errors of the expectation.
    const double standardError_ms = 50.0 * std::sqrt(segments * loss * (1 - loss) / frames);
    const double mean_ms = extra_ms / frames;
    QVERIFY2(std::abs(mean_ms - expected_ms) < 4 * standardError_ms + 1e-9,
             qPrintable(QString("mean extra delay %1 ms, expected %2 ms").arg(mean_ms).arg(expected_ms)));
  }

  void lossCapsThroughputAtTheMathisBound() {
    // 1.22 * 1448 / (0.05 s * sqrt(0.01)) per stream, two streams: 706,624 B/s (≈ 5.7 Mbit/s).
    const double bound = LossyLinkShaper::lossLimitedBytesPerSecond(25ms, 0.01, 2);
    QVERIFY(std::abs(bound - 2 * 1.22 * 1448 / (0.05 * 0.1)) < 1e-6);
    LossyLinkShaper lossy(12.5e6, 16384.0, 25ms, 0.01, 2, 3);
    TokenBucketShaper clean(12.5e6, 16384.0, 25ms);
    // Drain both buckets, then see what one second refills.
    const Clock::time_point start = Clock::now();
    lossy.consume(lossy.allowance(start));
    clean.consume(clean.allowance(start));
    // A full quantum comes back after bound-rate time on the lossy link, link-rate time on the clean one.
    const double lossy_s = std::chrono::duration<double>(lossy.nextAdmission(start) - start).count();
    const double clean_s = std::chrono::duration<double>(clean.nextAdmission(start) - start).count();
    QVERIFY2(std::abs(lossy_s - 16384.0 / bound) < 1e-3, qPrintable(QString::number(lossy_s)));
    QVERIFY2(std::abs(clean_s - 16384.0 / 12.5e6) < 1e-4, qPrintable(QString::number(clean_s)));
    QCOMPARE(lossy.allowance(start + 1s), std::size_t{16384});  // a second refills the burst, no more
  }
};

QTEST_GUILESS_MAIN(LinkShaperTest)
#include "LinkShaperTest.moc"
