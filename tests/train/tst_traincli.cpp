// `archi train-local`, `archi sample` and `archi bench train` as a user runs them: real
// processes, real files, exit codes and the promised output lines.

#include <QtTest>

#include <QProcess>
#include <QRegularExpression>

namespace {

struct Run {
  int exitCode = -1;
  QByteArray out;
  QByteArray err;
};

Run archi(const QStringList& arguments, int timeout_ms = 120'000) {
  QProcess process;
  process.start(QString::fromLocal8Bit(qgetenv("ARCHI_BIN")), arguments);
  Run run;
  if (!process.waitForFinished(timeout_ms)) {
    process.kill();
    process.waitForFinished();
    run.err = "timed out";
    return run;
  }
  run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
  run.out = process.readAllStandardOutput();
  run.err = process.readAllStandardError();
  return run;
}

}  // namespace

class TestTrainCli : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QVERIFY2(!qgetenv("ARCHI_BIN").isEmpty(), "ARCHI_BIN must name the archi binary"); }

  void trainThenSample() {
    QTemporaryDir dir;
    const QString corpus = dir.filePath("corpus.txt");
    {
      QFile f(corpus);
      QVERIFY(f.open(QIODevice::WriteOnly));
      for (int i = 0; i < 2000; ++i) f.write(QByteArray("the cat sat on the mat number ") + QByteArray::number(i % 37) + ".\n");
    }
    const QString ckpt = dir.filePath("model.ckpt");
    const Run train = archi({"train-local", "--corpus", corpus, "--layers", "1", "--heads", "2", "--dim", "32",
                             "--context", "32", "--batch", "4", "--tokens", "2560", "--threads", "2", "--val-every", "10",
                             "--checkpoint", ckpt, "--sample-tokens", "20", "--log", dir.filePath("steps.log")});
    QVERIFY2(train.exitCode == 0, train.err.constData());
    const QString out = QString::fromUtf8(train.out);
    static const QRegularExpression stepLine(
        "^step=20 loss=[0-9.]+ lr=[0-9.e+-]+ grad_norm=[0-9.]+ tokens_per_s=[0-9]+ loss_z=-?[0-9.]+ grad_norm_z=-?[0-9.]+$",
        QRegularExpression::MultilineOption);
    QVERIFY2(stepLine.match(out).hasMatch(), qPrintable(out));
    QVERIFY(out.contains("validation step=10 val_loss="));
    QVERIFY(out.contains("checkpoint step=20 path="));
    QVERIFY(out.contains("sample:"));
    QFile log(dir.filePath("steps.log"));
    QVERIFY(log.open(QIODevice::ReadOnly));
    int stepLines = 0;
    for (const QByteArray& line : log.readAll().split('\n')) stepLines += line.startsWith("step=") ? 1 : 0;
    QCOMPARE(stepLines, 20);

    const QStringList sampleArgs{"sample", ckpt, "--prompt", "the", "--tokens", "30", "--seed", "5", "--top-k", "8"};
    const Run a = archi(sampleArgs);
    const Run b = archi(sampleArgs);
    QVERIFY2(a.exitCode == 0, a.err.constData());
    QCOMPARE(a.out, b.out);
    QVERIFY(a.out.startsWith("the"));
    QCOMPARE(a.out.size(), 3 + 30 + 1);

    // A damaged checkpoint is refused with a reason and a failing exit code.
    QFile damaged(ckpt);
    QVERIFY(damaged.open(QIODevice::ReadWrite));
    damaged.seek(damaged.size() / 2);
    damaged.write("XXXX");
    damaged.close();
    const Run refused = archi(sampleArgs);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("corrupted"), refused.err.constData());
    const Run resume = archi({"train-local", "--corpus", corpus, "--layers", "1", "--heads", "2", "--dim", "32",
                              "--context", "32", "--resume", ckpt});
    QCOMPARE(resume.exitCode, 1);
    QVERIFY2(resume.err.contains("corrupted"), resume.err.constData());
  }

  void projectFile() {
    if (!QFile::exists("/usr/share/games/fortunes")) QSKIP("fortunes corpus not installed (installer/setup-deps.sh)");
    const QString project = QStringLiteral(ARCHIPELAGO_SOURCE_DIR) + "/resources/examples/local-demo.archipelago.json";
    const Run run = archi({"train-local", project, "--max-steps", "2", "--sample-tokens", "0", "--val-batches", "1",
                           "--threads", "2"});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.contains("model L=2 H=4 C=128 T=128 V=256"), run.out.constData());
    QVERIFY(run.out.contains("step=2 loss="));
  }

  void benchPrintsResults() {
    const Run run = archi({"bench", "train", "--layers", "1", "--heads", "2", "--dim", "32", "--context", "16",
                           "--batch", "2", "--threads", "2", "--steps", "10", "--warmup", "1"});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    for (const char* name : {"RESULT train_tokens_per_s ", "RESULT train_ms_per_step ", "RESULT train_peak_rss_mib "})
      QVERIFY2(run.out.contains(name), run.out.constData());
  }

  void badConfigRefused() {
    const Run run = archi({"train-local", "--dim", "30", "--heads", "4", "--tokens", "100"});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("divisible"), run.err.constData());
  }
};

QTEST_GUILESS_MAIN(TestTrainCli)
#include "tst_traincli.moc"
