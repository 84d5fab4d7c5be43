// The rendezvous key-value store: its client/server round trip, its deadlines, its
// authentication (the run's secret proven both ways; unauthenticated, old and squatting peers
// refused or detected), write-once keys, and its resistance to hostile bytes (malformed,
// oversized, truncated, stalled and random frames).

#include <poll.h>
#include <sys/socket.h>

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <array>
#include <filesystem>
#include <functional>
#include <memory>
#include <random>
#include <thread>

#include "comm/gloo/KvProtocol.h"
#include "comm/gloo/RendezvousClient.h"
#include "comm/gloo/RendezvousError.h"
#include "comm/gloo/RendezvousServer.h"
#include "comm/gloo/StoreHandshake.h"

using namespace archi::comm;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(std::vector<std::uint8_t>)
Q_DECLARE_METATYPE(archi::comm::kv::FrameKind)
Q_DECLARE_METATYPE(archi::comm::RendezvousError::Kind)

namespace {

const RendezvousSecret& testSecret() {
  static const RendezvousSecret secret = RendezvousSecret::generate();
  return secret;
}

const RendezvousSecret& otherRunSecret() {
  static const RendezvousSecret secret = RendezvousSecret::generate();
  return secret;
}

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

// Sends raw bytes on a fresh connection (after the handshake when `authenticate`), optionally
// half-closes, then reads one reply frame and checks whether the server closes the connection
// afterwards.
RawReply sendRaw(const HostPort& server, const std::vector<std::uint8_t>& bytes, bool halfClose,
                 bool authenticate = true, std::chrono::milliseconds budget = 5000ms) {
  RawReply result;
  const auto deadline = SteadyClock::now() + budget;
  UniqueFd fd = connectTcp(server, deadline);
  if (authenticate) {
    authenticateToStore(fd.get(), server, testSecret(), kv::Limits{}, deadline, bytes);
  } else {
    sendAll(fd.get(), bytes, deadline);
  }
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
  options.secret = testSecret();
  return options;
}

// Every frame the server sends on one connection until it closes it (or `budget` ends).
struct RawSession {
  std::vector<kv::Reply> replies;
  bool closed = false;
};

RawSession rawSession(const HostPort& server, const std::vector<std::uint8_t>& bytes,
                      std::chrono::milliseconds budget = 3000ms) {
  RawSession session;
  const auto deadline = SteadyClock::now() + budget;
  UniqueFd fd = connectTcp(server, deadline);
  if (!bytes.empty()) sendAll(fd.get(), bytes, deadline);
  try {
    for (;;) session.replies.push_back(receiveReply(fd.get(), kv::Limits{}, deadline));
  } catch (const RendezvousError& e) {
    session.closed = e.kind() == RendezvousError::Kind::Io;
  }
  return session;
}

// A process squatting the rendezvous port: accepts one connection, records what it receives
// and answers its first bytes with `answer` (nothing when empty) until the client goes away.
class Squatter {
 public:
  explicit Squatter(std::vector<std::uint8_t> answer) : listener_(listenTcp({"127.0.0.1", 0}, 4)) {
    address_ = localAddress(listener_.get());
    thread_ = std::thread([this, answer = std::move(answer)] {
      try {
        serveOne(answer);
      } catch (const std::exception&) {
        // the client hung up: what it sent is recorded
      }
    });
  }
  ~Squatter() {
    if (thread_.joinable()) thread_.join();
  }
  const HostPort& address() const { return address_; }
  // What the client sent; call once the client gave up.
  std::string received() {
    if (thread_.joinable()) thread_.join();
    return received_;
  }

