// WAN transport in one process: mutual TLS refusals on both sides (foreign CA, expired,
// wrong run id, wrong role), each with its log line, and deadlines instead of hangs.

#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <spdlog/sinks/ostream_sink.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <sstream>
#include <thread>

#include "comm/pki/CertificateAuthority.h"
#include "comm/wan/Frame.h"
#include "comm/wan/SyntheticGradient.h"
#include "comm/wan/TlsStream.h"
#include "comm/wan/WanError.h"
#include "comm/wan/WanGroup.h"
#include "comm/wan/WanTopology.h"

using namespace archi;
using namespace std::chrono_literals;

namespace {

struct CapturedLog {
  std::ostringstream text;
  std::shared_ptr<spdlog::logger> logger = std::make_shared<spdlog::logger>(
      "test", std::make_shared<spdlog::sinks::ostream_sink_mt>(text));
  std::string str() {
    logger->flush();
    return text.str();
  }
};

// ours/: the run's CA with leader-0 and leader-1 (run r1); intruders/: look-alikes.
struct TestPki {
  QTemporaryDir dir;
  std::filesystem::path root{dir.path().toStdString()};

  TestPki() {
    const auto ca = pki::CertificateAuthority::create(root / "ours", "ours");
    for (const char* name : {"leader-0", "leader-1"}) {
      ca.issueToDirectory({pki::PeerRole::Worker, name, "r1", {}, {}, 1h}, root / "ours");
    }
    ca.issueToDirectory(
        {pki::PeerRole::Worker, "leader-1", "r1", {}, std::chrono::system_clock::now() - 48h, 24h},
        root / "expired");
    ca.issueToDirectory({pki::PeerRole::Worker, "leader-1", "r2", {}, {}, 1h}, root / "other-run");
    ca.issueToDirectory({pki::PeerRole::Node, "leader-1", "r1", {}, {}, 1h}, root / "node-role");
    const auto foreign = pki::CertificateAuthority::create(root / "foreign-ca", "foreign");
    foreign.issueToDirectory({pki::PeerRole::Worker, "leader-1", "r1", {}, {}, 1h},
                             root / "foreign");
  }

  wan::WanGroupConfig config(int rank, std::vector<wan::LeaderAddress> leaders,
                             std::shared_ptr<spdlog::logger> logger) {
    wan::WanGroupConfig config;
    config.rank = rank;
    config.leaders = std::move(leaders);
    const std::string name = "leader-" + std::to_string(rank);
    config.identity = {root / "ours/ca.crt", root / "ours" / (name + ".crt"),
                       root / "ours" / (name + ".key")};
    config.policy = {pki::PeerRole::Worker, "r1"};
    config.streamsPerPeer = 2;
    config.chunkElements = 1024;
    config.connect_timeout_s = 2.0;
    config.round_timeout_s = 10.0;
    config.logger = std::move(logger);
    return config;
  }
};

// A bare OpenSSL peer presenting any certificate and checking nothing, to see what our
// side does with it. Returns true when our side refused it (handshake or first read failed).
bool rawClientIsRefused(std::uint16_t port, const std::filesystem::path& folder) {
  SSL_CTX* context = SSL_CTX_new(TLS_client_method());
  SSL_CTX_use_certificate_file(context, (folder / "leader-1.crt").c_str(), SSL_FILETYPE_PEM);
  SSL_CTX_use_PrivateKey_file(context, (folder / "leader-1.key").c_str(), SSL_FILETYPE_PEM);
  SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nullptr);
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval limit{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool refused = true;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    SSL* ssl = SSL_new(context);
    SSL_set_fd(ssl, fd);
    if (SSL_connect(ssl) == 1) {
      char byte = 0;
      refused =
          SSL_read(ssl, &byte, 1) <= 0;  // TLS 1.3: the server's verdict arrives after our Finished
    }
    SSL_free(ssl);
  }
  ::close(fd);
  SSL_CTX_free(context);
  return refused;
}

}  // namespace

