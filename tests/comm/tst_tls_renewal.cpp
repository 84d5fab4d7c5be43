// Issue 15 item 4: a leader's certificate is renewed while the run goes on. The launcher writes
// a new certificate and key over the old files; the TLS context takes them for every connection
// made afterwards, and never a half-written pair.

#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <spdlog/sinks/null_sink.h>

#include <QTemporaryDir>
#include <QtTest>

#include <thread>

#include "comm/pki/CertificateAuthority.h"
#include "comm/pki/PemFiles.h"
#include "comm/wan/TlsContext.h"

using namespace archi;
using namespace std::chrono_literals;

namespace {

// The serial of the certificate a connection made from `context` now would present.
std::string presentedSerial(const wan::TlsContext& context) {
  SSL* ssl = SSL_new(context.get());
  X509* certificate = SSL_get_certificate(ssl);
  BIGNUM* serial = ASN1_INTEGER_to_BN(X509_get_serialNumber(certificate), nullptr);
  char* hex = BN_bn2hex(serial);
  std::string out(hex);
  OPENSSL_free(hex);
  BN_free(serial);
  SSL_free(ssl);
  return out;
}

std::string fileSerial(const std::filesystem::path& path) {
  pki::X509Ptr certificate = pki::readCertificateFile(path);
  BIGNUM* serial = ASN1_INTEGER_to_BN(X509_get_serialNumber(certificate.get()), nullptr);
  char* hex = BN_bn2hex(serial);
  std::string out(hex);
  OPENSSL_free(hex);
  BN_free(serial);
  return out;
}

}  // namespace

class TlsRenewalTest : public QObject {
  Q_OBJECT

 private slots:
  void newConnectionsTakeTheRenewedCertificate();
};

void TlsRenewalTest::newConnectionsTakeTheRenewedCertificate() {
  QTemporaryDir dir;
  const std::filesystem::path root = dir.path().toStdString();
  const auto ca = pki::CertificateAuthority::create(root / "ca", "ca");
  const std::filesystem::path folder = root / "run-pki";
  // A short life, as a run whose plan was a few seconds long.
  ca.issueToDirectory({pki::PeerRole::Worker, "leader-0", "r1", {}, std::nullopt, 8s}, folder);
  const wan::TlsIdentity identity{folder / "ca.crt", folder / "leader-0.crt", folder / "leader-0.key"};
  const wan::TlsContext context(identity, {pki::PeerRole::Worker, "r1"}, std::make_shared<spdlog::logger>("t", std::make_shared<spdlog::sinks::null_sink_mt>()));
  const std::string first = fileSerial(folder / "leader-0.crt");
  QCOMPARE(presentedSerial(context), first);
  SSL_CTX* before = context.get();

  // Half a renewal: a new key beside the old certificate. Not taken: connections go on with the old pair.
  const pki::IssuedCertificate stray = ca.issue({pki::PeerRole::Worker, "leader-0", "r1", {}, std::nullopt, 1h});
  pki::writePrivateKeyFile(folder / "leader-0.key", stray.key.get());
  std::this_thread::sleep_for(1100ms);
  QCOMPARE(presentedSerial(context), first);
  QCOMPARE(context.renewals(), 0);

  // The whole renewal, as the launcher writes it.
  ca.issueToDirectory({pki::PeerRole::Worker, "leader-0", "r1", {}, std::nullopt, 1h}, folder);
  const std::string second = fileSerial(folder / "leader-0.crt");
  QVERIFY(second != first);
  std::this_thread::sleep_for(1100ms);
  QCOMPARE(presentedSerial(context), second);
  QCOMPARE(context.renewals(), 1);
  QVERIFY(context.get() != before);
  // A connection started with the old context still has it: it is kept alive.
  QVERIFY(SSL_CTX_get0_certificate(before) != nullptr);

  // After the first certificate's end, the context still builds connections with the renewed one.
  std::this_thread::sleep_for(7s);
  QCOMPARE(presentedSerial(context), second);
  QVERIFY(X509_cmp_current_time(X509_get0_notAfter(SSL_CTX_get0_certificate(context.get()))) > 0);

  // A renewal for another run is refused: the run id cannot change under a leader.
  ca.issueToDirectory({pki::PeerRole::Worker, "leader-0", "r2", {}, std::nullopt, 1h}, folder);
  std::this_thread::sleep_for(1100ms);
  QCOMPARE(presentedSerial(context), second);
  QCOMPARE(context.renewals(), 1);
}

QTEST_GUILESS_MAIN(TlsRenewalTest)
#include "tst_tls_renewal.moc"