 private:
  void serveOne(const std::vector<std::uint8_t>& answer) {
    const auto deadline = SteadyClock::now() + 5s;
    auto connection = archi::net::acceptTcp(listener_.get(), deadline);
    if (!connection) return;
    bool answered = false;
    while (archi::net::waitFor(connection->get(), POLLIN, deadline)) {
      std::array<char, 4096> chunk{};
      const ssize_t n = ::recv(connection->get(), chunk.data(), chunk.size(), 0);
      if (n <= 0) return;
      received_.append(chunk.data(), static_cast<std::size_t>(n));
      if (!answered && !answer.empty()) {
        archi::net::sendAll(connection->get(), answer, deadline);
        answered = true;
      }
    }
  }

  UniqueFd listener_;
  HostPort address_;
  std::string received_;
  std::thread thread_;
};

std::vector<std::uint8_t> textBytes(const std::string& text) { return {text.begin(), text.end()}; }

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
    RendezvousClient client(server.address(), testSecret(), 2000ms, 2000ms);
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
    RendezvousClient client(server.address(), testSecret(), 2000ms, 2000ms);
    QVERIFY(!client.tryGet("group/0").has_value());
    client.set("group/0", {'a', 'b', '\0', 'c'});
    QCOMPARE(client.get("group/0"), (std::vector<char>{'a', 'b', '\0', 'c'}));
    QVERIFY_THROWS_EXCEPTION(RendezvousError, client.set("group/0", {'z'}));  // write-once
    QCOMPARE(client.get("group/0"), (std::vector<char>{'a', 'b', '\0', 'c'}));
    client.set("group/empty", {});
    QCOMPARE(client.get("group/empty"), std::vector<char>{});