class WanTlsTest : public QObject {
  Q_OBJECT

 private slots:
  // The bare OpenSSL peers below write through plain socket BIOs (ours use MSG_NOSIGNAL).
  void initTestCase() { ::signal(SIGPIPE, SIG_IGN); }

  void twoLeadersAgree_data() {
    QTest::addColumn<int>("format");
    QTest::addColumn<bool>("average");
    QTest::addColumn<int>("emulation");  // 0 none, 1 an 8 MB/s token bucket, 2 a 100 ms RTT
    QTest::newRow("fp32 average") << 0 << true << 0;
    QTest::newRow("fp32 weighted sum") << 0 << false << 0;
    QTest::newRow("bf16 average") << 1 << true << 0;
    QTest::newRow("int8 average") << 2 << true << 0;
    QTest::newRow("fp32 through an 8 MB/s token bucket") << 0 << true << 1;
    QTest::newRow("int8 over an emulated 100 ms RTT") << 2 << true << 2;
  }

  // Two leaders in threads; both get the same result, within the format's bound of the
  // weighted average (or sum) computed here in double.
  void twoLeadersAgree() {
    QFETCH(int, format);
    QFETCH(bool, average);
    QFETCH(int, emulation);
    const bool shaped = emulation == 1;
    TestPki pki;
    CapturedLog log;
    wan::Listener l0 = wan::listenTcp("127.0.0.1", 0);
    wan::Listener l1 = wan::listenTcp("127.0.0.1", 0);
    const std::vector<wan::LeaderAddress> leaders{{"leader-0", "127.0.0.1", l0.port},
                                                  {"leader-1", "127.0.0.1", l1.port}};
    const std::size_t elements = shaped ? 400'000 : 5'000;
    std::vector<float> results[2];
    std::string errors[2];
    wan::AllReduceReport reports[2];
    auto leader = [&](int rank, wan::Listener listener) {
      try {
        wan::WanGroupConfig config = pki.config(rank, leaders, log.logger);
        if (emulation == 1) {
          config.shaperForPeer = [](int) {
            return std::make_unique<wan::TokenBucketShaper>(8e6, 64.0 * 1024);
          };
        } else if (emulation == 2) {
          config.shaperForPeer = [](int) {
            return std::make_unique<wan::TokenBucketShaper>(1e9, 4e6, 50ms);
          };
        }
        wan::WanGroup group(config, std::move(listener));
        results[rank] = wan::syntheticPseudoGradient(5, rank, 1, elements);
        wan::AllReduceOptions options;
        options.format = wan::WireFormat(format);
        options.average = average;
        reports[rank] = group.allReduce(results[rank], wan::syntheticWeight(rank, 1), options);
      } catch (const std::exception& e) {
        errors[rank] = e.what();
      }
    };
    std::thread t0(leader, 0, std::move(l0));
    std::thread t1(leader, 1, std::move(l1));
    t0.join();
    t1.join();
    QVERIFY2(errors[0].empty() && errors[1].empty(), (errors[0] + " | " + errors[1]).c_str());
    QVERIFY(results[0] == results[1]);
    const double w0 = wan::syntheticWeight(0, 1), w1 = wan::syntheticWeight(1, 1);
    const double divisor = average ? w0 + w1 : 1.0;
    const auto x0 = wan::syntheticPseudoGradient(5, 0, 1, elements),
               x1 = wan::syntheticPseudoGradient(5, 1, 1, elements);
    double largest = 0.0;  // max |w0 x0| + max |w1 x1|, scaled like the result
    double m0 = 0.0, m1 = 0.0;
    for (std::size_t i = 0; i < elements; ++i) {
      m0 = std::max(m0, w0 * std::fabs(x0[i]) / divisor);
      m1 = std::max(m1, w1 * std::fabs(x1[i]) / divisor);
    }
    largest = m0 + m1;
    for (std::size_t i = 0; i < elements; ++i) {
      const double expected = (w0 * x0[i] + w1 * x1[i]) / divisor;
      const double magnitudes = (w0 * std::fabs(x0[i]) + w1 * std::fabs(x1[i])) / divisor;
      double limit = 0x1.0p-21 * magnitudes;  // fp32: scaling and one rounding of the sum
      if (format == 1) limit = 0x1.0p-7 * magnitudes * 1.01;  // bf16 contribution + bf16 sum
      if (format == 2) limit = 2.0 * largest / 254.0 * 1.01;  // int8: half a step, twice
      if (std::fabs(results[0][i] - expected) > limit) {
        QFAIL(qPrintable(QString("value %1: %2 vs %3, limit %4")
                             .arg(i)
                             .arg(results[0][i])
                             .arg(expected)
                             .arg(limit)));
      }
    }
    QCOMPARE(reports[0].participants.size(), std::size_t{2});
    QCOMPARE(reports[1].participants[0].name, std::string("leader-0"));
    QCOMPARE(reports[0].totalWeight, w0 + w1);
    QVERIFY(reports[0].bytesSent > 0 && reports[0].bytesReceived > 0);
    if (format == 2)
      QVERIFY2(reports[0].compressionRatio < 0.27,
               qPrintable(QString::number(reports[0].compressionRatio)));
    if (emulation == 1) {
      // Each leader sends half the buffer to reduce and half back: 1.6 MB at 8 MB/s.
      QVERIFY2(reports[0].duration_s >= 0.15, qPrintable(QString::number(reports[0].duration_s)));
    }
    if (emulation == 2) {
      // Weights, then reduce chunks, then gather chunks: three one-way delays of 50 ms.
      QVERIFY2(reports[0].duration_s >= 0.14, qPrintable(QString::number(reports[0].duration_s)));
    }
  }

