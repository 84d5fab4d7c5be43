// Shares inside a datacenter: the plan's shares while every member is there, a lost member's
// share carried by the others, memory caps respected, and re-balancing only for a drift that is
// confirmed, consistent and worth it (not for noise).

#include <QtTest>

#include "train/ShareBalancer.h"

using archi::RebalanceDue;
using archi::ShareBalancer;

class ShareBalancerTest : public QObject {
  Q_OBJECT

 private slots:
  void sharesForMembers_data();
  void sharesForMembers();
  void confirmedDriftRebalances();
  void noiseDoesNot();
  void smallDriftThatDoesNotPayIsLeft();
  void lostMemberKeepsItsProportionAfterMeasuring();
};

void ShareBalancerTest::sharesForMembers_data() {
  QTest::addColumn<std::vector<int>>("planned");
  QTest::addColumn<std::vector<int>>("caps");
  QTest::addColumn<std::vector<int>>("members");
  QTest::addColumn<std::vector<int>>("expected");
  QTest::newRow("everyone: the plan") << std::vector<int>{10, 6, 8} << std::vector<int>{20, 12, 16} << std::vector<int>{0, 1, 2}
                                      << std::vector<int>{10, 6, 8};
  QTest::newRow("one lost: the others carry it") << std::vector<int>{8, 8, 8} << std::vector<int>{16, 16, 16}
                                                 << std::vector<int>{0, 1} << std::vector<int>{12, 12};
  QTest::newRow("lost, by speed") << std::vector<int>{12, 4, 8} << std::vector<int>{24, 8, 16} << std::vector<int>{0, 1}
                                  << std::vector<int>{18, 6};
  QTest::newRow("caps cannot hold it: each takes its cap") << std::vector<int>{8, 8} << std::vector<int>{10, 10}
                                                          << std::vector<int>{0} << std::vector<int>{10};
  QTest::newRow("a cap shifts the rest") << std::vector<int>{8, 8, 8} << std::vector<int>{9, 16, 16} << std::vector<int>{0, 1}
                                         << std::vector<int>{9, 15};
}

void ShareBalancerTest::sharesForMembers() {
  QFETCH(std::vector<int>, planned);
  QFETCH(std::vector<int>, caps);
  QFETCH(std::vector<int>, members);
  QFETCH(std::vector<int>, expected);
  const ShareBalancer balancer(planned, caps);
  QCOMPARE(balancer.sharesFor(members), expected);
}

void ShareBalancerTest::confirmedDriftRebalances() {
  ShareBalancer balancer({8, 8, 8}, {16, 16, 16});
  const std::vector<int> members{0, 1, 2};
  const std::vector<int> shares{8, 8, 8};
  // As planned: nothing to do, and the measured speeds become the basis.
  QVERIFY(!balancer.check(members, shares, {2000, 2000, 2000}).has_value());
  QVERIFY(balancer.speedsMeasured());
  // Slot 2 halves its speed: it must show three times in a row before it counts.
  QVERIFY(!balancer.check(members, shares, {2000, 2000, 1000}).has_value());
  QVERIFY(!balancer.check(members, shares, {2000, 2000, 1000}).has_value());
  const std::optional<RebalanceDue> due = balancer.check(members, shares, {2000, 2000, 1000});
  QVERIFY(due.has_value());
  QCOMPARE(due->driftRank, 2);
  QCOMPARE(due->driftMeasured_tokens_per_s, 1000.0);
  QCOMPARE(due->driftPlanned_tokens_per_s, 2000.0);
  balancer.adopt(members, due->measured_tokens_per_s);
  balancer.restartChecks(members.size());
  QCOMPARE(balancer.sharesFor(members), (std::vector<int>{10, 9, 5}));
  // At the new shares and speeds there is nothing more to do.
  QVERIFY(!balancer.check(members, {10, 9, 5}, {2000, 2000, 1000}).has_value());
}

void ShareBalancerTest::noiseDoesNot() {
  ShareBalancer balancer({8, 8, 8}, {16, 16, 16});
  const std::vector<int> members{0, 1, 2};
  const std::vector<int> shares{8, 8, 8};
  QVERIFY(!balancer.check(members, shares, {2000, 2000, 2000}).has_value());
  // ±20% back and forth (a shared CPU): never the same direction three times in a row.
  for (int i = 0; i < 12; ++i) {
    const double speed = i % 2 == 0 ? 1600.0 : 2400.0;
    QVERIFY2(!balancer.check(members, shares, {2000, 2000, speed}).has_value(), qPrintable(QString("check %1").arg(i)));
  }
}

void ShareBalancerTest::smallDriftThatDoesNotPayIsLeft() {
  ShareBalancer balancer({8, 8, 8}, {16, 16, 16});
  const std::vector<int> members{0, 1, 2};
  const std::vector<int> shares{8, 8, 8};
  QVERIFY(!balancer.check(members, shares, {2000, 2000, 2000}).has_value());
  // 12% slower is a drift, but 9/8/7 would shorten the step by about 1%: not worth moving.
  for (int i = 0; i < 5; ++i) QVERIFY(!balancer.check(members, shares, {2000, 2000, 1760}).has_value());
}

void ShareBalancerTest::lostMemberKeepsItsProportionAfterMeasuring() {
  ShareBalancer balancer({12, 4, 8}, {24, 8, 16});
  // Measured while slot 2 was away: slot 2's planned proportion scales with the others'.
  QVERIFY(!balancer.check({0, 1}, {18, 6}, {3000, 1000}).has_value());
  QCOMPARE(balancer.sharesFor({0, 1, 2}), (std::vector<int>{12, 4, 8}));
}

QTEST_GUILESS_MAIN(ShareBalancerTest)
#include "tst_share_balancer.moc"