    // A wait is answered as soon as another client publishes the key.
    std::thread publisher([address = server.address()] {
      std::this_thread::sleep_for(200ms);
      RendezvousClient late(address, testSecret(), 2000ms, 2000ms);
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
    RendezvousClient client(server.address(), testSecret(), 2000ms, 2000ms);
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
    RendezvousClient client(address, testSecret(), 3000ms, 3000ms);
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
    RendezvousClient client(unused, testSecret(), 500ms, 500ms);
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
    QTest::newRow("future version") << header(3, 0x02, 0, 5) << "byte 4: unsupported protocol version 3";
    QTest::newRow("unknown kind") << header(2, 0x42, 0, 0) << "byte 5: unknown frame kind 0x42";
    QTest::newRow("reply kind as request") << header(2, 0x81, 0, 0) << "not a request";
    QTest::newRow("reserved flags") << header(2, 0x02, 1, 5) << "byte 6: reserved flags";
    QTest::newRow("4 GiB payload") << header(2, 0x01, 0, 0xffffffffu) << "byte 8: payload length 4294967295 exceeds";
    QTest::newRow("key over limit") << concat(header(2, 0x02, 0, 2 + 65), concat(bytesOf({0, 65}), std::vector<std::uint8_t>(65, 'k')))
                                    << "byte 12: key length 65 exceeds the 64-byte limit";
    QTest::newRow("key with control byte") << concat(header(2, 0x02, 0, 5), bytesOf({0, 3, 'a', 0x07, 'b'}))
                                           << "byte 14: key byte 1 is 0x07";
    QTest::newRow("empty key") << concat(header(2, 0x02, 0, 2), bytesOf({0, 0})) << "byte 14: empty key";
    QTest::newRow("value over limit") << concat(header(2, 0x01, 0, 5 + 4), concat(key, bytesOf({0, 0, 0x10, 0x01})))
                                      << "byte 17: value length 4097 exceeds the 4096-byte limit";
    QTest::newRow("value longer than frame") << concat(header(2, 0x01, 0, 5 + 4 + 1), concat(key, bytesOf({0, 0, 0, 9, 'v'})))
                                             << "byte 21: payload ends inside the value";
    QTest::newRow("trailing bytes") << concat(header(2, 0x02, 0, 5 + 2), concat(key, bytesOf({1, 2})))
                                    << "byte 17: 2 unexpected bytes";
    QTest::newRow("wait without keys") << concat(header(2, 0x03, 0, 6), bytesOf({0, 0, 1, 0, 0, 0}))
                                       << "byte 16: key count 0 is outside 1..8";
    QTest::newRow("wait for too many keys") << concat(header(2, 0x03, 0, 6), bytesOf({0, 0, 1, 0, 0xff, 0xff}))
                                            << "byte 16: key count 65535";
    QTest::newRow("wait too long") << concat(header(2, 0x03, 0, 11), concat(bytesOf({0xff, 0xff, 0xff, 0xff, 0, 1}), key))
                                   << "byte 12: wait of 4294967295 ms exceeds";
    QTest::newRow("truncated then stalled") << concat(header(2, 0x01, 0, 100), key)
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
    RendezvousClient client(server.address(), testSecret(), 2000ms, 2000ms);
    client.set("after/attack", {'o', 'k'});
    QCOMPARE(client.get("after/attack"), (std::vector<char>{'o', 'k'}));
  }

  void pipelinedRequestsOnOneConnection() {
    RendezvousServer server(testServerOptions());
    const auto frames = concat(kv::encodeSet("p/1", std::vector<char>{'v'}), kv::encodeGet("p/1"));
    const auto deadline = SteadyClock::now() + 3s;
    UniqueFd fd = connectTcp(server.address(), deadline);
    authenticateToStore(fd.get(), server.address(), testSecret(), kv::Limits{}, deadline, frames);
    const auto ok = kv::encodeOk();
    const auto value = kv::encodeValue(std::vector<char>{'v'});
    std::vector<std::uint8_t> received(ok.size() + value.size());
    receiveExact(fd.get(), received, deadline);
    QCOMPARE(received, concat(ok, value));
  }

  // A client that pipelines requests for a large value and never reads the replies: the server
  // stops serving it once maxQueuedOutputBytes are queued (without the limit it would queue all
  // of them, 60 MB here), and closes it once it has taken nothing for writeDeadline.
  void replyQueueOfAClientThatNeverReadsIsBounded() {
    RendezvousServerOptions options = testServerOptions();
    options.limits.maxValueBytes = 64 * 1024;
    options.maxQueuedOutputBytes = 256 * 1024;
    options.writeDeadline = 1000ms;
    RendezvousServer server(options);
    const std::vector<char> big(60 * 1024, 'v');
    RendezvousClient(server.address(), testSecret(), 2000ms, 2000ms).set("big/value", big);

    const auto deadline = SteadyClock::now() + 10s;
    UniqueFd fd = connectTcp(server.address(), deadline);
    authenticateToStore(fd.get(), server.address(), testSecret(), kv::Limits{}, deadline, {});
    constexpr int kRequests = 1000;
    std::vector<std::uint8_t> requests;
    const std::vector<std::uint8_t> get = kv::encodeGet("big/value");
    for (int i = 0; i < kRequests; ++i) requests.insert(requests.end(), get.begin(), get.end());
    std::size_t sent = 0;
    const auto sendUntil = SteadyClock::now() + 2s;  // the kernel takes what the server does not read
    while (sent < requests.size() && SteadyClock::now() < sendUntil) {
      const ssize_t n = ::send(fd.get(), requests.data() + sent, requests.size() - sent, MSG_DONTWAIT | MSG_NOSIGNAL);
      if (n > 0) sent += static_cast<std::size_t>(n);
      else std::this_thread::sleep_for(10ms);
    }
    std::this_thread::sleep_for(500ms);  // the server reads and serves what it will
    const auto counters = server.counters();
    const std::size_t oneReply = kv::kHeaderBytes + 4 + big.size();
    qInfo("sent %zu of %zu request bytes; %llu requests served; peak reply queue %zu bytes", sent, requests.size(),
          static_cast<unsigned long long>(counters.requestsServed), counters.peakQueuedOutputBytes);
    QVERIFY2(counters.peakQueuedOutputBytes < options.maxQueuedOutputBytes + oneReply,
             "the server queued replies past its limit for a client that does not read them");
    QVERIFY2(counters.requestsServed < kRequests, "the server served every request of a client that reads nothing");

    // It is closed once its socket has taken nothing for writeDeadline.
    QTRY_COMPARE_WITH_TIMEOUT(server.counters().writeDeadlinesMissed, std::uint64_t{1}, 5000);
    bool closed = false;
    std::array<std::uint8_t, 64 * 1024> sink{};
    while (!closed && archi::net::waitFor(fd.get(), POLLIN, SteadyClock::now() + 3s)) {
      closed = ::recv(fd.get(), sink.data(), sink.size(), 0) <= 0;
    }
    QVERIFY2(closed, "the connection stayed open after its write deadline");
    // The store goes on serving others.
    QCOMPARE(RendezvousClient(server.address(), testSecret(), 2000ms, 2000ms).get("big/value"), big);
  }

  // The same pipelining from a client that does read: it is throttled, not refused, and gets
  // every reply in order (the server resumes the requests that waited behind its replies).
  void pipeliningClientThatReadsGetsEveryReply() {
    RendezvousServerOptions options = testServerOptions();
    options.limits.maxValueBytes = 64 * 1024;
    options.maxQueuedOutputBytes = 128 * 1024;
    RendezvousServer server(options);
    const std::vector<char> big(60 * 1024, 'w');
    RendezvousClient(server.address(), testSecret(), 2000ms, 2000ms).set("big/value", big);

    const auto deadline = SteadyClock::now() + 20s;
    UniqueFd fd = connectTcp(server.address(), deadline);
    authenticateToStore(fd.get(), server.address(), testSecret(), kv::Limits{}, deadline, {});
    constexpr int kRequests = 300;
    std::thread sender([&] {
      for (int i = 0; i < kRequests; ++i) sendAll(fd.get(), kv::encodeGet("big/value"), deadline);
    });
    int values = 0;
    try {
      for (; values < kRequests; ++values) {
        const kv::Reply reply = receiveReply(fd.get(), options.limits, deadline);
        if (reply.kind != kv::FrameKind::Value || reply.value != big) break;
      }
    } catch (const RendezvousError& e) {
      qWarning("%s", e.what());
    }
    sender.join();
    QCOMPARE(values, kRequests);
    QVERIFY(server.counters().peakQueuedOutputBytes < options.maxQueuedOutputBytes + kv::kHeaderBytes + 4 + big.size());
    QCOMPARE(server.counters().writeDeadlinesMissed, std::uint64_t{0});
  }

  void storeLimitsAreEnforced() {
    RendezvousServerOptions options = testServerOptions();
    options.maxKeys = 2;
    options.maxStoredBytes = 1000;
    RendezvousServer server(options);
    RendezvousClient client(server.address(), testSecret(), 2000ms, 2000ms);
    client.set("k/1", std::vector<char>(100, 'a'));
    client.set("k/elastic/2", std::vector<char>(100, 'b'));
    try {
      client.set("k/3", {'c'});
      QFAIL("a third key was accepted with a 2-key limit");
    } catch (const RendezvousError& e) {
      QCOMPARE(e.kind(), RendezvousError::Kind::Rejected);
      QVERIFY2(QString::fromUtf8(e.what()).contains("2 keys is the limit"), e.what());
    }
    try {
      client.set("k/elastic/2", std::vector<char>(950, 'b'));  // a rewritable key, grown past the byte limit
      QFAIL("a value past the stored-bytes limit was accepted");
    } catch (const RendezvousError& e) {
      QVERIFY2(QString::fromUtf8(e.what()).contains("1000 bytes is the limit"), e.what());
    }
    // Client-side checks refuse what the server would refuse, before sending.
    QVERIFY_THROWS_EXCEPTION(RendezvousError, client.set("bad key", {'x'}));
    QVERIFY_THROWS_EXCEPTION(RendezvousError, client.set("k/1", std::vector<char>(kv::Limits{}.maxValueBytes + 1)));
    QCOMPARE(client.get("k/elastic/2"), std::vector<char>(100, 'b'));
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
    const RawReply raw = sendRaw(server.address(), kv::encodeGet("x/1"), true, false);
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
      const RawReply raw = sendRaw(server.address(), bytes, true, round % 4 < 2);
      if (raw.gotFrame) QVERIFY(kv::isReply(raw.reply.kind));
    }
    RendezvousClient client(server.address(), testSecret(), 2000ms, 2000ms);
    client.set("fuzz/after", {'1'});
    QCOMPARE(client.get("fuzz/after"), std::vector<char>{'1'});
    QVERIFY(server.counters().connectionsAccepted >= 300);
  }