  void mismatchedFormationIsRefusedByName_data() {
    QTest::addColumn<quint64>("epoch1");
    QTest::addColumn<quint64>("version1");
    QTest::addColumn<QString>("seenBy0");
    QTest::addColumn<QString>("seenBy1");
    // Leader 0 is in epoch 5 and contributes from global version 7. Whichever leader notices
    // first names the difference; the other fails with its abort, which quotes it.
    QTest::newRow("frame of another epoch") << quint64(4) << quint64(7) << "epoch 4 to this group of epoch 5"
                                            << "epoch 5 to this group of epoch 4";
    QTest::newRow("contribution from another version")
        << quint64(5) << quint64(6) << "contributes from global version 6 but this leader from version 7"
        << "contributes from global version 7 but this leader from version 6";
  }

  // Two leaders that disagree on their formation (epoch) or on the global state their
  // contributions come from: the round fails on both sides, naming what differs.
  void mismatchedFormationIsRefusedByName() {
    QFETCH(quint64, epoch1);
    QFETCH(quint64, version1);
    QFETCH(QString, seenBy0);
    QFETCH(QString, seenBy1);
    TestPki pki;
    CapturedLog log;
    wan::Listener l0 = wan::listenTcp("127.0.0.1", 0);
    wan::Listener l1 = wan::listenTcp("127.0.0.1", 0);
    const std::vector<wan::LeaderAddress> leaders{{"leader-0", "127.0.0.1", l0.port},
                                                  {"leader-1", "127.0.0.1", l1.port}};
    std::string errors[2];
    auto leader = [&](int rank, wan::Listener listener) {
      try {
        wan::WanGroupConfig config = pki.config(rank, leaders, log.logger);
        config.epoch = rank == 0 ? 5 : epoch1;
        wan::WanGroup group(config, std::move(listener));
        std::vector<float> values = wan::syntheticPseudoGradient(5, rank, 1, 3000);
        wan::AllReduceOptions options;
        options.baseVersion = rank == 0 ? 7 : version1;
        group.allReduce(values, 1.0, options);
      } catch (const std::exception& e) {
        errors[rank] = e.what();
      }
    };
    std::thread t0(leader, 0, std::move(l0));
    std::thread t1(leader, 1, std::move(l1));
    t0.join();
    t1.join();
    QVERIFY2(!errors[0].empty() && !errors[1].empty(), "both leaders must fail the round");
    for (const std::string& error : errors) {
      const QString text = QString::fromStdString(error);
      QVERIFY2(text.contains(seenBy0) || text.contains(seenBy1), error.c_str());
    }
  }

