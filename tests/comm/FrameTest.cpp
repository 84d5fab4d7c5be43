// Framing against malformed and hostile input: every bad byte gets an error naming its
// offset; nothing crashes, nothing is trusted.

#include <QtTest>
#include <random>

#include "comm/wan/Frame.h"

using namespace archi::wan;

namespace {

std::vector<std::uint8_t> sampleFrame(std::size_t payloadBytes = 10) {
  std::vector<std::uint8_t> payload(payloadBytes);
  for (std::size_t i = 0; i < payloadBytes; ++i) payload[i] = std::uint8_t(i * 7);
  return encodeFrame(
      {FrameType::ReduceChunk, WireFormat::Int8Block, 0x0102030405060708ULL, 2, 9, 0, 0x1112131415161718ULL}, payload);
}

}  // namespace

class FrameTest : public QObject {
  Q_OBJECT

 private slots:
  void roundTrip() {
    const auto bytes = sampleFrame();
    QCOMPARE(bytes.size(), kFrameHeaderBytes + 10);
    FrameAssembler assembler(1024);
    assembler.append(bytes);
    auto next = assembler.next();
    QVERIFY(std::holds_alternative<Frame>(next));
    const Frame& frame = std::get<Frame>(next);
    QVERIFY(frame.header.type == FrameType::ReduceChunk);
    QVERIFY(frame.header.format == WireFormat::Int8Block);
    QCOMPARE(frame.header.round, 0x0102030405060708ULL);
    QCOMPARE(frame.header.fragment, 2u);
    QCOMPARE(frame.header.chunk, 9u);
    QCOMPARE(frame.header.epoch, 0x1112131415161718ULL);
    QCOMPARE(frame.payload.size(), std::size_t{10});
    QCOMPARE(frame.payload[3], std::uint8_t(21));
    QVERIFY(std::holds_alternative<std::monostate>(assembler.next()));
    QVERIFY(!assembler.finish());
  }

  void byteByByteAndBackToBack() {
    std::vector<std::uint8_t> stream = sampleFrame(3);
    const auto second = sampleFrame(0);
    stream.insert(stream.end(), second.begin(), second.end());
    FrameAssembler assembler(1024);
    int frames = 0;
    for (std::uint8_t byte : stream) {
      assembler.append(std::span(&byte, 1));
      auto next = assembler.next();
      QVERIFY(!std::holds_alternative<FrameError>(next));
      if (std::holds_alternative<Frame>(next)) ++frames;
    }
    QCOMPARE(frames, 2);
    QCOMPARE(assembler.streamOffset(), std::uint64_t(stream.size()));
  }

  void malformedHeader_data() {
    QTest::addColumn<int>("byteIndex");
    QTest::addColumn<int>("value");
    QTest::addColumn<int>("expectedOffset");
    QTest::addColumn<QString>("expected");
    QTest::newRow("bad magic") << 0 << int('X') << 0 << "magic";
    QTest::newRow("bad version") << 4 << 7 << 4 << "unsupported protocol version 7";
    QTest::newRow("unknown type") << 5 << 99 << 5 << "unknown frame type 99";
    QTest::newRow("type zero") << 5 << 0 << 5 << "unknown frame type 0";
    QTest::newRow("unknown format") << 6 << 3 << 6 << "unknown wire format 3";
    QTest::newRow("reserved flags") << 7 << 1 << 7 << "reserved";
    QTest::newRow("oversize length") << 27 << 0x7f << 24 << "exceeds the limit of 1024";
  }

  void malformedHeader() {
    QFETCH(int, byteIndex);
    QFETCH(int, value);
    QFETCH(int, expectedOffset);
    QFETCH(QString, expected);
    // A good frame first, so the error offset must count the bytes before the bad one.
    std::vector<std::uint8_t> stream = sampleFrame(4);
    const std::size_t goodBytes = stream.size();
    auto bad = sampleFrame(4);
    bad[std::size_t(byteIndex)] = std::uint8_t(value);
    stream.insert(stream.end(), bad.begin(), bad.end());
    FrameAssembler assembler(1024);
    assembler.append(stream);
    QVERIFY(std::holds_alternative<Frame>(assembler.next()));
    auto next = assembler.next();
    QVERIFY(std::holds_alternative<FrameError>(next));
    const FrameError& error = std::get<FrameError>(next);
    QCOMPARE(error.byteOffset, std::uint64_t(goodBytes + std::size_t(expectedOffset)));
    QVERIFY2(QString::fromStdString(error.message).contains(expected), error.message.c_str());
  }