  // Clients holding the run's secret are served; one holding another run's secret finds that
  // the store does not prove *its* secret, and stops before sending any key.
  void clientsProveTheSecret_data() {
    QTest::addColumn<bool>("sameRun");
    QTest::newRow("right secret") << true;
    QTest::newRow("another run's secret") << false;
  }

  void clientsProveTheSecret() {
    QFETCH(bool, sameRun);
    RendezvousServer server(testServerOptions());
    RendezvousClient client(server.address(), sameRun ? testSecret() : otherRunSecret(), 2000ms, 2000ms);
    if (sameRun) {
      client.set("auth/0", {'1'});
      QCOMPARE(client.get("auth/0"), std::vector<char>{'1'});
      QCOMPARE(server.counters().handshakesRefused, std::uint64_t(0));
      return;
    }
    try {
      client.set("auth/0", {'1'});
      QFAIL("a client with another run's secret was served");
    } catch (const RendezvousError& e) {
      QCOMPARE(e.kind(), RendezvousError::Kind::Authentication);
      const QString message = QString::fromUtf8(e.what());
      QVERIFY2(message.contains(QString::fromStdString(formatHostPort(server.address()))), e.what());
      QVERIFY2(message.contains("proof of the rendezvous secret is wrong"), e.what());
    }
    RendezvousClient owner(server.address(), testSecret(), 2000ms, 2000ms);
    QVERIFY(!owner.tryGet("auth/0").has_value());
  }