  void intruderIsRefusedByAcceptor_data() {
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QString>("reason");
    QTest::newRow("foreign CA") << "foreign"
                                << "unable to get local issuer certificate";
    QTest::newRow("expired") << "expired"
                             << "certificate has expired";
    QTest::newRow("wrong run id") << "other-run"
                                  << "run id 'r2' differs from this run 'r1'";
    QTest::newRow("wrong role") << "node-role"
                                << "role 'node' where 'worker' is required";
  }

  void intruderIsRefusedByAcceptor() {
    QFETCH(QString, folder);
    QFETCH(QString, reason);
    TestPki pki;
    CapturedLog log;
    wan::Listener listener = wan::listenTcp("127.0.0.1", 0);
    const std::uint16_t port = listener.port;
    std::string error;
    std::thread acceptor([&] {
      try {
        wan::WanGroup group(
            pki.config(0, {{"leader-0", "127.0.0.1", port}, {"leader-1", "127.0.0.1", 1}},
                       log.logger),
            std::move(listener));
      } catch (const wan::WanError& e) {
        error = e.what();
      }
    });
    const bool refused = rawClientIsRefused(port, pki.root / folder.toStdString());
    acceptor.join();
    QVERIFY(refused);
    QVERIFY2(QString::fromStdString(error).contains("leader 1 'leader-1'") &&
                 QString::fromStdString(error).contains("never connected"),
             error.c_str());
    QVERIFY2(QString::fromStdString(error).contains(reason), error.c_str());
    const QString logText = QString::fromStdString(log.str());
    QVERIFY2(logText.contains("refused peer") && logText.contains(reason), qPrintable(logText));
    qInfo("refusal logged: %s", qPrintable(logText.split('\n').filter("refused peer").value(0)));
  }

  // The dialing side checks the acceptor just as strictly.
  void intruderIsRefusedByDialer_data() {
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QString>("reason");
    QTest::newRow("foreign CA") << "foreign"
                                << "unable to get local issuer certificate";
    QTest::newRow("wrong run id") << "other-run"
                                  << "run id 'r2' differs from this run 'r1'";
  }

