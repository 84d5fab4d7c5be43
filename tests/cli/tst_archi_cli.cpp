// The archi command line as an operator meets it: compiler-style validation output and exit
// codes, the inspect summary, --help on every subcommand, --version.

#include <QtTest>

class ArchiCliTest : public QObject {
  Q_OBJECT

 private slots:
  void validateListsEveryProblemAndFails();
  void validateAcceptsTheExamples_data();
  void validateAcceptsTheExamples();
  void validateMissingFileFailsClearly();
  void inspectSummarisesTheDemo();
  void helpOnEverySubcommand_data();
  void helpOnEverySubcommand();
  void versionIsPrinted();
  void unknownSubcommandFails();
  void benchStorePrintsResultLines();

 private:
  struct Outcome {
    int exitCode = -1;
    QString out;
    QString err;
  };
  static Outcome archi(const QStringList& arguments);
  static QString example(const QString& name) { return QStringLiteral(ARCHIPELAGO_SOURCE_DIR "/resources/examples/") + name; }
};

ArchiCliTest::Outcome ArchiCliTest::archi(const QStringList& arguments) {
  QProcess process;
  process.start(qEnvironmentVariable("ARCHI_BIN"), arguments);
  Outcome outcome;
  if (!process.waitForFinished(60000)) return outcome;
  outcome.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
  outcome.out = QString::fromUtf8(process.readAllStandardOutput());
  outcome.err = QString::fromUtf8(process.readAllStandardError());
  return outcome;
}

void ArchiCliTest::validateListsEveryProblemAndFails() {
  const QString file = example("broken.archipelago.json");
  const Outcome result = archi({"validate", file});
  QCOMPARE(result.exitCode, 1);
  const QStringList lines = result.out.split('\n', Qt::SkipEmptyParts);
  QCOMPARE(lines.size(), 13);
  QVERIFY(lines.contains(file + ": /links/2/gbit: must be > 0"));
  QVERIFY(lines.contains(file + ": /links/0/b: unknown datacenter \"guiyng\" (did you mean \"guiyang\"?)"));
  QVERIFY(lines.contains(file + ": /datacenters/0/nodes/0/devices/0/type: unknown GPU type \"A100-80\" (did you mean \"A100-80G\"?)"));
  QVERIFY(result.err.contains("13 error(s)"));
}

void ArchiCliTest::validateAcceptsTheExamples_data() {
  QTest::addColumn<QString>("file");
  QTest::newRow("local-demo") << "local-demo.archipelago.json";
  QTest::newRow("two-sites-gpu") << "two-sites-gpu.archipelago.json";
  QTest::newRow("single-node") << "single-node.archipelago.json";
}

void ArchiCliTest::validateAcceptsTheExamples() {
  QFETCH(QString, file);
  const Outcome result = archi({"validate", example(file)});
  QCOMPARE(result.exitCode, 0);
  QVERIFY(result.out.contains("valid"));
}

void ArchiCliTest::validateMissingFileFailsClearly() {
  const Outcome result = archi({"validate", "/no/such/project.archipelago.json"});
  QCOMPARE(result.exitCode, 1);
  QVERIFY2(result.out.contains("cannot open /no/such/project.archipelago.json"), qPrintable(result.out));
}

void ArchiCliTest::inspectSummarisesTheDemo() {
  const Outcome result = archi({"inspect", example("local-demo.archipelago.json")});
  QCOMPARE(result.exitCode, 0);
  for (const char* expected : {"3 datacenter(s), 3 node(s), 10 device(s)", "Guiyang", "Ascend-910B", "By vendor: Huawei 2, NVIDIA 8",
                               "2152.0 peak dense bf16 TFLOPS", "864 GiB device memory", "(10 emulated)",
                               "Beijing <-> Guiyang  100 Mbit/s  RTT 60 ms", "Model: GPT, 2 layers"}) {
    QVERIFY2(result.out.contains(QLatin1String(expected)), expected);
  }
}

void ArchiCliTest::helpOnEverySubcommand_data() {
  QTest::addColumn<QStringList>("arguments");
  QTest::newRow("archi") << QStringList{"--help"};
  QTest::newRow("validate") << QStringList{"validate", "--help"};
  QTest::newRow("inspect") << QStringList{"inspect", "--help"};
  QTest::newRow("bench") << QStringList{"bench", "--help"};
  QTest::newRow("bench store") << QStringList{"bench", "store", "--help"};
  QTest::newRow("report") << QStringList{"report", "--help"};
  QTest::newRow("agent") << QStringList{"agent", "--help"};
  QTest::newRow("agent enroll") << QStringList{"agent", "enroll", "--help"};
  QTest::newRow("bench agent") << QStringList{"bench", "agent", "--help"};
  QTest::newRow("bench console") << QStringList{"bench", "console", "--help"};
}

void ArchiCliTest::helpOnEverySubcommand() {
  QFETCH(QStringList, arguments);
  const Outcome result = archi(arguments);
  QCOMPARE(result.exitCode, 0);
  QVERIFY(result.out.contains("Usage:"));
}

void ArchiCliTest::versionIsPrinted() {
  const Outcome result = archi({"--version"});
  QCOMPARE(result.exitCode, 0);
  QVERIFY(QRegularExpression("^archi \\d+\\.\\d+\\.\\d+").match(result.out).hasMatch());
}

void ArchiCliTest::unknownSubcommandFails() {
  const Outcome result = archi({"frobnicate"});
  QVERIFY(result.exitCode != 0);
}

void ArchiCliTest::benchStorePrintsResultLines() {
  const Outcome result = archi({"bench", "store", "--rows", "2000", "--runs", "1"});
  QCOMPARE(result.exitCode, 0);
  const auto match = QRegularExpression("^RESULT store_ingest_rows_per_s (\\d+) rows/s$", QRegularExpression::MultilineOption)
                         .match(result.out);
  QVERIFY2(match.hasMatch(), qPrintable(result.out));
  QVERIFY(match.captured(1).toLongLong() > 0);
}

QTEST_GUILESS_MAIN(ArchiCliTest)
#include "tst_archi_cli.moc"