  // What the server answers clients that do not prove the secret: AuthFailed (or, for bytes
  // that are not a frame at all, Error) and a closed connection, within the frame deadline.
  void refusesUnauthenticatedClients_data() {
    QTest::addColumn<std::vector<std::uint8_t>>("bytes");
    QTest::addColumn<archi::comm::kv::FrameKind>("expectedKind");
    QTest::addColumn<QString>("expectedText");
    const StoreToken nonce = randomStoreNonce();
    const StoreToken wrongProof{};
    QTest::newRow("wrong proof") << concat(kv::encodeHello(nonce), kv::encodeAuth(wrongProof)) << kv::FrameKind::AuthFailed
                                 << "wrong rendezvous secret";
    QTest::newRow("request without handshake") << kv::encodeSet("grp/0", std::vector<char>{'x'})
                                               << kv::FrameKind::AuthFailed << "expected the authentication handshake's Hello";
    QTest::newRow("auth before hello") << kv::encodeAuth(wrongProof) << kv::FrameKind::AuthFailed << "Hello frame";
    QTest::newRow("second hello") << concat(kv::encodeHello(nonce), kv::encodeHello(nonce)) << kv::FrameKind::AuthFailed
                                  << "Auth frame";
    QTest::newRow("hello of the wrong size, refused before its payload") << header(2, 0x04, 0, 100)
                                                                         << kv::FrameKind::AuthFailed << "with 100 bytes";
    QTest::newRow("raw garbage") << textBytes("GET / HTTP/1.1\r\n\r\n") << kv::FrameKind::Error << "bad magic";
    QTest::newRow("silent client") << std::vector<std::uint8_t>{} << kv::FrameKind::AuthFailed
                                   << "no authentication within 300 ms";
    QTest::newRow("hello, then silence") << kv::encodeHello(nonce) << kv::FrameKind::AuthFailed
                                         << "the handshake's Auth frame did not arrive";
  }

