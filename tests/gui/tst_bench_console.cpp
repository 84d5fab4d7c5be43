// `archi bench console` end to end, shortened: archi finds the console binary in the build
// tree, hands over to its hidden --bench-console mode on the offscreen platform, and the
// monitor follows a live run of 32 workers; the RESULT lines come out and every row written
// was folded (the bench fails otherwise).

#include <QtTest>

#include <QProcess>
#include <QRegularExpression>

class BenchConsoleTest : public QObject {
  Q_OBJECT

 private slots:
  void printsResultLines();
};

void BenchConsoleTest::printsResultLines() {
  const QString archi = qEnvironmentVariable("ARCHI_BIN");
  QVERIFY2(QFileInfo(archi).isExecutable(), qPrintable(archi));
  QProcess process;
  process.start(archi, {"bench", "console", "--seconds", "3", "--baseline-seconds", "1", "--workers", "32", "--hz", "4"});
  QVERIFY(process.waitForFinished(60'000));
  const QString out = QString::fromUtf8(process.readAllStandardOutput());
  QVERIFY2(process.exitCode() == 0, qPrintable(out + process.readAllStandardError()));
  for (const char* name : {"console_event_loop_p99_ms", "console_points_drawn_per_s", "console_event_loop_baseline_p99_ms",
                           "console_event_loop_p99_vs_baseline_ratio"}) {
    const QRegularExpression line(QStringLiteral("^RESULT %1 [0-9.]+").arg(QLatin1String(name)), QRegularExpression::MultilineOption);
    QVERIFY2(line.match(out).hasMatch(), qPrintable(QStringLiteral("%1 missing in:\n%2").arg(QLatin1String(name), out)));
  }
  const QRegularExpressionMatch points = QRegularExpression("^RESULT console_points_drawn_per_s ([0-9.]+)", QRegularExpression::MultilineOption).match(out);
  QVERIFY(points.captured(1).toDouble() > 0.0);  // the monitor did draw the live run
}

QTEST_GUILESS_MAIN(BenchConsoleTest)
#include "tst_bench_console.moc"
