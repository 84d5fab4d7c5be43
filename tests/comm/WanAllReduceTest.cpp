// The WAN all-reduce across 3 leader processes (`archi wan-peer`) over TLS on loopback:
// fp32 equals the serial weighted sum bit for bit, int8 stays within its written bound,
// error feedback makes the accumulated error shrink, and a silent leader gives a timeout.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "comm/pki/CertificateAuthority.h"
#include "comm/wan/Frame.h"
#include "comm/wan/SyntheticGradient.h"

using namespace archi;

namespace {

constexpr int kLeaders = 3;
constexpr std::uint64_t kSeed = 99;

struct LeaderRun {
  int exitCode = -1;
  QString log;
  std::vector<float> output;  // every round's result, one after another
  QList<QJsonObject> reports;
};

class Leaders {
 public:
  Leaders() {
    const auto ca = pki::CertificateAuthority::create(root() / "pki", "test");
    for (int rank = 0; rank < kLeaders; ++rank) {
      ca.issueToDirectory({pki::PeerRole::Worker,
                           "leader-" + std::to_string(rank),
                           "r1",
                           {},
                           {},
                           std::chrono::hours(1)},
                          root() / "pki");
    }
  }

  std::filesystem::path root() const { return dir_.path().toStdString(); }

  // Starts every leader with `common` arguments (plus `extra[rank]`), waits for all.
  std::vector<LeaderRun> run(const QStringList& common,
                             const std::map<int, QStringList>& extra = {}, int waitMs = 60000) {
    const QString name = QString("run%1").arg(++runs_);
    const auto folder = root() / name.toStdString();
    std::filesystem::create_directories(folder / "rendezvous");
    std::vector<std::unique_ptr<QProcess>> processes;
    for (int rank = 0; rank < kLeaders; ++rank) {
      auto process = std::make_unique<QProcess>();
      process->setProcessChannelMode(QProcess::MergedChannels);
      QStringList arguments{
          "wan-peer",
          "--rank",
          QString::number(rank),
          "--world",
          QString::number(kLeaders),
          "--pki",
          QString::fromStdString((root() / "pki").string()),
          "--run-id",
          "r1",
          "--rendezvous",
          QString::fromStdString((folder / "rendezvous").string()),
          "--seed",
          QString::number(kSeed),
          "--output",
          QString::fromStdString((folder / ("out" + std::to_string(rank))).string()),
          "--report",
          QString::fromStdString((folder / ("report" + std::to_string(rank))).string())};
      arguments << common;
      if (extra.count(rank)) arguments << extra.at(rank);
      process->start(QString::fromLocal8Bit(qgetenv("ARCHI_BIN")), arguments);
      processes.push_back(std::move(process));
    }
    std::vector<LeaderRun> runs(kLeaders);
    for (int rank = 0; rank < kLeaders; ++rank) {
      QProcess& process = *processes[static_cast<std::size_t>(rank)];
      if (!process.waitForFinished(waitMs)) {
        process.kill();
        process.waitForFinished(5000);
        runs[static_cast<std::size_t>(rank)].exitCode = -2;  // did not finish in time
      } else {
        runs[static_cast<std::size_t>(rank)].exitCode =
            process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -3;
      }
      LeaderRun& run = runs[static_cast<std::size_t>(rank)];
      run.log = QString::fromLocal8Bit(process.readAll());
      QFile output(QString::fromStdString((folder / ("out" + std::to_string(rank))).string()));
      if (output.open(QIODevice::ReadOnly)) {
        const QByteArray bytes = output.readAll();
        run.output.resize(static_cast<std::size_t>(bytes.size()) / sizeof(float));
        if (!run.output.empty()) {
          std::memcpy(run.output.data(), bytes.data(), run.output.size() * sizeof(float));
        }
      }
      QFile report(QString::fromStdString((folder / ("report" + std::to_string(rank))).string()));
      if (report.open(QIODevice::ReadOnly)) {
        for (const QByteArray& line : report.readAll().split('\n')) {
          if (!line.isEmpty()) run.reports.push_back(QJsonDocument::fromJson(line).object());
        }
      }
    }
    return runs;
  }

