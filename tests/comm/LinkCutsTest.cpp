// Emulated WAN link cuts (LinkCuts): which peers a leader treats as cut for a given file, that
// a change is noticed (the generation moves) and that a cut link's shaper admits nothing.

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <thread>

#include "comm/wan/LinkCuts.h"

using namespace archi::wan;

namespace {

void writeText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

// The cut file is re-read at most every 200 ms.
void waitForReread() { std::this_thread::sleep_for(std::chrono::milliseconds(250)); }

}  // namespace

class LinkCutsTest : public QObject {
  Q_OBJECT

 private slots:
  void cutPeers_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");  // for ranks 0..3 as seen by rank 1 ("b"): 1 = cut
    QTest::newRow("no file") << QString() << "0000";
    QTest::newRow("empty") << "" << "0000";
    QTest::newRow("our link") << "b d\n" << "0001";
    QTest::newRow("written the other way round") << "d b\n" << "0001";
    QTest::newRow("someone else's link") << "a c\n" << "0000";
    QTest::newRow("two of ours") << "a b\nc b\n" << "1010";
    QTest::newRow("blank and partial lines ignored") << "\n   \nb\nb c\n" << "0010";
    QTest::newRow("unknown datacenter") << "b zz\n" << "0000";
    QTest::newRow("to ourselves") << "b b\n" << "0000";
  }

  void cutPeers() {
    QFETCH(QString, file);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const std::filesystem::path path = dir.filePath("wan-cuts").toStdString();
    if (!file.isNull()) writeText(path, file.toStdString());
    LinkCuts cuts(path, {"a", "b", "c", "d"}, 1);
    QString seen;
    for (int rank = 0; rank < 4; ++rank) seen += cuts.isCut(rank) ? '1' : '0';
    QCOMPARE(seen, expected);
    QVERIFY(!cuts.isCut(-1));
    QVERIFY(!cuts.isCut(7));
  }

  void noticesChanges() {
    QTemporaryDir dir;
    const std::filesystem::path path = dir.filePath("wan-cuts").toStdString();
    LinkCuts cuts(path, {"a", "b", "c"}, 0);
    const std::uint64_t before = cuts.generation();
    QVERIFY(!cuts.isCut(2));
    writeText(path, "a c\n");
    waitForReread();
    QVERIFY(cuts.isCut(2));
    QVERIFY(cuts.generation() > before);
    const std::uint64_t whileCut = cuts.generation();
    waitForReread();
    QCOMPARE(cuts.generation(), whileCut);  // the same cut read again is no change
    std::filesystem::remove(path);
    waitForReread();
    QVERIFY(!cuts.isCut(2));
    QVERIFY(cuts.generation() > whileCut);
  }

  void cutShaperAdmitsNothing() {
    QTemporaryDir dir;
    const std::filesystem::path path = dir.filePath("wan-cuts").toStdString();
    auto cuts = std::make_shared<LinkCuts>(path, std::vector<std::string>{"a", "b"}, 0);
    CuttableShaper shaper(cuts, 1, std::make_unique<TokenBucketShaper>(1e6, 64 * 1024.0));
    const auto now = Clock::now();
    QVERIFY(shaper.allowance(now) > 0);
    writeText(path, "a b\n");
    waitForReread();
    QCOMPARE(shaper.allowance(Clock::now()), std::size_t{0});
    QVERIFY(shaper.nextAdmission(Clock::now()) > Clock::now());
  }
};

QTEST_GUILESS_MAIN(LinkCutsTest)
#include "LinkCutsTest.moc"
