// The rendezvous key-value store: its client/server round trip, its deadlines, and its
// resistance to hostile bytes (malformed, oversized, truncated, stalled and random frames).

#include <sys/socket.h>

#include <QElapsedTimer>
#include <QtTest>

#include <array>
#include <memory>
#include <random>
#include <thread>

#include "comm/gloo/KvProtocol.h"
#include "comm/gloo/RendezvousClient.h"
#include "comm/gloo/RendezvousError.h"
#include "comm/gloo/RendezvousServer.h"

using namespace archi::comm;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(std::vector<std::uint8_t>)

namespace {

std::vector<std::uint8_t> bytesOf(std::initializer_list<int> values) {
  std::vector<std::uint8_t> bytes;
  for (int v : values) bytes.push_back(static_cast<std::uint8_t>(v));
  return bytes;
}

std::vector<std::uint8_t> header(int version, int kind, int flags, std::uint32_t length) {
  return bytesOf({'A', 'K', 'V', 'S', version, kind, flags >> 8, flags & 0xff, static_cast<int>(length >> 24),
                  static_cast<int>((length >> 16) & 0xff), static_cast<int>((length >> 8) & 0xff),
                  static_cast<int>(length & 0xff)});
}

std::vector<std::uint8_t> concat(std::vector<std::uint8_t> a, const std::vector<std::uint8_t>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

struct RawReply {
  bool gotFrame = false;
  kv::Reply reply;
  bool closedAfter = false;
};

// Sends raw bytes on a fresh connection, optionally half-closes, then reads one reply frame
// and checks whether the server closes the connection afterwards.
RawReply sendRaw(const HostPort& server, const std::vector<std::uint8_t>& bytes, bool halfClose,
                 std::chrono::milliseconds budget = 5000ms) {
  RawReply result;
  const auto deadline = SteadyClock::now() + budget;
  UniqueFd fd = connectTcp(server, deadline);
  sendAll(fd.get(), bytes, deadline);
  if (halfClose) ::shutdown(fd.get(), SHUT_WR);
  try {
    std::array<std::uint8_t, kv::kHeaderBytes> head{};
    receiveExact(fd.get(), head, deadline);
    auto decoded = kv::decodeHeader(head, kv::Limits{});
    if (auto* frame = std::get_if<kv::FrameHeader>(&decoded)) {
      std::vector<std::uint8_t> payload(frame->payloadBytes);
      receiveExact(fd.get(), payload, deadline);
      auto reply = kv::decodeReply(frame->kind, payload, kv::Limits{});
      if (auto* r = std::get_if<kv::Reply>(&reply)) {
        result.gotFrame = true;
        result.reply = std::move(*r);
      }
    }
    std::array<std::uint8_t, 1> more{};
    receiveExact(fd.get(), more, deadline);
  } catch (const RendezvousError& e) {
    result.closedAfter = e.kind() == RendezvousError::Kind::Io;
  }
  return result;
}

RendezvousServerOptions testServerOptions() {
  RendezvousServerOptions options;
  options.bind = {"127.0.0.1", 0};
  options.frameDeadline = 300ms;
  options.limits.maxKeyBytes = 64;
  options.limits.maxValueBytes = 4096;
  options.limits.maxWaitKeys = 8;
  return options;
}

}  // namespace

class RendezvousStoreTest : public QObject {
  Q_OBJECT

 private slots:
  void parseHostPort_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::newRow("ipv4") << "10.0.0.1:29500" << true << "10.0.0.1" << 29500;
    QTest::newRow("name") << "leader.dc1:1" << true << "leader.dc1" << 1;
    QTest::newRow("ipv6") << "[::1]:80" << true << "::1" << 80;
    QTest::newRow("no port") << "10.0.0.1" << false << "" << 0;
    QTest::newRow("port too big") << "h:65536" << false << "" << 0;
    QTest::newRow("port not a number") << "h:12x" << false << "" << 0;
    QTest::newRow("bare ipv6") << "::1:80" << false << "" << 0;
    QTest::newRow("no host") << ":80" << false << "" << 0;
  }

