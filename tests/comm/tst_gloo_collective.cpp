// The Gloo Collective across real processes: each rank is a gloo_rank_helper process forming
// the group through rank 0's rendezvous store on loopback, as the workers of one datacenter do.

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cfloat>
#include <cmath>
#include <memory>
#include <vector>

#include "TestValues.h"
#include "comm/collective/CollectiveError.h"
#include "comm/gloo/GlooCollective.h"

namespace {

constexpr int kStartDeadline_ms = 10000;

struct RankResult {
  int exitCode = -1;
  bool finished = false;
  QString standardOutput;
  QString standardError;
  std::vector<float> values;
};

std::vector<float> readFloats(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  const QByteArray bytes = file.readAll();
  std::vector<float> values(static_cast<std::size_t>(bytes.size()) / sizeof(float));
  std::memcpy(values.data(), bytes.constData(), values.size() * sizeof(float));
  return values;
}

// Starts rank 0 (serving the store), then the other ranks in `ranks`, and waits for all of
// them up to `finishDeadline_ms`. Ranks left out of `ranks` never show up; the last
// `killLast` ranks started are killed once the others have finished (hung workers).
std::vector<RankResult> runGroup(const QTemporaryDir& dir, int world, const std::vector<int>& ranks,
                                 const std::function<QStringList(int)>& argsFor, int finishDeadline_ms,
                                 std::size_t killLast = 0) {
  const QString helper = qEnvironmentVariable("GLOO_RANK_HELPER");
  std::vector<std::unique_ptr<QProcess>> processes;
  std::vector<RankResult> results(ranks.size());
  QString store;
  const QString secretFile = dir.filePath(QStringLiteral("store.secret"));
  archi::comm::RendezvousSecret::generate().writeFile(secretFile.toStdString());
  for (std::size_t i = 0; i < ranks.size(); ++i) {
    const int rank = ranks[i];
    QStringList args{"--rank", QString::number(rank), "--world", QString::number(world), "--out",
                     dir.filePath(QStringLiteral("rank%1.bin").arg(rank)), "--secret-file", secretFile};
    if (rank == 0) {
      args << "--serve" << "127.0.0.1:0";
    } else {
      args << "--store" << store;
    }
    args << argsFor(rank);
    auto process = std::make_unique<QProcess>();
    process->start(helper, args);
    if (!process->waitForStarted(kStartDeadline_ms)) {
      qWarning("cannot start %s: %s", qPrintable(helper), qPrintable(process->errorString()));
      return results;
    }
    if (rank == 0) {
      QElapsedTimer timer;
      timer.start();
      while (!process->canReadLine() && timer.elapsed() < kStartDeadline_ms) process->waitForReadyRead(100);
      const QString line = QString::fromUtf8(process->readLine()).trimmed();
      if (!line.startsWith("STORE ")) {
        qWarning("rank 0 did not announce its store: '%s' %s", qPrintable(line),
                 qPrintable(QString::fromUtf8(process->readAllStandardError())));
        process->kill();
        return results;
      }
      store = line.mid(6);
    }
    processes.push_back(std::move(process));
  }
  QElapsedTimer timer;
  timer.start();
  for (std::size_t i = 0; i < processes.size(); ++i) {
    QProcess& process = *processes[i];
    if (i + killLast >= processes.size()) process.kill();
    const int left_ms = std::max<int>(1, finishDeadline_ms - static_cast<int>(timer.elapsed()));
    results[i].finished = process.waitForFinished(left_ms);
    if (!results[i].finished) process.kill(), process.waitForFinished(2000);
    results[i].exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    results[i].standardOutput = QString::fromUtf8(process.readAllStandardOutput());
    results[i].standardError = QString::fromUtf8(process.readAllStandardError());
    results[i].values = readFloats(dir.filePath(QStringLiteral("rank%1.bin").arg(ranks[i])));
  }
  return results;
}

QString describe(const std::vector<RankResult>& results) {
  QString text;
  for (std::size_t i = 0; i < results.size(); ++i) {
    text += QStringLiteral("[rank #%1 exit %2 finished %3] %4 %5\n")
                .arg(i)
                .arg(results[i].exitCode)
                .arg(results[i].finished)
                .arg(results[i].standardOutput.trimmed(), results[i].standardError.trimmed());
  }
  return text;
}

}  // namespace

class GlooCollectiveTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY2(QFile::exists(qEnvironmentVariable("GLOO_RANK_HELPER")), "GLOO_RANK_HELPER must name the helper binary");
  }

  void allReduceEqualsSerialSum_data() {
    QTest::addColumn<qulonglong>("count");
    QTest::addColumn<qulonglong>("seed");
    QTest::newRow("one element") << 1ull << 11ull;
    QTest::newRow("fewer elements than ranks") << 2ull << 12ull;
    QTest::newRow("one more element than ranks") << 4ull << 14ull;
    QTest::newRow("odd size, several segments") << 300007ull << 13ull;
  }

  void allReduceEqualsSerialSum() {
    QFETCH(qulonglong, count);
    QFETCH(qulonglong, seed);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    constexpr int kWorld = 3;
    const auto results = runGroup(dir, kWorld, {0, 1, 2}, [&](int) {
      return QStringList{"--mode", "allreduce", "--count", QString::number(count), "--seed", QString::number(seed)};
    }, 30000);
    QCOMPARE(results.size(), std::size_t(kWorld));
    // Integer-valued floats below 2^24 in magnitude: the sum is exact in any order.
    std::vector<float> expected(count, 0.0f);
    for (int rank = 0; rank < kWorld; ++rank) {
      const std::vector<float> values = archi::test::rankValues(seed, rank, count);
      for (std::size_t i = 0; i < count; ++i) expected[i] += values[i];
    }
    for (const RankResult& result : results) {
      QVERIFY2(result.exitCode == 0, qPrintable(describe(results)));
      QCOMPARE(result.values.size(), std::size_t(count));
      for (std::size_t i = 0; i < count; ++i) {
        if (result.values[i] != expected[i]) {
          QFAIL(qPrintable(QStringLiteral("element %1: got %2, serial sum %3").arg(i).arg(result.values[i]).arg(expected[i])));
        }
      }
    }
  }

  void tokenWeightedMean_data() {
    QTest::addColumn<QList<qlonglong>>("tokens");
    QTest::addColumn<bool>("poisonIdle");
    QTest::newRow("unequal shares") << QList<qlonglong>{100, 2000, 37} << false;
    QTest::newRow("large counts (float would round)") << QList<qlonglong>{16777217, 3, 5000000} << false;
    QTest::newRow("idle worker with NaN buffer") << QList<qlonglong>{0, 512, 4096} << true;
  }

  void tokenWeightedMean() {
    QFETCH(QList<qlonglong>, tokens);
    QFETCH(bool, poisonIdle);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    constexpr int kWorld = 3;
    constexpr std::size_t kCount = 4099;
    constexpr std::uint64_t kSeed = 99;
    const auto results = runGroup(dir, kWorld, {0, 1, 2}, [&](int rank) {
      QStringList args{"--mode", "weighted", "--count", QString::number(kCount), "--seed", QString::number(kSeed),
                       "--tokens", QString::number(tokens[rank])};
      if (poisonIdle) args << "--poison-idle";
      return args;
    }, 30000);
    qlonglong total = 0;
    for (qlonglong t : tokens) total += t;
    // Reference in double. Each rank's pre-scale and the two additions of the ring round once
    // each in float, so the error is within a few epsilons of the weighted magnitudes.
    std::vector<double> expected(kCount, 0.0);
    std::vector<double> magnitude(kCount, 0.0);
    for (int rank = 0; rank < kWorld; ++rank) {
      if (tokens[rank] == 0) continue;
      const double weight = static_cast<double>(tokens[rank]) / static_cast<double>(total);
      const std::vector<float> values = archi::test::rankValues(kSeed, rank, kCount);
      for (std::size_t i = 0; i < kCount; ++i) {
        expected[i] += weight * values[i];
        magnitude[i] += weight * std::fabs(values[i]);
      }
    }
    for (const RankResult& result : results) {
      QVERIFY2(result.exitCode == 0, qPrintable(describe(results)));
      QVERIFY2(result.standardOutput.contains(QStringLiteral("TOTAL_TOKENS %1").arg(total)),
               qPrintable(result.standardOutput));
      QCOMPARE(result.values.size(), kCount);
      for (std::size_t i = 0; i < kCount; ++i) {
        const double tolerance = 8.0 * FLT_EPSILON * magnitude[i] + 1e-30;
        if (!(std::fabs(result.values[i] - expected[i]) <= tolerance)) {
          QFAIL(qPrintable(QStringLiteral("element %1: got %2, weighted mean %3 (tolerance %4)")
                               .arg(i).arg(result.values[i]).arg(expected[i]).arg(tolerance)));
        }
      }
    }
  }

  void broadcastFromRankZero() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    constexpr std::size_t kCount = 100003;
    const auto results = runGroup(dir, 3, {0, 1, 2}, [&](int) {
      return QStringList{"--mode", "broadcast", "--count", QString::number(kCount), "--seed", "5"};
    }, 30000);
    const std::vector<float> root = archi::test::rankValues(5, 0, kCount);
    QVERIFY(root != archi::test::rankValues(5, 1, kCount));
    for (const RankResult& result : results) {
      QVERIFY2(result.exitCode == 0, qPrintable(describe(results)));
      QVERIFY(result.values == root);
    }
  }

  void barrierCompletes() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto results = runGroup(dir, 3, {0, 1, 2}, [](int) { return QStringList{"--mode", "barrier"}; }, 30000);
    for (const RankResult& result : results) QVERIFY2(result.exitCode == 0, qPrintable(describe(results)));
  }

  void missingRankTimesOut() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    constexpr int kRendezvous_ms = 1500;
    QElapsedTimer timer;
    timer.start();
    // Rank 2 of 3 never starts: the others must give up at the rendezvous deadline.
    const auto results = runGroup(dir, 3, {0, 1}, [&](int) {
      return QStringList{"--mode", "allreduce", "--count", "10", "--rendezvous-ms", QString::number(kRendezvous_ms)};
    }, 20000);
    const qint64 elapsed_ms = timer.elapsed();
    for (const RankResult& result : results) {
      QVERIFY2(result.finished, qPrintable(describe(results)));
      QVERIFY2(result.exitCode == 3, qPrintable(describe(results)));
      QVERIFY2(result.standardError.contains("error[timeout]"), qPrintable(result.standardError));
      QVERIFY2(result.standardError.contains("rendezvous"), qPrintable(result.standardError));
      QVERIFY2(result.standardError.contains("test/2"), qPrintable(result.standardError));
    }
    QVERIFY2(elapsed_ms >= kRendezvous_ms, qPrintable(QString::number(elapsed_ms)));
    QVERIFY2(elapsed_ms < kRendezvous_ms + 8000, qPrintable(QString::number(elapsed_ms)));
  }

  void deadPeerIsAnError() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    constexpr int kOperation_ms = 3000;
    QElapsedTimer timer;
    timer.start();
    // Rank 2 joins the group and exits before the first all-reduce, as a crashed worker would.
    const auto results = runGroup(dir, 3, {0, 1, 2}, [&](int rank) {
      return QStringList{"--mode", rank == 2 ? "vanish" : "allreduce", "--count", "100000", "--operation-ms",
                         QString::number(kOperation_ms)};
    }, 20000);
    QCOMPARE(results.size(), std::size_t(3));
    for (int rank = 0; rank < 2; ++rank) {
      const RankResult& result = results[static_cast<std::size_t>(rank)];
      QVERIFY2(result.finished, qPrintable(describe(results)));
      QVERIFY2(result.exitCode == 3, qPrintable(describe(results)));
      // Depending on how far the others got when it died, they fail in the last steps of the
      // rendezvous or in the all-reduce; either way the error names the operation.
      static const QRegularExpression failure(
          R"(error\[(peer-failure|timeout)\]: gloo (rendezvous|all-reduce of 100000 floats))");
      QVERIFY2(failure.match(result.standardError).hasMatch(), qPrintable(result.standardError));
    }
    QVERIFY2(timer.elapsed() < kOperation_ms + 8000, qPrintable(QString::number(timer.elapsed())));
  }

  void stalledPeerTimesOut() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    constexpr int kOperation_ms = 1500;
    QElapsedTimer timer;
    timer.start();
    // Rank 2 joins, then stops answering with its connections open: the others must give
    // up at the operation deadline, and refuse to run anything afterwards.
    const auto results = runGroup(dir, 3, {0, 1, 2}, [&](int rank) {
      return QStringList{"--mode", rank == 2 ? "stall" : "allreduce", "--count", "50000", "--operation-ms",
                         QString::number(kOperation_ms)};
    }, 20000, 1);
    const qint64 elapsed_ms = timer.elapsed();
    QCOMPARE(results.size(), std::size_t(3));
    for (int rank = 0; rank < 2; ++rank) {
      const RankResult& result = results[static_cast<std::size_t>(rank)];
      QVERIFY2(result.finished && result.exitCode == 3, qPrintable(describe(results)));
      QVERIFY2(result.standardError.contains("error[timeout]: gloo all-reduce of 50000 floats"),
               qPrintable(result.standardError));
      QVERIFY2(result.standardError.contains("then[unusable]: gloo barrier"), qPrintable(result.standardError));
    }
    QVERIFY2(elapsed_ms >= kOperation_ms, qPrintable(QString::number(elapsed_ms)));
    QVERIFY2(elapsed_ms < kOperation_ms + 8000, qPrintable(QString::number(elapsed_ms)));
  }

  void worldOfOneNeedsNoNetwork() {
    archi::comm::GlooOptions options;
    options.rank = 0;
    options.worldSize = 1;  // no rendezvous address: none is needed
    auto collective = archi::comm::makeGlooCollective(options);
    QCOMPARE(collective->worldSize(), 1);
    std::vector<float> gradient{1.5f, -2.0f, 3.25f};
    QCOMPARE(collective->allReduceTokenWeightedMean(gradient.data(), gradient.size(), 640), std::int64_t(640));
    QCOMPARE(gradient, (std::vector<float>{1.5f, -2.0f, 3.25f}));
    collective->allReduceSum(gradient.data(), gradient.size());
    QCOMPARE(gradient, (std::vector<float>{1.5f, -2.0f, 3.25f}));
    collective->barrier();
    QVERIFY_THROWS_EXCEPTION(archi::comm::CollectiveError, collective->broadcast(gradient.data(), 3, 1));
    QVERIFY_THROWS_EXCEPTION(archi::comm::CollectiveError,
                             collective->allReduceTokenWeightedMean(gradient.data(), gradient.size(), 0));
    QVERIFY_THROWS_EXCEPTION(archi::comm::CollectiveError,
                             collective->allReduceTokenWeightedMean(gradient.data(), gradient.size(), -1));
  }

  void invalidOptionsAreRejected_data() {
    QTest::addColumn<int>("rank");
    QTest::addColumn<int>("world");
    QTest::addColumn<QString>("group");
    QTest::addColumn<int>("timeout_ms");
    QTest::newRow("rank beyond world") << 3 << 3 << "g" << 1000;
    QTest::newRow("negative rank") << -1 << 3 << "g" << 1000;
    QTest::newRow("empty world") << 0 << 0 << "g" << 1000;
    QTest::newRow("group with space") << 0 << 2 << "my group" << 1000;
    QTest::newRow("no deadline") << 0 << 2 << "g" << 0;
    QTest::newRow("no store address") << 1 << 2 << "g" << 1000;
  }

  void invalidOptionsAreRejected() {
    QFETCH(int, rank);
    QFETCH(int, world);
    QFETCH(QString, group);
    QFETCH(int, timeout_ms);
    archi::comm::GlooOptions options;
    options.rank = rank;
    options.worldSize = world;
    options.groupName = group.toStdString();
    options.rendezvousTimeout = std::chrono::milliseconds(timeout_ms);
    try {
      archi::comm::makeGlooCollective(options);
      QFAIL("invalid options were accepted");
    } catch (const archi::comm::CollectiveError& e) {
      QCOMPARE(e.kind(), archi::comm::CollectiveError::Kind::InvalidArgument);
    }
  }
};

QTEST_GUILESS_MAIN(GlooCollectiveTest)
#include "tst_gloo_collective.moc"
