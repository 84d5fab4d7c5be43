// Child processes: started without a shell, output to a log file, stopped with SIGTERM then
// SIGKILL, and never left behind.

#include <QtTest>

#include <signal.h>
#include <sys/wait.h>

#include "control/ChildProcess.h"

using namespace std::chrono_literals;

class ChildProcessTest : public QObject {
  Q_OBJECT

 private slots:
  void outputGoesToTheLogAndStatusIsReported();
  void argumentsAreNotInterpretedByAShell();
  void stopEscalatesToKill();
  void missingProgramIsReported();
  void destructorReapsTheChild();
};

void ChildProcessTest::outputGoesToTheLogAndStatusIsReported() {
  QTemporaryDir dir;
  const QString log = dir.filePath("logs/child.log");
  auto child = archi::ChildProcess::spawn({"/bin/sh", "-c", "echo hello; echo oops >&2; exit 3"}, log.toStdString());
  while (child.running()) QTest::qWait(5);
  const int status = *child.poll();
  QCOMPARE(QString::fromStdString(archi::ChildProcess::describeStatus(status)), QString("exited with status 3"));
  QFile file(log);
  QVERIFY(file.open(QIODevice::ReadOnly));
  QCOMPARE(file.readAll(), QByteArray("hello\noops\n"));
}

void ChildProcessTest::argumentsAreNotInterpretedByAShell() {
  QTemporaryDir dir;
  const QString log = dir.filePath("echo.log");
  auto child = archi::ChildProcess::spawn({"/bin/echo", "$(id)", ";", "`true`"}, log.toStdString());
  while (child.running()) QTest::qWait(5);
  QFile file(log);
  QVERIFY(file.open(QIODevice::ReadOnly));
  QCOMPARE(file.readAll(), QByteArray("$(id) ; `true`\n"));
}

void ChildProcessTest::stopEscalatesToKill() {
  QTemporaryDir dir;
  // Ignores SIGTERM, so only SIGKILL ends it.
  auto child = archi::ChildProcess::spawn({"/bin/sh", "-c", "trap '' TERM; echo ready; sleep 30"},
                                          dir.filePath("ignores-term.log").toStdString());
  QTRY_VERIFY_WITH_TIMEOUT(QFile(dir.filePath("ignores-term.log")).size() > 0, 5000);
  const int status = child.stop(300ms);
  QVERIFY(WIFSIGNALED(status));
  QCOMPARE(WTERMSIG(status), SIGKILL);
  QVERIFY(!child.running());
}

void ChildProcessTest::missingProgramIsReported() {
  QTemporaryDir dir;
  try {
    archi::ChildProcess::spawn({"/nonexistent/archi"}, dir.filePath("x.log").toStdString());
    QFAIL("starting a missing program must throw");
  } catch (const std::runtime_error& e) {
    QVERIFY2(QString(e.what()).contains("/nonexistent/archi"), e.what());
  }
}

void ChildProcessTest::destructorReapsTheChild() {
  QTemporaryDir dir;
  pid_t pid = 0;
  {
    auto child = archi::ChildProcess::spawn({"/bin/sleep", "30"}, dir.filePath("sleep.log").toStdString());
    pid = child.pid();
    QVERIFY(::kill(pid, 0) == 0);
  }
  QVERIFY(::kill(pid, 0) != 0);  // gone and reaped: not even a zombie is left
}

QTEST_GUILESS_MAIN(ChildProcessTest)
#include "tst_child_process.moc"
