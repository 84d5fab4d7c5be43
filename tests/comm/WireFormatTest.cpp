// Wire formats of pseudo-gradients: round trips against the written error bounds, error
// feedback, and decoding of hostile bytes.

#include <QtTest>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "comm/wan/WireFormat.h"

using archi::wan::WireFormat;

namespace {

std::vector<float> randomValues(std::size_t n, std::uint32_t seed, float magnitude) {
  std::mt19937 generator(seed);
  std::uniform_real_distribution<float> uniform(-magnitude, magnitude);
  std::vector<float> values(n);
  for (float& v : values) v = uniform(generator);
  return values;
}

std::vector<float> roundTrip(WireFormat format, const std::vector<float>& values) {
  std::vector<std::uint8_t> wire(archi::wan::encodedBytes(format, values.size()));
  archi::wan::encodeValues(format, values, wire);
  std::vector<float> decoded(values.size());
  const auto error = archi::wan::decodeValues(format, wire, decoded);
  if (error) qWarning("%s", error->c_str());
  return decoded;
}

// Largest |v| in the int8 block holding index i.
float blockMax(const std::vector<float>& values, std::size_t i) {
  const std::size_t start = i / archi::wan::kInt8BlockElements * archi::wan::kInt8BlockElements;
  const std::size_t end = std::min(values.size(), start + archi::wan::kInt8BlockElements);
  float largest = 0.0f;
  for (std::size_t j = start; j < end; ++j) largest = std::max(largest, std::fabs(values[j]));
  return largest;
}

}  // namespace

class WireFormatTest : public QObject {
  Q_OBJECT

 private slots:
  void sizes() {
    QCOMPARE(archi::wan::encodedBytes(WireFormat::Fp32, 1000), std::size_t{4000});
    QCOMPARE(archi::wan::encodedBytes(WireFormat::Bf16, 1000), std::size_t{2000});
    // 4 blocks (3 full + 1 partial): 4 scales + 1000 bytes.
    QCOMPARE(archi::wan::encodedBytes(WireFormat::Int8Block, 1000), std::size_t{1016});
    const double ratio =
        double(archi::wan::encodedBytes(WireFormat::Int8Block, 1 << 20)) / double(4 << 20);
    QVERIFY2(ratio <= 0.26, qPrintable(QString::number(ratio)));
  }