  void truncatedStream_data() {
    QTest::addColumn<int>("keep");
    QTest::addColumn<QString>("expected");
    QTest::newRow("inside header") << 10 << "10 of 36 header bytes";
    QTest::newRow("inside payload") << 40 << "40 of 46 frame bytes";
  }

  void truncatedStream() {
    QFETCH(int, keep);
    QFETCH(QString, expected);
    auto bytes = sampleFrame(10);
    bytes.resize(std::size_t(keep));
    FrameAssembler assembler(1024);
    assembler.append(bytes);
    QVERIFY(std::holds_alternative<std::monostate>(assembler.next()));
    const auto error = assembler.finish();
    QVERIFY(error.has_value());
    QVERIFY2(QString::fromStdString(error->message).contains(expected), error->message.c_str());
  }

  // Only chunks of values may be as large as the stream allows; every other frame is refused
  // from its header when it claims more than kMaxControlPayloadBytes, before any payload arrives.
  void payloadLimitDependsOnTheType_data() {
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("payloadBytes");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("hello of 1 MiB") << int(FrameType::Hello) << (1 << 20) << false;
    QTest::newRow("knock just over") << int(FrameType::Knock) << int(kMaxControlPayloadBytes) + 1 << false;
    QTest::newRow("abort at the limit") << int(FrameType::Abort) << int(kMaxControlPayloadBytes) << true;
    QTest::newRow("view of 64 KiB") << int(FrameType::View) << (64 << 10) << false;
    QTest::newRow("reduce chunk of 1 MiB") << int(FrameType::ReduceChunk) << (1 << 20) << true;
    QTest::newRow("gather chunk over the stream's limit") << int(FrameType::GatherChunk) << (1 << 20) + 1 << false;
  }

  void payloadLimitDependsOnTheType() {
    QFETCH(int, type);
    QFETCH(int, payloadBytes);
    QFETCH(bool, accepted);
    auto header = encodeFrame({FrameType(type), WireFormat::Fp32, 1, 0, 0, 0, 0}, {});
    archi::le::store(std::span<std::uint8_t>(header), 24, std::uint32_t(payloadBytes));
    const auto parsed = parseFrameHeader(header, 1 << 20, 100);
    QCOMPARE(std::holds_alternative<FrameHeader>(parsed), accepted);
    if (!accepted) {
      const FrameError& error = std::get<FrameError>(parsed);
      QCOMPARE(error.byteOffset, std::uint64_t{124});
      QVERIFY2(QString::fromStdString(error.message).contains("exceeds the limit"), error.message.c_str());
    }
  }

  void parseHeaderRejectsWrongSize() {
    const std::vector<std::uint8_t> shortHeader(12, 0);
    QVERIFY(std::holds_alternative<FrameError>(parseFrameHeader(shortHeader, 1024, 0)));
  }

  // Random bytes, and valid frames with random corruption: only frames or errors come out.
  void hostileBytesNeverCrash() {
    std::mt19937 generator(1234);
    for (int trial = 0; trial < 2000; ++trial) {
      std::vector<std::uint8_t> bytes = sampleFrame(std::size_t(generator() % 64));
      const int flips = int(generator() % 4);
      for (int f = 0; f < flips; ++f) bytes[generator() % bytes.size()] = std::uint8_t(generator());
      if (trial % 3 == 0) bytes.resize(generator() % (bytes.size() + 1));
      FrameAssembler assembler(48);
      assembler.append(bytes);
      for (int step = 0; step < 4; ++step) {
        auto next = assembler.next();
        if (auto* frame = std::get_if<Frame>(&next)) QVERIFY(frame->payload.size() <= 48);
        if (!std::holds_alternative<Frame>(next)) break;
      }
    }
  }
};

QTEST_GUILESS_MAIN(FrameTest)
#include "FrameTest.moc"
