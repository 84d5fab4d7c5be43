// `archi pki init|issue|show` end to end: files, modes, what `show` reports, refusals; and node
// enrollment as operators type it (`archi agent enroll` → `archi pki approve` → `archi agent
// install-cert` → `archi pki nodes` → `archi pki revoke`).

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "comm/pki/PemFiles.h"

namespace {

struct Result {
  int exitCode = -1;
  QString output;
};

Result runArchi(const QStringList& arguments) {
  QProcess process;
  process.setProcessChannelMode(QProcess::MergedChannels);
  process.start(QString::fromLocal8Bit(qgetenv("ARCHI_BIN")), arguments);
  if (!process.waitForFinished(30000)) {
    process.kill();
    process.waitForFinished();
    return {-2, "timed out"};
  }
  return {process.exitCode(), QString::fromLocal8Bit(process.readAll())};
}

}  // namespace

class PkiCliTest : public QObject {
  Q_OBJECT

 private slots:
  void initIssueShow() {
    QTemporaryDir dir;
    const QString ca = dir.filePath("ca");
    Result r = runArchi({"pki", "--dir", ca, "init", "--name", "console-1"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    QCOMPARE(archi::pki::filePermissions((ca + "/ca.key").toStdString()), 0600u);

    r = runArchi({"pki", "--dir", ca, "issue", "--role", "worker", "--name", "dc1-leader",
                  "--run-id", "run-7", "--out", dir.filePath("dc1")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    QCOMPARE(archi::pki::filePermissions(dir.filePath("dc1/dc1-leader.key").toStdString()), 0600u);

    r = runArchi({"pki", "--dir", ca, "show", dir.filePath("dc1/dc1-leader.crt")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    QVERIFY2(r.output.contains(QRegularExpression("role:\\s+worker")), qPrintable(r.output));
    QVERIFY2(r.output.contains(QRegularExpression("run id:\\s+run-7")), qPrintable(r.output));
    QVERIFY2(r.output.contains("URI:urn:archipelago:run:run-7"), qPrintable(r.output));
    QVERIFY2(r.output.contains("chain:       valid"), qPrintable(r.output));

    r = runArchi(
        {"pki", "--dir", ca, "issue", "--role", "node", "--name", "node-a", "--host", "10.0.0.5"});
    QVERIFY2(r.exitCode == 0 && r.output.contains("IP:10.0.0.5") &&
                 r.output.contains("run id:      (none)"),
             qPrintable(r.output));
  }

  void refusals_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("second init") << QStringList{"init"} << "already exists";
    QTest::newRow("worker without run")
        << QStringList{"issue", "--name", "w"} << "must name its run";
    QTest::newRow("unknown role") << QStringList{"issue", "--role", "admin", "--name", "w"}
                                  << "admin";
  }

  void refusals() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QCOMPARE(runArchi({"pki", "--dir", dir.filePath("ca"), "init"}).exitCode, 0);
    const Result r = runArchi(QStringList{"pki", "--dir", dir.filePath("ca")} + arguments);
    QVERIFY2(r.exitCode != 0 && r.output.contains(expected), qPrintable(r.output));
  }

  void showRefusesForeignCertificate() {
    QTemporaryDir dir;
    QCOMPARE(runArchi({"pki", "--dir", dir.filePath("ours"), "init"}).exitCode, 0);
    QCOMPARE(runArchi({"pki", "--dir", dir.filePath("theirs"), "init"}).exitCode, 0);
    QCOMPARE(
        runArchi({"pki", "--dir", dir.filePath("theirs"), "issue", "--role", "node", "--name", "n"})
            .exitCode,
        0);
    const Result r =
        runArchi({"pki", "--dir", dir.filePath("ours"), "show", dir.filePath("theirs/n.crt")});
    QVERIFY2(r.exitCode == 1 && r.output.contains("NOT valid"), qPrintable(r.output));
  }

  void enrollApproveInstallRevoke() {
    QTemporaryDir dir;
    const QString ca = dir.filePath("console-pki"), state = dir.filePath("agent-state");
    QCOMPARE(runArchi({"pki", "--dir", ca, "init"}).exitCode, 0);

    Result r = runArchi({"agent", "enroll", "--state", state, "--node", "bj-01", "--datacenter",
                         "beijing"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    const QString csr = state + "/pki/node.csr";
    QVERIFY2(r.output.contains(csr) && r.output.contains("archi pki approve"),
             qPrintable(r.output));
    const QString fingerprint =
        QRegularExpression("key fingerprint: ([0-9A-F:]{95})").match(r.output).captured(1);
    QVERIFY2(!fingerprint.isEmpty(), qPrintable(r.output));
    QCOMPARE(archi::pki::filePermissions((state + "/pki/node.key").toStdString()), 0600u);
    r = runArchi({"agent", "enroll", "--state", state, "--node", "bj-01", "--datacenter",
                  "beijing"});
    QVERIFY2(r.exitCode == 1 && r.output.contains("already exists"), qPrintable(r.output));

    // Without --yes and without a terminal on stdin, approve asks nobody and refuses.
    r = runArchi({"pki", "--dir", ca, "approve", csr});
    QVERIFY2(r.exitCode == 1 && r.output.contains("not a terminal"), qPrintable(r.output));
    QVERIFY(!QFile::exists(ca + "/nodes/bj-01.pin"));

    r = runArchi({"pki", "--dir", ca, "approve", csr, "--yes"});
    QVERIFY2(r.exitCode == 0 && r.output.contains(fingerprint) && r.output.contains("beijing"),
             qPrintable(r.output));
    QVERIFY(QFile::exists(ca + "/nodes/bj-01.crt") && QFile::exists(ca + "/nodes/bj-01.pin"));

    r = runArchi({"agent", "install-cert", "--state", state, "--certificate",
                  ca + "/nodes/bj-01.crt", "--ca", ca + "/ca.crt"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    r = runArchi({"pki", "--dir", ca, "show", state + "/pki/node.crt"});
    QVERIFY2(r.exitCode == 0 && r.output.contains(QRegularExpression("role:\\s+node")) &&
                 r.output.contains(QRegularExpression("datacenter:\\s+beijing")) &&
                 r.output.contains("chain:       valid"),
             qPrintable(r.output));

    r = runArchi({"pki", "--dir", ca, "nodes"});
    QVERIFY2(r.exitCode == 0 && r.output.contains(QRegularExpression(
                                    "bj-01\\s+beijing\\s+approved\\s+" + fingerprint)),
             qPrintable(r.output));
    r = runArchi({"pki", "--dir", ca, "revoke", "bj-01"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    QVERIFY(QFile::exists(ca + "/nodes/revoked/bj-01.pin"));
    r = runArchi({"pki", "--dir", ca, "nodes"});
    QVERIFY2(r.output.contains(QRegularExpression("bj-01\\s+beijing\\s+revoked")),
             qPrintable(r.output));
    r = runArchi({"pki", "--dir", ca, "approve", csr, "--yes"});
    QVERIFY2(r.exitCode == 1 && r.output.contains("was revoked"), qPrintable(r.output));
  }
};

QTEST_GUILESS_MAIN(PkiCliTest)
#include "PkiCliTest.moc"
