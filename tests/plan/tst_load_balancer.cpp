// Speed-proportional shares: exact totals, largest-remainder rounding, memory caps, and the
// drift test that triggers re-balancing.

#include <QtTest>

#include <cmath>
#include <numeric>
#include <random>

#include "plan/LoadBalancer.h"

using archi::ShareRequest;

class LoadBalancerTest : public QObject {
  Q_OBJECT

 private slots:
  void knownApportionments_data();
  void knownApportionments();
  void randomInputsKeepInvariants();
  void capsThatCannotHoldTheBatchAreReported();
  void equalSplitIsExact();
  void rebalanceTriggersAboveTolerance_data();
  void rebalanceTriggersAboveTolerance();
};

void LoadBalancerTest::knownApportionments_data() {
  QTest::addColumn<QList<double>>("speeds");
  QTest::addColumn<QList<int>>("caps");
  QTest::addColumn<int>("total");
  QTest::addColumn<QList<int>>("expected");
  QTest::newRow("equal speeds") << QList<double>{1, 1, 1, 1} << QList<int>{99, 99, 99, 99} << 8 << QList<int>{2, 2, 2, 2};
  // 10.86, 10.86, 5.14, 5.14: floors give 30, the two largest remainders get the last two.
  QTest::newRow("A100+H20 mix") << QList<double>{975, 975, 462, 462} << QList<int>{99, 99, 99, 99} << 32 << QList<int>{11, 11, 5, 5};
  // 3:1 with 7 to share: 5.25 / 1.75 -> 5 + 1, remainder .75 wins -> 5, 2.
  QTest::newRow("remainder goes to the larger fraction") << QList<double>{3, 1} << QList<int>{99, 99} << 7 << QList<int>{5, 2};
  // The fast device is capped at 2; the other two share the rest 1:1.
  QTest::newRow("memory cap") << QList<double>{10, 1, 1} << QList<int>{2, 99, 99} << 10 << QList<int>{2, 4, 4};
  QTest::newRow("device that cannot take part") << QList<double>{5, 5} << QList<int>{0, 99} << 6 << QList<int>{0, 6};
  QTest::newRow("nothing to share") << QList<double>{5, 5} << QList<int>{9, 9} << 0 << QList<int>{0, 0};
}

void LoadBalancerTest::knownApportionments() {
  QFETCH(QList<double>, speeds);
  QFETCH(QList<int>, caps);
  QFETCH(int, total);
  QFETCH(QList<int>, expected);
  std::vector<ShareRequest> requests;
  for (int i = 0; i < speeds.size(); ++i) requests.push_back({speeds[i], caps[i]});
  const auto shares = archi::apportionShares(requests, total);
  QVERIFY(shares.has_value());
  QCOMPARE(QList<int>(shares->begin(), shares->end()), expected);
}

void LoadBalancerTest::randomInputsKeepInvariants() {
  std::mt19937 rng(QRandomGenerator::global()->generate());
  std::uniform_real_distribution<double> speed(50.0, 5000.0);
  std::uniform_int_distribution<int> count(1, 12);
  std::uniform_int_distribution<int> cap(1, 40);
  for (int trial = 0; trial < 500; ++trial) {
    std::vector<ShareRequest> requests(static_cast<std::size_t>(count(rng)));
    int capacity = 0;
    double totalSpeed = 0;
    for (ShareRequest& r : requests) {
      r = {speed(rng), cap(rng)};
      capacity += r.max_sequences;
      totalSpeed += r.tokens_per_s;
    }
    const int total = std::uniform_int_distribution<int>(0, capacity)(rng);
    const auto shares = archi::apportionShares(requests, total);
    QVERIFY(shares.has_value());
    QCOMPARE(std::accumulate(shares->begin(), shares->end(), 0), total);
    bool anyCapped = false;
    for (std::size_t i = 0; i < requests.size(); ++i) {
      QVERIFY((*shares)[i] >= 0 && (*shares)[i] <= requests[i].max_sequences);
      anyCapped |= (*shares)[i] == requests[i].max_sequences;
    }
    if (!anyCapped) {
      // Uncapped: each share is its proportional quota rounded down or up (the quota rule).
      for (std::size_t i = 0; i < requests.size(); ++i) {
        const double quota = total * requests[i].tokens_per_s / totalSpeed;
        QVERIFY2(std::abs((*shares)[i] - quota) < 1.0 + 1e-9, qPrintable(QString("trial %1 device %2").arg(trial).arg(i)));
      }
    }
  }
}

void LoadBalancerTest::capsThatCannotHoldTheBatchAreReported() {
  QVERIFY(!archi::apportionShares({{100, 3}, {100, 4}}, 8).has_value());
}

void LoadBalancerTest::equalSplitIsExact() {
  QCOMPARE(archi::equalShares(4, 10), (std::vector<int>{3, 3, 2, 2}));
  QCOMPARE(archi::equalShares(3, 0), (std::vector<int>{0, 0, 0}));
}

void LoadBalancerTest::rebalanceTriggersAboveTolerance_data() {
  QTest::addColumn<double>("measured");
  QTest::addColumn<bool>("rebalance");
  QTest::newRow("unchanged") << 1000.0 << false;
  QTest::newRow("9% slower") << 910.0 << false;
  QTest::newRow("11% slower (throttling)") << 890.0 << true;
  QTest::newRow("15% faster") << 1150.0 << true;
}

void LoadBalancerTest::rebalanceTriggersAboveTolerance() {
  QFETCH(double, measured);
  QFETCH(bool, rebalance);
  QCOMPARE(archi::needsRebalance({1000.0, 500.0}, {measured, 500.0}), rebalance);
}

QTEST_GUILESS_MAIN(LoadBalancerTest)
#include "tst_load_balancer.moc"
