// Node enrollment by CSR (comm/pki/NodeEnrollment.h): the round trip, the refusals on each side,
// revocation, and the pin's format computed independently of PublicKeyPin.cpp.

#include <openssl/pem.h>

#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "comm/pki/CertificateAuthority.h"
#include "comm/pki/ConsoleIdentity.h"
#include "comm/pki/EnrollmentFiles.h"
#include "comm/pki/NodeEnrollment.h"
#include "comm/pki/NodePins.h"
#include "comm/pki/NodeRequest.h"
#include "comm/pki/PemFiles.h"
#include "comm/pki/PkiError.h"

using namespace archi::pki;
namespace fs = std::filesystem;

namespace {

fs::path under(const QTemporaryDir& dir, const char* name) {
  return fs::path(dir.path().toStdString()) / name;
}

// Files under `folder` whose text holds a PEM private key.
QStringList filesWithPrivateKeys(const fs::path& folder) {
  QStringList found;
  QDirIterator it(QString::fromStdString(folder.string()), QDir::Files, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    QFile file(it.next());
    if (file.open(QIODevice::ReadOnly) && file.readAll().contains("PRIVATE KEY"))
      found << QFileInfo(file).fileName();
  }
  found.sort();
  return found;
}

// A CSR built by hand, to feed the console requests `archi agent enroll` would never write.
void writeRequest(const fs::path& path, const std::string& commonName, const std::string& altNames,
                  const char* keyType) {
  PkeyPtr key(std::string(keyType) == "EC" ? EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")
                                           : EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  QVERIFY(key);
  X509ReqPtr request(X509_REQ_new());
  X509_NAME_add_entry_by_txt(X509_REQ_get_subject_name(request.get()), "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(commonName.c_str()), -1, -1, 0);
  X509_REQ_set_pubkey(request.get(), key.get());
  if (!altNames.empty()) {
    STACK_OF(X509_EXTENSION)* extensions = sk_X509_EXTENSION_new_null();
    sk_X509_EXTENSION_push(extensions, X509V3_EXT_conf_nid(nullptr, nullptr, NID_subject_alt_name,
                                                           altNames.c_str()));
    X509_REQ_add_extensions(request.get(), extensions);
    sk_X509_EXTENSION_pop_free(extensions, X509_EXTENSION_free);
  }
  const EVP_MD* digest = std::string(keyType) == "EC" ? EVP_sha256() : nullptr;
  QVERIFY(X509_REQ_sign(request.get(), key.get(), digest) > 0);
  BioPtr bio(BIO_new_file(path.c_str(), "wb"));
  QVERIFY(PEM_write_bio_X509_REQ(bio.get(), request.get()) == 1);
}

// SHA-256 of the DER SubjectPublicKeyInfo, as `openssl pkey -pubout -outform der | sha256sum`.
QByteArray spkiSha256(X509* certificate) {
  unsigned char* der = nullptr;
  const int length = i2d_PUBKEY(X509_get0_pubkey(certificate), &der);
  unsigned char digest[32];
  std::size_t digestLength = 0;
  const bool ok = length > 0 &&
                  EVP_Q_digest(nullptr, "SHA256", nullptr, der, static_cast<std::size_t>(length),
                               digest, &digestLength) == 1;
  OPENSSL_free(der);
  return ok ? QByteArray(reinterpret_cast<const char*>(digest), static_cast<int>(digestLength))
            : QByteArray();
}

QByteArray readAll(const fs::path& path) {
  QFile file(QString::fromStdString(path.string()));
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class NodeEnrollmentTest : public QObject {
  Q_OBJECT

 private slots:
  void roundTrip_data() {
    QTest::addColumn<QString>("node");
    QTest::addColumn<QString>("datacenter");
    QTest::newRow("short names") << "bj-01" << "beijing";
    QTest::newRow("dots and underscores") << "sh.node_2" << "shanghai-east.1";
  }

  void roundTrip() {
    QFETCH(QString, node);
    QFETCH(QString, datacenter);
    QTemporaryDir dir;
    const fs::path pki = under(dir, "pki"), state = under(dir, "agent");
    const ConsoleIdentity console = ensureConsoleIdentity(pki);  // creates the CA as well
    const auto ca = CertificateAuthority::open(pki);

    const NodeRequest made = createNodeRequest(state, node.toStdString(), datacenter.toStdString());
    const NodeStateFiles files(state);
    QCOMPARE(filePermissions(files.key()), 0600u);
    QCOMPARE(filePermissions(files.directory()), 0700u);
    const NodeRequest read = readNodeRequest(files.request());
    QCOMPARE(read.nodeId, node.toStdString());
    QCOMPARE(read.datacenterId, datacenter.toStdString());
    QCOMPARE(read.publicKeyPin, made.publicKeyPin);

    const ApprovedNode approved = approveNodeRequest(ca, files.request(), pki);
    QVERIFY(!approved.replacedKey);
    QCOMPARE(readAll(approved.pinPath), QByteArray::fromStdString(made.publicKeyPin + "\n"));
    const CertificateInfo installed =
        installNodeCertificate(state, approved.certificatePath, ca.certificatePath());
    QCOMPARE(installed.nodeId, node.toStdString());
    QCOMPARE(installed.datacenter, datacenter.toStdString());
    QCOMPARE(installed.commonName, node.toStdString());
    QVERIFY(installed.role == PeerRole::Node);
    QCOMPARE(readAll(files.caCertificate()), readAll(ca.certificatePath()));

    const X509Ptr certificate = readCertificateFile(files.certificate());
    QCOMPARE(NodePins(pki).check(node.toStdString(), certificate.get()), std::nullopt);
    QCOMPARE(filesWithPrivateKeys(pki), (QStringList{"ca.key", "console.key"}));
    QCOMPARE(filesWithPrivateKeys(state), QStringList{"node.key"});
    QCOMPARE(ensureConsoleIdentity(pki).certificatePath, console.certificatePath);
  }

  void existingKeyIsKept() {
    QTemporaryDir dir;
    const fs::path state = under(dir, "agent");
    const NodeRequest first = createNodeRequest(state, "bj-01", "beijing");
    QVERIFY_THROWS_EXCEPTION(PkiError, createNodeRequest(state, "bj-01", "beijing"));
    QCOMPARE(readNodeRequest(NodeStateFiles(state).request()).publicKeyPin, first.publicKeyPin);
    const NodeRequest second = createNodeRequest(state, "bj-01", "beijing", /*replaceKey=*/true);
    QVERIFY(second.publicKeyPin != first.publicKeyPin);
  }

  void tamperedRequestIsRefused() {
    QTemporaryDir dir;
    const fs::path state = under(dir, "agent"), pki = under(dir, "pki");
    createNodeRequest(state, "bj-01", "beijing");
    // Rename the node inside the signed bytes; CN and URI still agree, only the signature breaks.
    const QByteArray pem = readAll(NodeStateFiles(state).request());
    const QList<QByteArray> lines = pem.trimmed().split('\n');
    const QByteArray der = QByteArray::fromBase64(lines.mid(1, lines.size() - 2).join());
    QByteArray tampered = der;
    tampered.replace("bj-01", "bj-02");
    QVERIFY(tampered != der);
    QFile out(QString::fromStdString((state / "tampered.csr").string()));
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write("-----BEGIN CERTIFICATE REQUEST-----\n" + tampered.toBase64() +
              "\n-----END CERTIFICATE REQUEST-----\n");
    out.close();
    const auto ca = CertificateAuthority::create(pki, "test");
    try {
      approveNodeRequest(ca, state / "tampered.csr", pki);
      QFAIL("a tampered request was approved");
    } catch (const PkiError& e) {
      QVERIFY2(std::string(e.what()).find("signature") != std::string::npos, e.what());
    }
    QVERIFY(!fs::exists(ApprovedNodeFiles(pki).pin("bj-02")));
  }

  void badRequestsAreRefused_data() {
    QTest::addColumn<QString>("commonName");
    QTest::addColumn<QString>("altNames");
    QTest::addColumn<QString>("keyType");
    const QString dc = "URI:urn:archipelago:datacenter:beijing";
    QTest::newRow("path in CN") << "../evil" << dc << "ED25519";
    QTest::newRow("space in CN") << "bj 01" << dc << "ED25519";
    QTest::newRow("empty CN") << "" << dc << "ED25519";
    QTest::newRow("CN too long") << QString(65, 'a') << dc << "ED25519";
    QTest::newRow("no datacenter") << "bj-01" << "" << "ED25519";
    QTest::newRow("bad datacenter") << "bj-01" << "URI:urn:archipelago:datacenter:bei/jing"
                                    << "ED25519";
    QTest::newRow("two datacenters")
        << "bj-01" << dc + ",URI:urn:archipelago:datacenter:shanghai" << "ED25519";
    QTest::newRow("CN and node URI disagree")
        << "bj-01" << dc + ",URI:urn:archipelago:node:bj-02" << "ED25519";
    QTest::newRow("not Ed25519") << "bj-01" << dc << "EC";
  }

  void badRequestsAreRefused() {
    QFETCH(QString, commonName);
    QFETCH(QString, altNames);
    QFETCH(QString, keyType);
    QTemporaryDir dir;
    const fs::path pki = under(dir, "pki");
    const auto ca = CertificateAuthority::create(pki, "test");
    writeRequest(under(dir, "bad.csr"), commonName.toStdString(), altNames.toStdString(),
                 keyType.toLatin1().constData());
    QVERIFY_THROWS_EXCEPTION(PkiError, approveNodeRequest(ca, under(dir, "bad.csr"), pki));
    QVERIFY(!fs::exists(ApprovedNodeFiles(pki).directory()) ||
            fs::is_empty(ApprovedNodeFiles(pki).directory()));
  }

  void installRefusals_data() {
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("expected");
    QTest::newRow("certificate for another key") << "wrong key" << "not issued for this node's key";
    QTest::newRow("certificate from another CA") << "other CA" << "does not chain";
    QTest::newRow("worker certificate for the node's key") << "worker" << "not a node certificate";
  }

  void installRefusals() {
    QFETCH(QString, scenario);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const fs::path pki = under(dir, "pki"), state = under(dir, "agent");
    const auto ca = CertificateAuthority::create(pki, "ours");
    const auto other = CertificateAuthority::create(under(dir, "other-pki"), "theirs");
    const NodeRequest request = createNodeRequest(state, "bj-01", "beijing");
    fs::path certificatePath = under(dir, "issued.crt");
    if (scenario == "wrong key") {
      createNodeRequest(under(dir, "impostor"), "bj-01", "beijing");
      certificatePath =
          approveNodeRequest(ca, NodeStateFiles(under(dir, "impostor")).request(), pki)
              .certificatePath;
    } else if (scenario == "other CA") {
      certificatePath =
          approveNodeRequest(other, NodeStateFiles(state).request(), under(dir, "other-pki"))
              .certificatePath;
    } else {
      CertificateRequest worker;
      worker.name = "bj-01";
      worker.runId = "run-1";
      writeCertificateFile(certificatePath,
                           ca.issueForKey(worker, request.publicKey.get()).get());
    }
    try {
      installNodeCertificate(state, certificatePath, ca.certificatePath());
      QFAIL("the certificate was installed");
    } catch (const PkiError& e) {
      QVERIFY2(std::string(e.what()).find(expected.toStdString()) != std::string::npos, e.what());
    }
    QVERIFY(!fs::exists(NodeStateFiles(state).certificate()));
  }

  void revocationAndPinChecks() {
    QTemporaryDir dir;
    const fs::path pki = under(dir, "pki"), state = under(dir, "agent");
    const auto ca = CertificateAuthority::create(pki, "test");
    installLocalNode(ca, pki, state, "bj-01", "beijing");
    const X509Ptr certificate = readCertificateFile(NodeStateFiles(state).certificate());
    const NodePins pins(pki);
    QCOMPARE(pins.check("bj-01", certificate.get()), std::nullopt);
    QCOMPARE(pins.check("bj-09", certificate.get()),
             std::optional<std::string>(
                 "node bj-09 has no approved certificate (run `archi pki approve`)"));

    // The same name with another key, signed by another CA: its pin is not the approved one.
    const fs::path otherPki = under(dir, "other-pki");
    const auto other = CertificateAuthority::create(otherPki, "theirs");
    createNodeRequest(under(dir, "impostor"), "bj-01", "beijing");
    const X509Ptr impostor = readCertificateFile(
        approveNodeRequest(other, NodeStateFiles(under(dir, "impostor")).request(), otherPki)
            .certificatePath);
    QCOMPARE(pins.check("bj-01", impostor.get()),
             std::optional<std::string>("certificate of bj-01 does not match its pin"));

    revokeNode(pki, "bj-01");
    QVERIFY(pins.isRevoked("bj-01"));
    QCOMPARE(pins.pinFor("bj-01"), std::nullopt);
    QVERIFY(fs::exists(ApprovedNodeFiles(pki).certificate("bj-01")));  // kept for the record
    QCOMPARE(pins.check("bj-01", certificate.get()),
             std::optional<std::string>("node bj-01 is revoked"));
    QVERIFY_THROWS_EXCEPTION(PkiError, revokeNode(pki, "bj-01"));
    QVERIFY_THROWS_EXCEPTION(PkiError, revokeNode(pki, "bj-09"));
    QVERIFY_THROWS_EXCEPTION(PkiError,
                             approveNodeRequest(ca, NodeStateFiles(state).request(), pki));
    const std::vector<NodeRecord> nodes = pins.nodes();
    QCOMPARE(nodes.size(), std::size_t{1});
    QCOMPARE(nodes[0].nodeId, std::string("bj-01"));
    QCOMPARE(nodes[0].datacenterId, std::string("beijing"));
    QVERIFY(nodes[0].status == NodeStatus::Revoked);
  }

  void reapprovalReplacesThePin() {
    QTemporaryDir dir;
    const fs::path pki = under(dir, "pki"), state = under(dir, "agent");
    const auto ca = CertificateAuthority::create(pki, "test");
    const CertificateInfo first = installLocalNode(ca, pki, state, "bj-01", "beijing");
    createNodeRequest(state, "bj-01", "beijing", /*replaceKey=*/true);
    const ApprovedNode again = approveNodeRequest(ca, NodeStateFiles(state).request(), pki);
    QVERIFY(again.replacedKey);
    QVERIFY(again.publicKeyPin != first.publicKeyPin);
    QCOMPARE(NodePins(pki).pinFor("bj-01"), std::optional<std::string>(again.publicKeyPin));
  }

  void pinFormat() {
    QTemporaryDir dir;
    const fs::path pki = under(dir, "pki"), state = under(dir, "agent");
    const auto ca = CertificateAuthority::create(pki, "test");
    const NodeRequest request = createNodeRequest(state, "bj-01", "beijing");
    const ApprovedNode approved = approveNodeRequest(ca, NodeStateFiles(state).request(), pki);
    const X509Ptr certificate = readCertificateFile(approved.certificatePath);

    const QByteArray digest = spkiSha256(certificate.get());
    QCOMPARE(digest.size(), 32);
    const QByteArray expected = "sha256//" + digest.toBase64();
    QCOMPARE(QByteArray::fromStdString(approved.publicKeyPin), expected);
    QCOMPARE(QByteArray::fromStdString(describeCertificate(certificate.get()).publicKeyPin),
             expected);
    QCOMPARE(QByteArray::fromStdString(request.publicKeyFingerprint),
             digest.toHex(':').toUpper());
    QCOMPARE(QByteArray::fromStdString(approved.publicKeyPin).size(), 8 + 44);
  }
};

QTEST_GUILESS_MAIN(NodeEnrollmentTest)
#include "tst_node_enrollment.moc"
