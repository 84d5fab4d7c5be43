// The console's CA: key modes, role and run id in issued certificates, refusals.

#include <sys/stat.h>

#include <QTemporaryDir>
#include <QtTest>

#include "comm/pki/CertificateAuthority.h"
#include "comm/pki/CertificateInfo.h"
#include "comm/pki/PemFiles.h"
#include "comm/pki/PkiError.h"

using namespace archi::pki;

namespace {

std::filesystem::path path(const QTemporaryDir& dir, const char* name) {
  return std::filesystem::path(dir.path().toStdString()) / name;
}

}  // namespace

class PkiTest : public QObject {
  Q_OBJECT

 private slots:
  void initCreatesPrivateKeyFiles() {
    QTemporaryDir dir;
    const auto ca = CertificateAuthority::create(path(dir, "pki"), "test");
    QCOMPARE(filePermissions(path(dir, "pki/ca.key")), 0600u);
    QCOMPARE(filePermissions(path(dir, "pki")), 0700u);
    const CertificateInfo info = describeCertificate(ca.certificate());
    QVERIFY(info.isCa);
    QVERIFY(!info.role);
    QVERIFY(info.commonName.find("test") != std::string::npos);
    QVERIFY_THROWS_EXCEPTION(PkiError, CertificateAuthority::create(path(dir, "pki"), "again"));
  }

  void issuedCertificateCarriesRoleAndRun_data() {
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("runId");
    QTest::newRow("worker") << "worker"
                            << "run-42";
    QTest::newRow("node") << "node"
                          << "";
    QTest::newRow("console") << "console"
                             << "";
  }

  void issuedCertificateCarriesRoleAndRun() {
    QFETCH(QString, role);
    QFETCH(QString, runId);
    QTemporaryDir dir;
    CertificateAuthority::create(path(dir, "pki"), "test");
    const auto ca = CertificateAuthority::open(path(dir, "pki"));  // reopened from its files
    CertificateRequest request;
    request.role = *parsePeerRole(role.toStdString());
    request.name = "holder-1";
    request.runId = runId.toStdString();
    request.hosts = {"127.0.0.1", "node1.example"};
    const auto certificatePath = ca.issueToDirectory(request, path(dir, "out"));
    QCOMPARE(filePermissions(path(dir, "out/holder-1.key")), 0600u);
    QVERIFY(std::filesystem::exists(path(dir, "out/ca.crt")));
    const auto certificate = readCertificateFile(certificatePath);
    const CertificateInfo info = describeCertificate(certificate.get());
    QCOMPARE(info.commonName, std::string("holder-1"));
    QVERIFY(info.role.has_value());
    QCOMPARE(std::string(toString(*info.role)), role.toStdString());
    QCOMPARE(info.runId, runId.toStdString());
    QVERIFY(!info.isCa);
    QVERIFY(std::find(info.subjectAltNames.begin(), info.subjectAltNames.end(), "IP:127.0.0.1") !=
            info.subjectAltNames.end());
    QVERIFY(std::find(info.subjectAltNames.begin(), info.subjectAltNames.end(),
                      "DNS:node1.example") != info.subjectAltNames.end());
    QVERIFY(!ca.verify(certificate.get()).has_value());
    // The key read back belongs to the certificate.
    const auto key = readPrivateKeyFile(path(dir, "out/holder-1.key"));
    QCOMPARE(X509_check_private_key(certificate.get(), key.get()), 1);
  }

  void badRequestsAreRefused_data() {
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("runId");
    QTest::addColumn<QString>("expected");
    QTest::newRow("worker without run") << "worker"
                                        << "w"
                                        << ""
                                        << "must name its run";
    QTest::newRow("name with comma") << "node"
                                     << "a,URI:evil"
                                     << ""
                                     << "invalid";
    QTest::newRow("empty name") << "node"
                                << ""
                                << ""
                                << "invalid";
    QTest::newRow("run id with slash") << "worker"
                                       << "w"
                                       << "r/1"
                                       << "run id";
  }

  void badRequestsAreRefused() {
    QFETCH(QString, role);
    QFETCH(QString, name);
    QFETCH(QString, runId);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const auto ca = CertificateAuthority::create(path(dir, "pki"), "test");
    CertificateRequest request{*parsePeerRole(role.toStdString()),
                               name.toStdString(),
                               runId.toStdString(),
                               {},
                               {},
                               std::chrono::hours(1)};
    try {
      ca.issue(request);
      QFAIL("the request was accepted");
    } catch (const PkiError& e) {
      QVERIFY2(QString(e.what()).contains(expected), e.what());
    }
  }

  void verifyRefusesForeignAndExpired() {
    QTemporaryDir dir;
    const auto ca = CertificateAuthority::create(path(dir, "ours"), "ours");
    const auto foreign = CertificateAuthority::create(path(dir, "theirs"), "theirs");
    const auto stranger =
        foreign.issue({PeerRole::Worker, "w", "r", {}, {}, std::chrono::hours(1)});
    const auto problem = ca.verify(stranger.certificate.get());
    QVERIFY(problem.has_value());
    QVERIFY2(QString::fromStdString(*problem).contains("issuer"), problem->c_str());

    const auto expired = ca.issue({PeerRole::Worker,
                                   "w",
                                   "r",
                                   {},
                                   std::chrono::system_clock::now() - std::chrono::hours(48),
                                   std::chrono::hours(24)});
    const auto expiredProblem = ca.verify(expired.certificate.get());
    QVERIFY(expiredProblem.has_value());
    QVERIFY2(QString::fromStdString(*expiredProblem).contains("expired"), expiredProblem->c_str());
  }

  void looseKeyModeIsRefused() {
    QTemporaryDir dir;
    CertificateAuthority::create(path(dir, "pki"), "test");
    ::chmod(path(dir, "pki/ca.key").c_str(), 0644);
    try {
      CertificateAuthority::open(path(dir, "pki"));
      QFAIL("a world-readable CA key was accepted");
    } catch (const PkiError& e) {
      QVERIFY2(QString(e.what()).contains("0644"), e.what());
    }
  }

  void missingCaSaysHowToCreateOne() {
    QTemporaryDir dir;
    try {
      CertificateAuthority::open(path(dir, "nothing"));
      QFAIL("opened a CA that does not exist");
    } catch (const PkiError& e) {
      QVERIFY2(QString(e.what()).contains("archi pki init"), e.what());
    }
  }
};

QTEST_GUILESS_MAIN(PkiTest)
#include "PkiTest.moc"