 private:
  QTemporaryDir dir_;
  int runs_ = 0;
};

// What each leader contributes in `round`, scaled by w / W in fp32 as the protocol does.
std::vector<std::vector<float>> scaledContributions(std::uint64_t dataRound, std::uint64_t round,
                                                    std::size_t elements) {
  double totalWeight = 0.0;
  for (int rank = 0; rank < kLeaders; ++rank) totalWeight += wan::syntheticWeight(rank, round);
  std::vector<std::vector<float>> scaled;
  for (int rank = 0; rank < kLeaders; ++rank) {
    const float scale = static_cast<float>(wan::syntheticWeight(rank, round) / totalWeight);
    std::vector<float> values = wan::syntheticPseudoGradient(kSeed, rank, dataRound, elements);
    for (float& v : values) v *= scale;
    scaled.push_back(std::move(values));
  }
  return scaled;
}

// The serial weighted sum: rank order, double accumulator, rounded to fp32 once.
std::vector<float> serialSum(const std::vector<std::vector<float>>& scaled) {
  std::vector<float> sum(scaled[0].size());
  for (std::size_t i = 0; i < sum.size(); ++i) {
    double acc = 0.0;
    for (const auto& c : scaled) acc += c[i];
    sum[i] = static_cast<float>(acc);
  }
  return sum;
}

// max |v| over [i - 255, i + 255]: covers whichever 256-value int8 block holds i.
std::vector<double> windowMax(const std::vector<double>& values) {
  std::vector<double> result(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::size_t lo = i >= 255 ? i - 255 : 0;
    const std::size_t hi = std::min(values.size(), i + 256);
    double m = 0.0;
    for (std::size_t j = lo; j < hi; ++j) m = std::max(m, std::fabs(values[j]));
    result[i] = m;
  }
  return result;
}

QString logs(const std::vector<LeaderRun>& runs) {
  QString text;
  for (std::size_t r = 0; r < runs.size(); ++r)
    text += QString("--- leader %1 (exit %2)\n%3").arg(r).arg(runs[r].exitCode).arg(runs[r].log);
  return text;
}

double rms(const std::vector<double>& values) {
  double sum = 0.0;
  for (double v : values) sum += v * v;
  return std::sqrt(sum / static_cast<double>(values.size()));
}

}  // namespace

class WanAllReduceTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY2(!qgetenv("ARCHI_BIN").isEmpty(), "ARCHI_BIN must point at the archi binary");
  }

  void fp32EqualsSerialWeightedSum() {
    Leaders leaders;
    constexpr std::size_t kElements = 50'001;  // odd: fragments and chunks of unequal size
    const auto runs =
        leaders.run({"--format", "fp32", "--rounds", "2", "--elements", QString::number(kElements),
                     "--chunk-elements", "1024", "--streams", "3"});
    for (const LeaderRun& run : runs)
      QVERIFY2(run.exitCode == 0 && run.output.size() == 2 * kElements, qPrintable(logs(runs)));
    for (std::uint64_t round = 1; round <= 2; ++round) {
      const std::vector<float> expected = serialSum(scaledContributions(round, round, kElements));
      for (int rank = 0; rank < kLeaders; ++rank) {
        const float* got =
            runs[static_cast<std::size_t>(rank)].output.data() + (round - 1) * kElements;
        for (std::size_t i = 0; i < kElements; ++i) {
          if (std::memcmp(&got[i], &expected[i], sizeof(float)) != 0) {
            QFAIL(qPrintable(QString("round %1 leader %2 value %3: %4 != serial %5")
                                 .arg(round)
                                 .arg(rank)
                                 .arg(i)
                                 .arg(double(got[i]), 0, 'g', 9)
                                 .arg(double(expected[i]), 0, 'g', 9)));
          }
        }
      }
    }
    const QJsonObject report = runs[1].reports.value(0);
    QCOMPARE(report["participants"].toArray().size(), kLeaders);
    QCOMPARE(report["participants"].toArray()[2].toObject()["name"].toString(),
             QString("leader-2"));
    double totalWeight = 0.0;
    for (int rank = 0; rank < kLeaders; ++rank) totalWeight += wan::syntheticWeight(rank, 1);
    QCOMPARE(report["total_weight"].toDouble(), totalWeight);
    QVERIFY(report["compression_ratio"].toDouble() > 0.99);
  }

  void int8WithinWrittenBound() {
    Leaders leaders;
    constexpr std::size_t kElements = 40'003;
    const auto runs =
        leaders.run({"--format", "int8", "--rounds", "1", "--elements", QString::number(kElements),
                     "--chunk-elements", "1024", "--streams", "2"});
    for (const LeaderRun& run : runs)
      QVERIFY2(run.exitCode == 0 && run.output.size() == kElements, qPrintable(logs(runs)));
    QVERIFY(runs[0].output == runs[1].output &&
            runs[0].output == runs[2].output);  // identical everywhere
    const auto scaled = scaledContributions(1, 1, kElements);
    std::vector<double> exact(kElements, 0.0);
    for (const auto& c : scaled) {
      for (std::size_t i = 0; i < kElements; ++i) exact[i] += c[i];
    }
    // Written bound (WanGroup.h): each contribution and the owner's sum are quantised once,
    // each losing at most half a step (block max / 254).
    std::vector<double> bound = windowMax(exact);
    for (const auto& c : scaled) {
      const auto m = windowMax(std::vector<double>(c.begin(), c.end()));
      for (std::size_t i = 0; i < kElements; ++i) bound[i] += m[i];
    }
    double worstShare = 0.0;
    for (std::size_t i = 0; i < kElements; ++i) {
      const double error = std::fabs(double(runs[0].output[i]) - exact[i]);
      const double limit = bound[i] / 254.0 * 1.01 + 1e-12;
      if (error > limit)
        QFAIL(qPrintable(QString("value %1: error %2 > bound %3").arg(i).arg(error).arg(limit)));
      worstShare = std::max(worstShare, error / limit);
    }
    QVERIFY2(worstShare > 0.01, "int8 lost nothing: the wire cannot have been int8");
    // A full chunk of 1024 values: header, 4 block scales and 1024 bytes against header and
    // 4096 bytes; partial chunks and the weight frames add a little.
    const double chunkRatio = double(wan::kFrameHeaderBytes + 4 * 4 + 1024) / double(wan::kFrameHeaderBytes + 4 * 1024);
    for (const LeaderRun& run : runs) {
      const double ratio = run.reports.value(0)["compression_ratio"].toDouble();
      QVERIFY2(ratio > 0.25 && ratio <= chunkRatio + 0.005,
               qPrintable(QString("%1 (a full chunk: %2)").arg(ratio).arg(chunkRatio)));
    }
  }

  // The same pseudo-gradient every round: with error feedback what is lost in one round is
  // sent in the next, so the mean accumulated error falls like 1/rounds; without it, it does not.
  void errorFeedbackShrinksAccumulatedError() {
    Leaders leaders;
    constexpr std::size_t kElements = 20'000;
    constexpr int kRounds = 8;
    std::map<bool, std::vector<double>> meanError;  // feedback -> per round
    for (bool feedback : {true, false}) {
      QStringList arguments{"--format",          "int8",
                            "--rounds",          QString::number(kRounds),
                            "--elements",        QString::number(kElements),
                            "--chunk-elements",  "2048",
                            "--same-every-round"};
      if (!feedback) arguments << "--no-error-feedback";
      const auto runs = leaders.run(arguments);
      for (const LeaderRun& run : runs) {
        QVERIFY2(run.exitCode == 0 && run.output.size() == kRounds * kElements,
                 qPrintable(logs(runs)));
      }
      std::vector<double> accumulated(kElements, 0.0);
      for (int round = 1; round <= kRounds; ++round) {
        const auto scaled = scaledContributions(0, static_cast<std::uint64_t>(round), kElements);
        for (std::size_t i = 0; i < kElements; ++i) {
          double exact = 0.0;
          for (const auto& c : scaled) exact += c[i];
          accumulated[i] += double(runs[0].output[(round - 1) * kElements + i]) - exact;
        }
        meanError[feedback].push_back(rms(accumulated) / round);
      }
    }
    const auto& with = meanError[true];
    const auto& without = meanError[false];
    qInfo(
        "mean accumulated RMS error, round 1 / 4 / 8: with feedback %.3g / %.3g / %.3g, without "
        "%.3g / %.3g / %.3g",
        with[0], with[3], with[7], without[0], without[3], without[7]);
    QVERIFY(with[0] > 0.0);
    // Expected: with feedback about 1/4 and 1/8 of round 1; without, about 0.7 (the int8 grid
    // scales with each round's weights, so the losses repeat almost exactly).
    QVERIFY2(with[3] < 0.4 * with[0] && with[7] < 0.25 * with[0] && with[7] < with[3],
             "error feedback did not shrink the error");
    QVERIFY2(without[7] > 0.5 * without[0],
             "the control without feedback shrank too: the test cannot tell them apart");
  }

  // A leader given certificates of another run refuses to start instead of being refused
  // by everyone else later.
  void misconfiguredLeaderRefusesToStart() {
    Leaders leaders;
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QString::fromLocal8Bit(qgetenv("ARCHI_BIN")),
                  {"wan-peer", "--rank", "0", "--world", "1", "--pki",
                   QString::fromStdString((leaders.root() / "pki").string()), "--run-id", "r2",
                   "--rendezvous", QString::fromStdString(leaders.root().string())});
    QVERIFY(process.waitForFinished(30000));
    const QString output = QString::fromLocal8Bit(process.readAll());
    QCOMPARE(process.exitCode(), 1);
    QVERIFY2(output.contains("does not fit this run") &&
                 output.contains("run id 'r1' differs from this run 'r2'"),
             qPrintable(output));
  }

  void silentLeaderGivesTimeoutNotHang() {
    Leaders leaders;
    QElapsedTimer timer;
    timer.start();
    const auto runs = leaders.run(
        {"--format", "int8", "--rounds", "1", "--elements", "10000", "--round-timeout-s", "2"},
        {{2, {"--silent-s", "5"}}}, 15000);
    for (int rank : {0, 1}) {
      const LeaderRun& run = runs[static_cast<std::size_t>(rank)];
      QVERIFY2(run.exitCode == 1, qPrintable(logs(runs)));
      QVERIFY2(run.log.contains("timed out") && run.log.contains("leader 2 'leader-2'"),
               qPrintable(logs(runs)));
    }
    QVERIFY2(runs[2].exitCode == -2 || runs[2].exitCode == 0, qPrintable(logs(runs)));
    qInfo("timeout reported after %.1f s: %s", timer.elapsed() / 1000.0,
          qPrintable(runs[0].log.split('\n').filter("archi wan-peer").value(0)));
  }
};

QTEST_GUILESS_MAIN(WanAllReduceTest)
#include "WanAllReduceTest.moc"