  void roundTripWithinBound_data() {
    QTest::addColumn<int>("format");
    QTest::addColumn<int>("elements");
    QTest::addColumn<float>("magnitude");
    for (int format : {0, 1, 2}) {
      for (int elements : {1, 255, 256, 257, 10'000}) {
        const auto name =
            std::string(archi::wan::toString(WireFormat(format))) + "/" + std::to_string(elements);
        QTest::newRow(name.c_str()) << format << elements << 3e-3f;
      }
    }
    QTest::newRow("int8/large values") << 2 << 4096 << 1e6f;
  }

  void roundTripWithinBound() {
    QFETCH(int, format);
    QFETCH(int, elements);
    QFETCH(float, magnitude);
    const auto wireFormat = WireFormat(format);
    std::vector<float> values =
        randomValues(std::size_t(elements), 42u + std::uint32_t(elements), magnitude);
    if (elements > 300)
      std::fill(values.begin() + 256, values.begin() + 512, 0.0f);  // an all-zero block
    const std::vector<float> decoded = roundTrip(wireFormat, values);
    for (std::size_t i = 0; i < values.size(); ++i) {
      const double error = std::fabs(double(values[i]) - double(decoded[i]));
      double bound = 0.0;
      if (wireFormat == WireFormat::Bf16) bound = std::fabs(values[i]) * std::ldexp(1.0, -8);
      if (wireFormat == WireFormat::Int8Block) bound = blockMax(values, i) / 254.0 * (1 + 1e-5);
      if (error > bound)
        QFAIL(qPrintable(QString("value %1: %2 decoded as %3, error %4 > bound %5")
                             .arg(i)
                             .arg(values[i])
                             .arg(decoded[i])
                             .arg(error)
                             .arg(bound)));
    }
  }

  void bf16RoundsToNearestEven() {
    // 1 + 2^-8 lies halfway between bf16 neighbours 1 and 1 + 2^-7: ties go to the even one (1).
    const std::vector<float> decoded =
        roundTrip(WireFormat::Bf16, {1.0f + 0x1.0p-8f, 1.0f + 3 * 0x1.0p-8f});
    QCOMPARE(decoded[0], 1.0f);
    QCOMPARE(decoded[1], 1.0f + 0x1.0p-6f);
  }

  void errorFeedbackKeepsTheLoss() {
    const std::vector<float> values = randomValues(1000, 7, 1e-2f);
    std::vector<float> residual(values.size(), 0.0f);
    std::vector<std::uint8_t> wire(archi::wan::encodedBytes(WireFormat::Int8Block, values.size()));
    QVERIFY(!archi::wan::encodeWithErrorFeedback(WireFormat::Int8Block, values, residual, wire));
    std::vector<float> decoded(values.size());
    QVERIFY(!archi::wan::decodeValues(WireFormat::Int8Block, wire, decoded));
    double residualNorm = 0.0;
    for (std::size_t i = 0; i < values.size(); ++i) {
      QCOMPARE(residual[i], values[i] - decoded[i]);
      residualNorm += std::fabs(residual[i]);
    }
    QVERIFY(residualNorm > 0.0);  // int8 did lose something, and it was kept
  }

  // The same values sent every round: with error feedback the sum of what arrived stays
  // within one quantisation step of the true sum; without it the error grows every round.
  void errorFeedbackBoundsAccumulatedError() {
    const std::vector<float> values = randomValues(4096, 11, 1e-2f);
    constexpr int kRounds = 16;
    for (bool feedback : {true, false}) {
      std::vector<float> residual(values.size(), 0.0f);
      std::vector<double> received(values.size(), 0.0);
      std::vector<std::uint8_t> wire(
          archi::wan::encodedBytes(WireFormat::Int8Block, values.size()));
      std::vector<float> decoded(values.size());
      double firstError = 0.0;
      for (int round = 1; round <= kRounds; ++round) {
        if (!feedback) std::fill(residual.begin(), residual.end(), 0.0f);
        QVERIFY(
            !archi::wan::encodeWithErrorFeedback(WireFormat::Int8Block, values, residual, wire));
        QVERIFY(!archi::wan::decodeValues(WireFormat::Int8Block, wire, decoded));
        double error = 0.0;
        for (std::size_t i = 0; i < values.size(); ++i) {
          received[i] += decoded[i];
          error = std::max(error, std::fabs(received[i] - double(round) * values[i]));
        }
        if (round == 1) firstError = error;
        if (round == kRounds && feedback)
          QVERIFY2(error <= 2.0 * firstError, qPrintable(QString::number(error / firstError)));
        if (round == kRounds && !feedback)
          QVERIFY2(error >= 8.0 * firstError, qPrintable(QString::number(error / firstError)));
      }
    }
  }

  // bf16 rounds the largest floats up to infinity: the encoder says so instead of sending it.
  void errorFeedbackRefusesValuesTheFormatCannotCarry() {
    const std::vector<float> values{1.0f, std::numeric_limits<float>::max()};
    std::vector<float> residual(values.size(), 0.0f);
    std::vector<std::uint8_t> wire(archi::wan::encodedBytes(WireFormat::Bf16, values.size()));
    const auto error =
        archi::wan::encodeWithErrorFeedback(WireFormat::Bf16, values, residual, wire);
    QVERIFY(error.has_value());
    QVERIFY2(QString::fromStdString(*error).contains("not finite"), error->c_str());
  }

  void hostileBytesAreRefused_data() {
    QTest::addColumn<int>("format");
    QTest::addColumn<int>("wireBytes");
    QTest::addColumn<float>("scale");
    QTest::addColumn<QString>("expected");
    QTest::newRow("fp32 short") << 0 << 396 << 0.0f << "expected 400 bytes";
    QTest::newRow("bf16 long") << 1 << 202 << 0.0f << "expected 200 bytes";
    QTest::newRow("int8 short") << 2 << 100 << 0.0f << "expected 104 bytes";
    QTest::newRow("int8 NaN scale") << 2 << 104 << std::nanf("") << "byte offset 0";
    QTest::newRow("int8 infinite scale") << 2 << 104 << INFINITY << "must be finite";
    QTest::newRow("int8 negative scale") << 2 << 104 << -1.0f << "non-negative";
    QTest::newRow("int8 scale that decodes to infinity") << 2 << 104 << 3e38f << "FLT_MAX / 127";
    QTest::newRow("fp32 NaN value")
        << 0 << 400 << std::nanf("") << "value 0 at byte offset 0 is not finite";
    QTest::newRow("fp32 infinite value") << 0 << 400 << INFINITY << "not finite";
    QTest::newRow("bf16 infinite value")
        << 1 << 200 << INFINITY << "value 1 at byte offset 2 is not finite";
  }

  void hostileBytesAreRefused() {
    QFETCH(int, format);
    QFETCH(int, wireBytes);
    QFETCH(float, scale);
    QFETCH(QString, expected);
    std::vector<std::uint8_t> wire(std::size_t(wireBytes), 0x7f);
    std::memcpy(wire.data(), &scale, sizeof scale);
    std::vector<float> out(100);
    const auto error = archi::wan::decodeValues(WireFormat(format), wire, out);
    QVERIFY(error.has_value());
    QVERIFY2(QString::fromStdString(*error).contains(expected), error->c_str());
  }

  void int8RefusesBlocksThatDecodeToInfinity() {
    // Up to FLT_MAX / 128 every byte decodes to a finite value; at the largest scale an encoder
    // makes (FLT_MAX / 127, rounded) 127 and -128 round past FLT_MAX.
    std::vector<std::uint8_t> wire(sizeof(float) + 100, 0x7f);
    wire[sizeof(float) + 5] = 0x80;  // -128
    std::vector<float> out(100);
    const float exactScale = std::numeric_limits<float>::max() / 128.0f;
    std::memcpy(wire.data(), &exactScale, sizeof exactScale);
    QVERIFY(!archi::wan::decodeValues(WireFormat::Int8Block, wire, out).has_value());
    QVERIFY(std::isfinite(out[5]) && std::isfinite(out[6]));
    std::fill(wire.begin() + sizeof(float), wire.end(), 0);
    wire[sizeof(float) + 5] = 0x80;
    const float largestScale = std::numeric_limits<float>::max() / 127.0f;
    std::memcpy(wire.data(), &largestScale, sizeof largestScale);
    const auto error = archi::wan::decodeValues(WireFormat::Int8Block, wire, out);
    QVERIFY(error.has_value());
    QVERIFY2(QString::fromStdString(*error).contains("byte offset 9 decodes to infinity"), error->c_str());
  }

  void parsesFormatNames() {
    QVERIFY(archi::wan::parseWireFormat("int8") == WireFormat::Int8Block);
    QVERIFY(archi::wan::parseWireFormat("bf16") == WireFormat::Bf16);
    QVERIFY(!archi::wan::parseWireFormat("int4"));
  }
};

QTEST_GUILESS_MAIN(WireFormatTest)
#include "WireFormatTest.moc"
