// Child processes: started without a shell, output to a log file, stopped with SIGTERM then
// SIGKILL, and never left behind.

#include <QtTest>

#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "control/ChildProcess.h"
#include "control/WorkerUser.h"

using namespace std::chrono_literals;

class ChildProcessTest : public QObject {
  Q_OBJECT

 private slots:
  void outputGoesToTheLogAndStatusIsReported();
  void argumentsAreNotInterpretedByAShell();
  void stopEscalatesToKill();
  void missingProgramIsReported();
  void destructorReapsTheChild();
  // Issue 15 items 3 and 4: supervision and isolation of workers the launcher starts itself.
  void childDiesWithItsParent_data();
  void childDiesWithItsParent();
  void environmentIsOnlyTheAllowList();
  void dropsToTheRequestedUser();
  void aNamespaceThatCannotBeJoinedIsAnError();
  void joinsTheNetworkNamespace();
  void invokingUserComesFromSudo();
  void theLogIsPrivate();
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

void ChildProcessTest::childDiesWithItsParent_data() {
  QTest::addColumn<bool>("dieWithParent");
  QTest::newRow("supervised") << true;
  QTest::newRow("unsupervised (the control)") << false;
}

void ChildProcessTest::childDiesWithItsParent() {
  QFETCH(bool, dieWithParent);
  // Orphans come to this process (a subreaper) instead of init, so their end can be seen.
  QCOMPARE(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
  QTemporaryDir dir;
  int pipeFds[2];
  QCOMPARE(::pipe(pipeFds), 0);
  const pid_t parent = ::fork();
  if (parent == 0) {  // the "launcher": starts the child, reports its pid, waits to be killed
    archi::SpawnOptions options;
    options.die_with_parent = dieWithParent;
    auto child = archi::ChildProcess::spawn({"/bin/sleep", "60"}, dir.filePath("sleep.log").toStdString(), options);
    const pid_t pid = child.pid();
    child.release();
    [[maybe_unused]] const ssize_t n = ::write(pipeFds[1], &pid, sizeof(pid));
    for (;;) ::pause();
  }
  ::close(pipeFds[1]);
  pid_t child = 0;
  QCOMPARE(::read(pipeFds[0], &child, sizeof(child)), ssize_t(sizeof(child)));
  ::close(pipeFds[0]);
  QCOMPARE(::kill(parent, SIGKILL), 0);
  int status = 0;
  QCOMPARE(::waitpid(parent, &status, 0), parent);
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  pid_t ended = 0;
  while (ended == 0 && std::chrono::steady_clock::now() < deadline) {
    ended = ::waitpid(child, &status, WNOHANG);
    if (ended == 0) std::this_thread::sleep_for(10ms);
  }
  if (dieWithParent) {
    QCOMPARE(ended, child);
    QVERIFY(WIFSIGNALED(status));
    QCOMPARE(WTERMSIG(status), SIGTERM);
  } else {
    QCOMPARE(ended, pid_t{0});  // an orphan that trains on: what workers were before
    ::kill(child, SIGKILL);
    QCOMPARE(::waitpid(child, &status, 0), child);
  }
}

void ChildProcessTest::environmentIsOnlyTheAllowList() {
  QTemporaryDir dir;
  const std::vector<std::string> inherited{"LD_PRELOAD=/tmp/evil.so", "SSH_AUTH_SOCK=/tmp/agent", "AWS_SECRET_ACCESS_KEY=k",
                                           "OMP_NUM_THREADS=2",       "LANG=C.UTF-8",             "ARCHIPELAGO_CUDA_PLUGIN=/p",
                                           "PATH=/home/me/bin:.",     "LC_ALL=C"};
  archi::SpawnOptions options;
  options.environment = archi::allowListedEnvironment(inherited, std::nullopt);
  auto child = archi::ChildProcess::spawn({"/usr/bin/env"}, dir.filePath("env.log").toStdString(), options);
  while (child.running()) QTest::qWait(5);
  QFile file(dir.filePath("env.log"));
  QVERIFY(file.open(QIODevice::ReadOnly));
  QStringList lines = QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
  lines.sort();
  const QStringList expected{"ARCHIPELAGO_CUDA_PLUGIN=/p", "HOME=" + QString::fromStdString(options.environment->at(1).substr(5)),
                             "LANG=C.UTF-8", "LC_ALL=C",
                             "LOGNAME=" + QString::fromStdString(options.environment->at(3).substr(8)), "OMP_NUM_THREADS=2",
                             "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                             "USER=" + QString::fromStdString(options.environment->at(2).substr(5))};
  QCOMPARE(lines, expected);
}

void ChildProcessTest::dropsToTheRequestedUser() {
  if (::geteuid() != 0) QSKIP("dropping to another user needs root");
  QTemporaryDir dir;
  QVERIFY(::chmod(dir.path().toUtf8().constData(), 0777) == 0);  // the log is opened as that user
  archi::SpawnOptions options;
  options.uid = 65534;
  options.gid = 65534;
  const std::string log = dir.filePath("id.log").toStdString();
  auto child = archi::ChildProcess::spawn({"/bin/sh", "-c", "id -u; id -g; id -G"}, log, options);
  while (child.running()) QTest::qWait(5);
  QFile file(QString::fromStdString(log));
  QVERIFY(file.open(QIODevice::ReadOnly));
  QCOMPARE(file.readAll(), QByteArray("65534\n65534\n65534\n"));  // no supplementary group of root's left
  struct stat info {};
  QCOMPARE(::stat(log.c_str(), &info), 0);
  QCOMPARE(info.st_uid, uid_t{65534});

  // A log the user cannot create: the child never runs, and the error says why.
  QVERIFY(::chmod(dir.path().toUtf8().constData(), 0700) == 0);
  try {
    archi::ChildProcess::spawn({"/bin/true"}, dir.filePath("refused.log").toStdString(), options);
    QFAIL("a log the dropped user cannot open must be reported");
  } catch (const std::runtime_error& e) {
    QVERIFY2(QString(e.what()).contains("log file"), e.what());
  }
}

void ChildProcessTest::aNamespaceThatCannotBeJoinedIsAnError() {
  QTemporaryDir dir;
  archi::SpawnOptions options;
  options.network_namespace = "/run/netns/archipelago-no-such-namespace";
  try {
    archi::ChildProcess::spawn({"/bin/true"}, dir.filePath("ns.log").toStdString(), options);
    QFAIL("a missing namespace must be reported, not ignored");
  } catch (const std::runtime_error& e) {
    QVERIFY2(QString(e.what()).contains("archipelago-no-such-namespace"), e.what());
  }
}

void ChildProcessTest::joinsTheNetworkNamespace() {
  // `--netns` workers join the namespace themselves (setns), then drop privileges.
  if (::geteuid() != 0) QSKIP("joining a network namespace needs root");
  const QString name = QString("archi-test-%1").arg(::getpid());
  if (QProcess::execute("ip", {"netns", "add", name}) != 0) QSKIP("`ip netns add` is not available here");
  QTemporaryDir dir;
  const std::string log = dir.filePath("ns.log").toStdString();
  archi::SpawnOptions options;
  options.network_namespace = "/run/netns/" + name.toStdString();
  auto child = archi::ChildProcess::spawn({"/bin/readlink", "/proc/self/ns/net"}, log, options);
  while (child.running()) QTest::qWait(5);
  struct stat info {};
  QCOMPARE(::stat(options.network_namespace.c_str(), &info), 0);
  QFile file(QString::fromStdString(log));
  QVERIFY(file.open(QIODevice::ReadOnly));
  const QByteArray seen = file.readAll().trimmed();
  QProcess::execute("ip", {"netns", "del", name});
  QCOMPARE(seen, QByteArray("net:[") + QByteArray::number(qulonglong(info.st_ino)) + "]");
}

void ChildProcessTest::invokingUserComesFromSudo() {
  QTemporaryDir dir;
  qputenv("SUDO_UID", "1234");
  qputenv("SUDO_GID", "2345");
  const auto fromSudo = archi::invokingUser(dir.path().toStdString());
  if (::geteuid() == 0) {
    QVERIFY(fromSudo.has_value());
    QCOMPARE(fromSudo->uid, uid_t{1234});
    QCOMPARE(fromSudo->gid, gid_t{2345});
    qputenv("SUDO_UID", "12x4");
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, archi::invokingUser(dir.path().toStdString()));
    // Without sudo: the owner of the data folder.
    qunsetenv("SUDO_UID");
    qunsetenv("SUDO_GID");
    QVERIFY(::chown(dir.path().toUtf8().constData(), 4321, 5432) == 0);
    const auto owner = archi::invokingUser(dir.path().toStdString());
    QVERIFY(owner.has_value());
    QCOMPARE(owner->uid, uid_t{4321});
    QCOMPARE(owner->gid, gid_t{5432});
    QVERIFY(::chown(dir.path().toUtf8().constData(), 0, 0) == 0);
    QVERIFY(!archi::invokingUser(dir.path().toStdString()).has_value());  // root's own folder: nobody to drop to
  } else {
    QVERIFY(!fromSudo.has_value());  // not root: nothing to drop
  }
  qunsetenv("SUDO_UID");
  qunsetenv("SUDO_GID");
}

void ChildProcessTest::theLogIsPrivate() {
  QTemporaryDir dir;
  const std::string log = dir.filePath("private.log").toStdString();
  auto child = archi::ChildProcess::spawn({"/bin/true"}, log);
  while (child.running()) QTest::qWait(5);
  QCOMPARE(QFile::permissions(QString::fromStdString(log)) & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
           QFileDevice::Permissions());
}

QTEST_GUILESS_MAIN(ChildProcessTest)
#include "tst_child_process.moc"