  void intruderIsRefusedByDialer() {
    QFETCH(QString, folder);
    QFETCH(QString, reason);
    TestPki pki;
    CapturedLog log;
    const std::filesystem::path intruder = pki.root / folder.toStdString();
    wan::Listener impostor = wan::listenTcp("127.0.0.1", 0);
    std::thread server([&] {
      SSL_CTX* context = SSL_CTX_new(TLS_server_method());
      SSL_CTX_use_certificate_file(context, (intruder / "leader-1.crt").c_str(), SSL_FILETYPE_PEM);
      SSL_CTX_use_PrivateKey_file(context, (intruder / "leader-1.key").c_str(), SSL_FILETYPE_PEM);
      std::string address;
      if (auto socket = wan::acceptTcp(impostor.socket.get(), wan::Clock::now() + 5s, address)) {
        const int flags = fcntl(socket->get(), F_GETFL);
        fcntl(socket->get(), F_SETFL, flags & ~O_NONBLOCK);
        timeval limit{5, 0};
        ::setsockopt(socket->get(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
        SSL* ssl = SSL_new(context);
        SSL_set_fd(ssl, socket->get());
        if (SSL_accept(ssl) == 1) {
          char byte = 0;
          SSL_read(ssl, &byte, 1);  // until the dialer hangs up
        }
        SSL_free(ssl);
      }
      SSL_CTX_free(context);
    });
    wan::Listener own = wan::listenTcp("127.0.0.1", 0);
    std::string error;
    wan::WanError::Kind kind = wan::WanError::Kind::Config;
    try {
      wan::WanGroup group(
          pki.config(1, {{"leader-1", "127.0.0.1", impostor.port}, {"leader-1", "127.0.0.1", own.port}},
                     log.logger),
          std::move(own));
    } catch (const wan::WanError& e) {
      error = e.what();
      kind = e.kind();
    }
    server.join();
    QVERIFY2(kind == wan::WanError::Kind::PeerRefused, error.c_str());
    QVERIFY2(QString::fromStdString(error).contains(reason), error.c_str());
    QVERIFY2(QString::fromStdString(log.str()).contains("refused peer"), log.str().c_str());
  }

  void silentPeerTimesOutDuringSetup() {
    TestPki pki;
    CapturedLog log;
    wan::Listener silent =
        wan::listenTcp("127.0.0.1", 0);  // the kernel completes TCP; nobody ever speaks
    wan::Listener own = wan::listenTcp("127.0.0.1", 0);
    const auto start = wan::Clock::now();
    try {
      wan::WanGroup group(
          pki.config(1,
                     {{"leader-0", "127.0.0.1", silent.port}, {"leader-1", "127.0.0.1", own.port}},
                     log.logger),
          std::move(own));
      QFAIL("joined a group whose other leader never answered");
    } catch (const wan::WanError& e) {
      QVERIFY2(e.kind() == wan::WanError::Kind::Timeout, e.what());
      QVERIFY2(QString(e.what()).contains("leader 0 'leader-0'") &&
                   QString(e.what()).contains("timed out"),
               e.what());
    }
    QVERIFY(wan::secondsSince(start) < 10.0);
  }

  void silentLeaderTimesOutTheRound() {
    TestPki pki;
    CapturedLog log;
    wan::Listener l0 = wan::listenTcp("127.0.0.1", 0);
    wan::Listener l1 = wan::listenTcp("127.0.0.1", 0);
    const std::vector<wan::LeaderAddress> leaders{{"leader-0", "127.0.0.1", l0.port},
                                                  {"leader-1", "127.0.0.1", l1.port}};
    std::atomic<bool> released{false};
    std::string silentError;
    std::thread silentLeader([&, listener = std::move(l1)]() mutable {
      try {
        wan::WanGroup group(pki.config(1, leaders, log.logger), std::move(listener));
        while (!released) std::this_thread::sleep_for(10ms);  // joined, then never contributes
      } catch (const std::exception& e) {
        silentError = e.what();
      }
    });
    std::string error;
    std::string secondError;
    bool timedOut = false;
    const auto start = wan::Clock::now();
    double elapsed_s = 0.0;
    try {
      wan::WanGroup group(pki.config(0, leaders, log.logger), std::move(l0));
      std::vector<float> values(1000, 1.0f);
      wan::AllReduceOptions options;
      options.timeout_s = 1.0;
      try {
        group.allReduce(values, 1.0, options);
      } catch (const wan::WanError& e) {
        error = e.what();
        timedOut = e.kind() == wan::WanError::Kind::Timeout;
      }
      elapsed_s = wan::secondsSince(start);
      try {
        group.allReduce(values, 1.0, options);
      } catch (const wan::WanError& e) {
        secondError = e.what();
      }
    } catch (const std::exception& e) {
      error = std::string("setup: ") + e.what();
    }
    released = true;
    silentLeader.join();
    QVERIFY2(silentError.empty(), silentError.c_str());
    QVERIFY2(timedOut, error.c_str());
    QVERIFY2(QString::fromStdString(error).contains("timed out") &&
                 QString::fromStdString(error).contains("leader 1 'leader-1'") &&
                 QString::fromStdString(error).contains("no weight"),
             error.c_str());
    QVERIFY(elapsed_s < 5.0);
    QVERIFY2(QString::fromStdString(secondError).contains("unusable"), secondError.c_str());
  }

  // A leader with a valid certificate that sends hostile bytes mid-round: the round fails
  // with an error naming the leader and the problem; nothing crashes or hangs.
  void hostileFramesFailTheRound_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("bad version") << 0 << "unsupported protocol version 9";
    QTest::newRow("oversize length") << 1 << "exceeds the limit";
    QTest::newRow("truncated then closed") << 2 << "10 of 36 header bytes";
    QTest::newRow("frame of another round") << 3 << "for round 7 during round 1";
    QTest::newRow("short int8 chunk") << 4 << "int8 payload of 100 bytes for 500 values";
    QTest::newRow("element count mismatch") << 5 << "contributes 999 values";
  }

  void hostileFramesFailTheRound() {
    QFETCH(int, kind);
    QFETCH(QString, expected);
    TestPki pki;
    CapturedLog log;
    wan::Listener l0 = wan::listenTcp("127.0.0.1", 0);
    const std::uint16_t port = l0.port;
    const std::vector<wan::LeaderAddress> leaders{{"leader-0", "127.0.0.1", port},
                                                  {"leader-1", "127.0.0.1", 1}};
    std::string error;
    std::jthread honest([&] {
      try {
        wan::WanGroup group(pki.config(0, leaders, log.logger), std::move(l0));
        std::vector<float> values(1000, 0.5f);
        wan::AllReduceOptions options;
        options.timeout_s = 5.0;
        group.allReduce(values, 1.0, options);
        error = "the round succeeded";
      } catch (const std::exception& e) {
        error = e.what();
      }
    });
    {
      // Leader 1, speaking the protocol by hand.
      wan::TlsContext context({pki.root / "ours/ca.crt", pki.root / "ours/leader-1.crt",
                               pki.root / "ours/leader-1.key"},
                              {pki::PeerRole::Worker, "r1"}, log.logger);
      std::vector<std::unique_ptr<wan::TlsStream>> streams;
      const auto deadline = wan::Clock::now() + std::chrono::seconds(5);
      for (std::uint32_t index = 0; index < 2; ++index) {
        auto stream = std::make_unique<wan::TlsStream>(
            context, wan::connectTcp("127.0.0.1", port, deadline), wan::TlsStream::Side::Client,
            "leader 0", "leader-0", deadline);
        std::vector<std::uint8_t> hello;
        for (std::uint32_t field : {1u, 2u, index, 2u, 1024u}) wan::putU32(hello, field);
        stream->writeAll(
            wan::encodeFrame({wan::FrameType::Hello, wan::WireFormat::Fp32, 0, 0, 0, 0}, hello),
            deadline, "hello");
        wan::FrameAssembler assembler(1 << 16);
        QVERIFY(stream->readFrame(assembler, deadline, "ack").header.type ==
                wan::FrameType::HelloAck);
        streams.push_back(std::move(stream));
      }
      std::vector<std::uint8_t> weight;
      wan::putF64(weight, 1.0);
      wan::putU64(weight, kind == 5 ? 999 : 1000);
      wan::putU32(weight, 1);
      wan::putU64(weight, 0);  // the global version the contribution comes from
      auto weightFrame = wan::encodeFrame(
          {wan::FrameType::Weight, wan::WireFormat::Int8Block, 1, 0, 0, 0}, weight);
      std::vector<std::uint8_t> bytes;
      if (kind == 0) {
        bytes = weightFrame;
        bytes[4] = 9;
      } else if (kind == 1) {
        bytes = weightFrame;
        bytes[27] = 0x7f;
      } else if (kind == 2) {
        bytes.assign(weightFrame.begin(), weightFrame.begin() + 10);
      } else if (kind == 3) {
        bytes = wan::encodeFrame({wan::FrameType::Weight, wan::WireFormat::Int8Block, 7, 0, 0, 0},
                                 weight);
      } else if (kind == 4) {
        bytes = weightFrame;
        const auto chunk =
            wan::encodeFrame({wan::FrameType::ReduceChunk, wan::WireFormat::Int8Block, 1, 0, 0, 0},
                             std::vector<std::uint8_t>(100, 1));
        bytes.insert(bytes.end(), chunk.begin(), chunk.end());
      } else {
        bytes = weightFrame;
      }
      streams[0]->writeAll(bytes, deadline, "hostile bytes");
      if (kind == 2) streams[0]->shutdown();
      honest.join();
    }
    QVERIFY2(QString::fromStdString(error).contains(expected), error.c_str());
    QVERIFY2(QString::fromStdString(error).contains("leader 1 'leader-1'"), error.c_str());
  }

  // A run with one datacenter: no peers, and the average of one contribution is itself.
  void singleLeaderKeepsItsValues() {
    TestPki pki;
    CapturedLog log;
    wan::Listener listener = wan::listenTcp("127.0.0.1", 0);
    wan::WanGroup group(pki.config(0, {{"leader-0", "127.0.0.1", listener.port}}, log.logger),
                        std::move(listener));
    const std::vector<float> original = wan::syntheticPseudoGradient(3, 0, 1, 3000);
    std::vector<float> values = original;
    const wan::AllReduceReport report = group.allReduce(values, 42.0);
    QVERIFY(values == original);
    QCOMPARE(report.totalWeight, 42.0);
    QCOMPARE(report.participants.size(), std::size_t{1});
    QCOMPARE(report.bytesSent, std::uint64_t{0});
  }

  void badContributionsAreRefused() {
    TestPki pki;
    CapturedLog log;
    wan::Listener listener = wan::listenTcp("127.0.0.1", 0);
    wan::WanGroup group(pki.config(0, {{"leader-0", "127.0.0.1", listener.port}}, log.logger),
                        std::move(listener));
    std::vector<float> values(10, 1.0f);
    values[7] = std::nanf("");
    QVERIFY_THROWS_EXCEPTION(wan::WanError, group.allReduce(values, 1.0));
    values[7] = 1.0f;
    QVERIFY_THROWS_EXCEPTION(wan::WanError, group.allReduce(values, -1.0));
  }

  void wrongOwnNameIsRefusedAtStart() {
    TestPki pki;
    CapturedLog log;
    wan::Listener listener = wan::listenTcp("127.0.0.1", 0);
    try {
      wan::WanGroup group(pki.config(0, {{"dc-a", "127.0.0.1", listener.port}}, log.logger),
                          std::move(listener));
      QFAIL("started with a certificate issued to another leader");
    } catch (const wan::WanError& e) {
      QVERIFY2(QString(e.what()).contains("issued to 'leader-0'"), e.what());
    }
  }

  void slowestLinkComesFromTheTopology() {
    Topology topology;
    topology.links = {
        {"a", "b", 1.0, 20.0, 0.0}, {"c", "a", 0.1, 60.0, 0.0}, {"b", "c", 10.0, 5.0, 0.0}};
    const auto a = wan::slowestLinkOf(topology, "a");
    QVERIFY(a.has_value());
    QCOMPARE(a->gbit, 0.1);
    QCOMPARE(a->rtt_ms, 60.0);
    QCOMPARE(wan::slowestLinkOf(topology, "b")->gbit, 1.0);
    QVERIFY(!wan::slowestLinkOf(topology, "z").has_value());
  }

  void defaultStreamsFollowBandwidthDelayProduct() {
    QCOMPARE(wan::defaultStreamsForLink(0.1, 50.0), 2);     // 625 KB in flight: the minimum
    QCOMPARE(wan::defaultStreamsForLink(1.0, 50.0), 3);     // 6.25 MB
    QCOMPARE(wan::defaultStreamsForLink(10.0, 100.0), 16);  // capped
  }
};

QTEST_GUILESS_MAIN(WanTlsTest)
#include "WanTlsTest.moc"