  void parseHostPort() {
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, host);
    QFETCH(int, port);
    std::string error;
    const auto parsed = archi::comm::parseHostPort(text.toStdString(), error);
    QCOMPARE(parsed.has_value(), valid);
    if (valid) {
      QCOMPARE(QString::fromStdString(parsed->host), host);
      QCOMPARE(int(parsed->port), port);
    } else {
      QVERIFY(!error.empty());
    }
  }

  void bindsToANamedInterface() {
    RendezvousServerOptions options = testServerOptions();
    options.bind.host = "0.0.0.0";
    options.bindInterface = "lo";
    RendezvousServer server(options);
    QCOMPARE(QString::fromStdString(server.address().host), QStringLiteral("127.0.0.1"));
    RendezvousClient client(server.address(), 2000ms, 2000ms);
    client.set("iface/0", {'1'});
    QCOMPARE(client.get("iface/0"), std::vector<char>{'1'});

    options.bindInterface = "no-such-if0";
    try {
      RendezvousServer missing(options);
      QFAIL("a server bound to a missing interface");
    } catch (const RendezvousError& e) {
      const QString message = QString::fromUtf8(e.what());
      QVERIFY2(message.contains("'no-such-if0'") && message.contains(" lo"), qPrintable(message));
    }
  }

  void setGetWaitRoundTrip() {
    RendezvousServer server(testServerOptions());
    RendezvousClient client(server.address(), 2000ms, 2000ms);
    QVERIFY(!client.tryGet("group/0").has_value());
    client.set("group/0", {'a', 'b', '\0', 'c'});
    QCOMPARE(client.get("group/0"), (std::vector<char>{'a', 'b', '\0', 'c'}));
    client.set("group/0", {'z'});  // overwrite
    QCOMPARE(client.get("group/0"), (std::vector<char>{'z'}));
    client.set("group/empty", {});
    QCOMPARE(client.get("group/empty"), std::vector<char>{});

    // A wait is answered as soon as another client publishes the key.
    std::thread publisher([address = server.address()] {
      std::this_thread::sleep_for(200ms);
      RendezvousClient late(address, 2000ms, 2000ms);
      late.set("group/1", {'x'});
    });
    QElapsedTimer timer;
    timer.start();
    client.wait({"group/0", "group/1"}, 3000ms);
    publisher.join();
    QVERIFY2(timer.elapsed() < 2500, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(client.get("group/1"), (std::vector<char>{'x'}));
  }

  void waitTimesOutNamingMissingKeys() {
    RendezvousServer server(testServerOptions());
    RendezvousClient client(server.address(), 2000ms, 2000ms);
    client.set("g/0", {'1'});
    QElapsedTimer timer;
    timer.start();
    try {
      client.wait({"g/0", "g/7"}, 400ms);
      QFAIL("wait for a key nobody publishes returned");
    } catch (const RendezvousError& e) {
      QCOMPARE(e.kind(), RendezvousError::Kind::Timeout);
      const QString message = QString::fromUtf8(e.what());
      QVERIFY2(message.contains("'g/7'"), qPrintable(message));
      QVERIFY2(message.contains("timed out after 400 ms"), qPrintable(message));
    }
    QVERIFY(timer.elapsed() >= 350);
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
  }

  void clientWaitsForALateLeader() {
    // Workers may start before their leader serves the store: requests retry until it does.
    HostPort address;
    {
      UniqueFd fd = listenTcp({"127.0.0.1", 0}, 1);
      address = localAddress(fd.get());
    }
    std::unique_ptr<RendezvousServer> server;
    std::thread leader([&] {
      std::this_thread::sleep_for(300ms);
      RendezvousServerOptions options = testServerOptions();
      options.bind = address;
      server = std::make_unique<RendezvousServer>(options);
    });
    RendezvousClient client(address, 3000ms, 3000ms);
    QElapsedTimer timer;
    timer.start();
    client.set("late/0", {'1'});
    leader.join();
    QVERIFY(timer.elapsed() >= 250);
    QCOMPARE(client.get("late/0"), std::vector<char>{'1'});
  }

  void clientGivesUpWhenNoServer() {
    // Bind a port, then close it: nobody listens there.
    HostPort unused;
    {
      UniqueFd fd = listenTcp({"127.0.0.1", 0}, 1);
      unused = localAddress(fd.get());
    }
    RendezvousClient client(unused, 500ms, 500ms);
    QElapsedTimer timer;
    timer.start();
    QVERIFY_THROWS_EXCEPTION(RendezvousError, client.set("k", {'v'}));
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
  }

  void rejectsHostileFrames_data() {
    QTest::addColumn<std::vector<std::uint8_t>>("frame");
    QTest::addColumn<QString>("expectedError");
    const auto key = bytesOf({0, 3, 'a', '/', 'b'});
    QTest::newRow("bad magic") << bytesOf({'G', 'E', 'T', ' ', '/', ' ', 'H', 'T', 'T', 'P', '/', '1'})
                               << "byte 0: bad magic";
    QTest::newRow("future version") << header(2, 0x02, 0, 5) << "byte 4: unsupported protocol version 2";
    QTest::newRow("unknown kind") << header(1, 0x42, 0, 0) << "byte 5: unknown frame kind 0x42";
    QTest::newRow("reply kind as request") << header(1, 0x81, 0, 0) << "not a request";
    QTest::newRow("reserved flags") << header(1, 0x02, 1, 5) << "byte 6: reserved flags";
    QTest::newRow("4 GiB payload") << header(1, 0x01, 0, 0xffffffffu) << "byte 8: payload length 4294967295 exceeds";
    QTest::newRow("key over limit") << concat(header(1, 0x02, 0, 2 + 65), concat(bytesOf({0, 65}), std::vector<std::uint8_t>(65, 'k')))
                                    << "byte 12: key length 65 exceeds the 64-byte limit";
    QTest::newRow("key with control byte") << concat(header(1, 0x02, 0, 5), bytesOf({0, 3, 'a', 0x07, 'b'}))
                                           << "byte 14: key byte 1 is 0x07";
    QTest::newRow("empty key") << concat(header(1, 0x02, 0, 2), bytesOf({0, 0})) << "byte 14: empty key";
    QTest::newRow("value over limit") << concat(header(1, 0x01, 0, 5 + 4), concat(key, bytesOf({0, 0, 0x10, 0x01})))
                                      << "byte 17: value length 4097 exceeds the 4096-byte limit";
    QTest::newRow("value longer than frame") << concat(header(1, 0x01, 0, 5 + 4 + 1), concat(key, bytesOf({0, 0, 0, 9, 'v'})))
                                             << "byte 21: payload ends inside the value";
    QTest::newRow("trailing bytes") << concat(header(1, 0x02, 0, 5 + 2), concat(key, bytesOf({1, 2})))
                                    << "byte 17: 2 unexpected bytes";
    QTest::newRow("wait without keys") << concat(header(1, 0x03, 0, 6), bytesOf({0, 0, 1, 0, 0, 0}))
                                       << "byte 16: key count 0 is outside 1..8";
    QTest::newRow("wait for too many keys") << concat(header(1, 0x03, 0, 6), bytesOf({0, 0, 1, 0, 0xff, 0xff}))
                                            << "byte 16: key count 65535";
    QTest::newRow("wait too long") << concat(header(1, 0x03, 0, 11), concat(bytesOf({0xff, 0xff, 0xff, 0xff, 0, 1}), key))
                                   << "byte 12: wait of 4294967295 ms exceeds";
    QTest::newRow("truncated then stalled") << concat(header(1, 0x01, 0, 100), key)
                                            << "incomplete frame: 17 bytes received";
    QTest::newRow("half a header, stalled") << bytesOf({'A', 'K', 'V'}) << "incomplete frame: 3 bytes received";
  }

  void rejectsHostileFrames() {
    QFETCH(std::vector<std::uint8_t>, frame);
    QFETCH(QString, expectedError);
    RendezvousServer server(testServerOptions());
    QElapsedTimer timer;
    timer.start();
    const RawReply raw = sendRaw(server.address(), frame, false);
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(raw.gotFrame);
    QCOMPARE(raw.reply.kind, kv::FrameKind::Error);
    QVERIFY2(QString::fromStdString(raw.reply.message).contains(expectedError), raw.reply.message.c_str());
    QVERIFY2(raw.closedAfter, "the server must close a connection after a protocol error");
    QCOMPARE(server.counters().framesRejected, std::uint64_t(1));

    // The server keeps serving well-behaved clients.
    RendezvousClient client(server.address(), 2000ms, 2000ms);
    client.set("after/attack", {'o', 'k'});
    QCOMPARE(client.get("after/attack"), (std::vector<char>{'o', 'k'}));
  }

  void pipelinedRequestsOnOneConnection() {
    RendezvousServer server(testServerOptions());
    const auto frames = concat(kv::encodeSet("p/1", std::vector<char>{'v'}), kv::encodeGet("p/1"));
    const auto deadline = SteadyClock::now() + 3s;
    UniqueFd fd = connectTcp(server.address(), deadline);
    sendAll(fd.get(), frames, deadline);
    const auto ok = kv::encodeOk();
    const auto value = kv::encodeValue(std::vector<char>{'v'});
    std::vector<std::uint8_t> received(ok.size() + value.size());
    receiveExact(fd.get(), received, deadline);
    QCOMPARE(received, concat(ok, value));
  }

  void storeLimitsAreEnforced() {
    RendezvousServerOptions options = testServerOptions();
    options.maxKeys = 2;
    options.maxStoredBytes = 1000;
    RendezvousServer server(options);
    RendezvousClient client(server.address(), 2000ms, 2000ms);
    client.set("k/1", std::vector<char>(100, 'a'));
    client.set("k/2", std::vector<char>(100, 'b'));
    try {
      client.set("k/3", {'c'});
      QFAIL("a third key was accepted with a 2-key limit");
    } catch (const RendezvousError& e) {
      QCOMPARE(e.kind(), RendezvousError::Kind::Rejected);
      QVERIFY2(QString::fromUtf8(e.what()).contains("2 keys is the limit"), e.what());
    }
    QVERIFY_THROWS_EXCEPTION(RendezvousError, client.set("k/2", std::vector<char>(2000, 'b')));
    // Client-side checks refuse what the server would refuse, before sending.
    QVERIFY_THROWS_EXCEPTION(RendezvousError, client.set("bad key", {'x'}));
    QVERIFY_THROWS_EXCEPTION(RendezvousError, client.set("k/1", std::vector<char>(kv::Limits{}.maxValueBytes + 1)));
    QCOMPARE(client.get("k/2"), std::vector<char>(100, 'b'));
  }

  void tooManyConnectionsAreTurnedAway() {
    RendezvousServerOptions options = testServerOptions();
    options.maxConnections = 2;
    RendezvousServer server(options);
    const auto deadline = SteadyClock::now() + 3s;
    UniqueFd first = connectTcp(server.address(), deadline);
    UniqueFd second = connectTcp(server.address(), deadline);
    // Let the server accept both idle connections before the third arrives.
    std::this_thread::sleep_for(100ms);
    const RawReply raw = sendRaw(server.address(), kv::encodeGet("x/1"), true);
    QVERIFY(raw.gotFrame);
    QCOMPARE(raw.reply.kind, kv::FrameKind::Error);
    QVERIFY2(raw.reply.message.find("server busy") != std::string::npos, raw.reply.message.c_str());
  }

  void survivesRandomAndMutatedFrames() {
    RendezvousServer server(testServerOptions());
    std::mt19937_64 random(20261128);
    const auto valid = kv::encodeSet("fuzz/key", std::vector<char>(40, 'v'));
    for (int round = 0; round < 300; ++round) {
      std::vector<std::uint8_t> bytes;
      if (round % 2 == 0) {
        bytes.resize(1 + random() % 64);
        for (auto& b : bytes) b = static_cast<std::uint8_t>(random());
      } else {
        bytes = valid;
        const int flips = 1 + static_cast<int>(random() % 4);
        for (int f = 0; f < flips; ++f) bytes[random() % bytes.size()] = static_cast<std::uint8_t>(random());
        bytes.resize(1 + random() % bytes.size());
      }
      // Half-closing tells the server the frame will never complete, so no round waits out
      // the frame deadline; any reply must be a well-formed frame.
      const RawReply raw = sendRaw(server.address(), bytes, true);
      if (raw.gotFrame) QVERIFY(kv::isReply(raw.reply.kind));
    }
    RendezvousClient client(server.address(), 2000ms, 2000ms);
    client.set("fuzz/after", {'1'});
    QCOMPARE(client.get("fuzz/after"), std::vector<char>{'1'});
    QVERIFY(server.counters().connectionsAccepted >= 300);
  }

  void replyDecoderRejectsHostileReplies() {
    // A client must survive a hostile server too: a reply claiming a huge value is refused.
    const auto head = header(1, 0x82, 0, 4);
    auto decoded = kv::decodeHeader(head, kv::Limits{});
    QVERIFY(std::holds_alternative<kv::FrameHeader>(decoded));
    auto reply = kv::decodeReply(kv::FrameKind::Value, bytesOf({0x7f, 0xff, 0xff, 0xff}), kv::Limits{});
    QVERIFY(std::holds_alternative<kv::DecodeError>(reply));
    QCOMPARE(std::get<kv::DecodeError>(reply).byteOffset, std::size_t(12));
    auto request = kv::decodeReply(kv::FrameKind::Get, {}, kv::Limits{});
    QVERIFY(std::holds_alternative<kv::DecodeError>(request));
  }
};

QTEST_GUILESS_MAIN(RendezvousStoreTest)
#include "tst_rendezvous_store.moc"