  void refusesUnauthenticatedClients() {
    QFETCH(std::vector<std::uint8_t>, bytes);
    QFETCH(archi::comm::kv::FrameKind, expectedKind);
    QFETCH(QString, expectedText);
    RendezvousServer server(testServerOptions());
    QElapsedTimer timer;
    timer.start();
    const RawSession session = rawSession(server.address(), bytes);
    QVERIFY2(timer.elapsed() < 2500, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(!session.replies.empty());
    const kv::Reply& last = session.replies.back();
    QCOMPARE(last.kind, expectedKind);
    QVERIFY2(QString::fromStdString(last.message).contains(expectedText), last.message.c_str());
    QVERIFY2(session.closed, "the server must close a connection it refused");
    for (const kv::Reply& reply : session.replies) {
      QVERIFY(reply.kind == kv::FrameKind::Challenge || reply.kind == expectedKind);
    }
    RendezvousClient client(server.address(), testSecret(), 2000ms, 2000ms);
    QVERIFY(!client.tryGet("grp/0").has_value());  // nothing was stored
  }

  // A version-1 client gets a version-1 Error frame it can read, telling it to upgrade.
  void oldClientIsToldToUpgrade() {
    RendezvousServer server(testServerOptions());
    auto v1Set = kv::encodeSet("grp/0", std::vector<char>{'x'});
    v1Set[4] = kv::kUnauthenticatedVersion;
    const auto deadline = SteadyClock::now() + 3s;
    UniqueFd fd = connectTcp(server.address(), deadline);
    sendAll(fd.get(), v1Set, deadline);
    std::array<std::uint8_t, kv::kHeaderBytes> head{};
    receiveExact(fd.get(), head, deadline);
    QCOMPARE(int(head[4]), 1);
    QCOMPARE(int(head[5]), int(kv::FrameKind::Error));
    std::vector<std::uint8_t> payload(static_cast<std::size_t>(head[10]) << 8 | head[11]);
    receiveExact(fd.get(), payload, deadline);
    const auto reply = kv::decodeReply(kv::FrameKind::Error, payload, kv::Limits{});
    QVERIFY(std::holds_alternative<kv::Reply>(reply));
    const std::string message = std::get<kv::Reply>(reply).message;
    QVERIFY2(message.find("version 1 (unauthenticated) is refused") != std::string::npos, message.c_str());
    QCOMPARE(server.counters().handshakesRefused, std::uint64_t(1));
  }

  // Someone else listening on the rendezvous port: the client names the address and hands it
  // no key.
  void detectsASquatter_data() {
    QTest::addColumn<std::vector<std::uint8_t>>("answer");
    QTest::addColumn<archi::comm::RendezvousError::Kind>("expectedKind");
    QTest::addColumn<QString>("expectedText");
    using Kind = archi::comm::RendezvousError::Kind;
    QTest::newRow("answers garbage") << textBytes("HTTP/1.1 400 Bad Request\r\n\r\n") << Kind::Authentication
                                     << "not this run's rendezvous store: bad reply at byte 0: bad magic";
    QTest::newRow("echoes the hello") << std::vector<std::uint8_t>{} << Kind::Authentication
                                      << "not this run's rendezvous store: bad reply at byte 5";
    QTest::newRow("forged challenge") << kv::encodeChallenge(randomStoreNonce(), randomStoreNonce()) << Kind::Authentication
                                      << "its proof of the rendezvous secret is wrong";
    QTest::newRow("stays silent") << std::vector<std::uint8_t>{} << Kind::Timeout << "authentication challenge";
  }

  void detectsASquatter() {
    QFETCH(std::vector<std::uint8_t>, answer);
    QFETCH(archi::comm::RendezvousError::Kind, expectedKind);
    QFETCH(QString, expectedText);
    const bool echo = QByteArray(QTest::currentDataTag()) == "echoes the hello";
    Squatter squatter(echo ? kv::encodeHello(randomStoreNonce()) : answer);
    RendezvousClient client(squatter.address(), testSecret(), 500ms, 500ms);
    try {
      client.set("secret-rank/0", {'a', 'd', 'd', 'r'});
      QFAIL("the client handed its key to a squatter");
    } catch (const RendezvousError& e) {
      QCOMPARE(e.kind(), expectedKind);
      const QString message = QString::fromUtf8(e.what());
      QVERIFY2(message.contains(QString::fromStdString(formatHostPort(squatter.address()))), e.what());
      QVERIFY2(message.contains(expectedText), e.what());
    }
    QVERIFY(squatter.received().find("secret-rank") == std::string::npos);
  }

  // Gloo's per-rank keys are written once; the elastic group's membership keys may change.
  void keysAreWriteOnceOutsideTheElasticGroup_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("rewritable");
    QTest::newRow("gloo rank key") << "run-dc-ab12-g1/0" << false;
    QTest::newRow("gloo rank key, other rank") << "run-dc-ab12-g3/17" << false;
    QTest::newRow("elastic generation") << "run-dc/elastic/gen" << true;
    QTest::newRow("elastic want") << "run-dc/elastic/want/2" << true;
    QTest::newRow("elastic join") << "run-dc/elastic/join" << true;
  }

