// Which leaders form the WAN group after a fault (ElasticLeaders' chooseMembers): every
// leader computes it from the views it holds, so the rule must give the same group from
// partial views, never a group without a quorum, and prefer lower ranks on ties.

#include <QtTest>

#include "comm/wan/ElasticLeaders.h"

using archi::wan::chooseMembers;

namespace {

std::uint32_t mask(std::initializer_list<int> ranks) {
  std::uint32_t m = 0;
  for (int r : ranks) m |= 1u << r;
  return m;
}

}  // namespace

Q_DECLARE_METATYPE(std::vector<std::uint32_t>)

class LeaderMembershipTest : public QObject {
  Q_OBJECT

 private slots:
  void choosesLargestCliqueWithQuorum_data() {
    QTest::addColumn<std::vector<std::uint32_t>>("reach");
    QTest::addColumn<int>("quorum");
    QTest::addColumn<quint32>("expected");
    const std::uint32_t all3 = mask({0, 1, 2});
    QTest::newRow("everyone reaches everyone") << std::vector<std::uint32_t>{all3, all3, all3} << 2 << quint32(all3);
    // Link 0-1 cut: both {0,2} and {1,2} are cliques of two; the lower ranks win.
    QTest::newRow("link 0-1 cut, full views")
        << std::vector<std::uint32_t>{mask({0, 2}), mask({1, 2}), all3} << 2 << quint32(mask({0, 2}));
    // The same cut as leader 0 sees it (no view from 1) and as leader 1 sees it (none from 0).
    QTest::newRow("link 0-1 cut, seen by 0") << std::vector<std::uint32_t>{mask({0, 2}), 0, all3} << 2 << quint32(mask({0, 2}));
    QTest::newRow("link 0-1 cut, seen by 1") << std::vector<std::uint32_t>{0, mask({1, 2}), all3} << 2 << quint32(mask({0, 2}));
    // Leader 1 is dead: nobody has its view and nobody reached it.
    QTest::newRow("leader 1 dead") << std::vector<std::uint32_t>{mask({0, 2}), 0, mask({0, 2})} << 2 << quint32(mask({0, 2}));
    // A leader that reached nobody cannot form a group alone: it is a minority.
    QTest::newRow("isolated leader") << std::vector<std::uint32_t>{mask({0}), 0, 0} << 2 << quint32(0);
    QTest::newRow("majority without the isolated one")
        << std::vector<std::uint32_t>{mask({0}), mask({1, 2}), mask({1, 2})} << 2 << quint32(mask({1, 2}));
    // One side claims an edge the other denies: the denial wins (no half-open links).
    QTest::newRow("asymmetric claim") << std::vector<std::uint32_t>{mask({0, 1}), mask({1}), 0} << 2 << quint32(0);
    QTest::newRow("two datacenters, one gone") << std::vector<std::uint32_t>{mask({0}), 0} << 2 << quint32(0);
    const std::uint32_t all5 = mask({0, 1, 2, 3, 4});
    QTest::newRow("five leaders, 3-4 cut")
        << std::vector<std::uint32_t>{all5, all5, all5, mask({0, 1, 2, 3}), mask({0, 1, 2, 4})} << 3
        << quint32(mask({0, 1, 2, 3}));
  }

  void choosesLargestCliqueWithQuorum() {
    QFETCH(std::vector<std::uint32_t>, reach);
    QFETCH(int, quorum);
    QFETCH(quint32, expected);
    QCOMPARE(quint32(chooseMembers(reach, quorum)), expected);
  }

  void refusesTooManyLeaders() {
    QCOMPARE(chooseMembers(std::vector<std::uint32_t>(17, 0xFFFFFFFFu), 9), 0u);
    QCOMPARE(chooseMembers({}, 1), 0u);
  }
};

QTEST_GUILESS_MAIN(LeaderMembershipTest)
#include "LeaderMembershipTest.moc"