  void keysAreWriteOnceOutsideTheElasticGroup() {
    QFETCH(QString, key);
    QFETCH(bool, rewritable);
    RendezvousServer server(testServerOptions());
    RendezvousClient first(server.address(), testSecret(), 2000ms, 2000ms);
    RendezvousClient second(server.address(), testSecret(), 2000ms, 2000ms);
    const std::string name = key.toStdString();
    first.set(name, {'1'});
    if (rewritable) {
      second.set(name, {'2'});
      QCOMPARE(first.get(name), std::vector<char>{'2'});
      return;
    }
    try {
      second.set(name, {'2'});
      QFAIL("a write-once key was set twice");
    } catch (const RendezvousError& e) {
      QCOMPARE(e.kind(), RendezvousError::Kind::Rejected);
      QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("key '%1' is already set and write-once").arg(key)),
               e.what());
    }
    QCOMPARE(first.get(name), std::vector<char>{'1'});
  }

  void serverNeedsASecret() {
    RendezvousServerOptions options = testServerOptions();
    options.secret = RendezvousSecret();
    QVERIFY_THROWS_EXCEPTION(RendezvousError, RendezvousServer{options});
  }

  void secretFiles() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("dc.secret").toStdString();
    const RendezvousSecret secret = RendezvousSecret::generate();
    secret.writeFile(path);
    QVERIFY((std::filesystem::status(path).permissions() & std::filesystem::perms::all) ==
            (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
    QCOMPARE(RendezvousSecret::readFile(path).toHex(), secret.toHex());
    QCOMPARE(secret.toHex().size(), std::size_t(64));
    std::filesystem::permissions(path, std::filesystem::perms::group_read, std::filesystem::perm_options::add);
    try {
      RendezvousSecret::readFile(path);
      QFAIL("a secret readable by the group was accepted");
    } catch (const std::runtime_error& e) {
      QVERIFY2(QString::fromUtf8(e.what()).contains("chmod 600"), e.what());
    }
    std::string error;
    QVERIFY(!RendezvousSecret::fromHex("abc", error).has_value());
    QVERIFY(!RendezvousSecret::fromHex(std::string(63, '0') + "g", error).has_value());
    QVERIFY2(error.find("not a hex digit") != std::string::npos, error.c_str());
  }

  void replyDecoderRejectsHostileReplies() {
    // A client must survive a hostile server too: a reply claiming a huge value is refused.
    const auto head = header(2, 0x82, 0, 4);
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
