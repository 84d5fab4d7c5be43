#pragma once
// Network namespaces for the netns tests: one namespace per datacenter, joined through veth
// pairs to a bridge in a "wan" namespace, each datacenter's egress rate-limited by a `tbf`
// qdisc. Optionally the test's own (root) namespace joins the bridge too, so that a launcher
// there reaches agents inside the namespaces. Everything is removed on every path.

#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

#include <cstring>
#include <map>
#include <optional>
#include <vector>

inline constexpr auto kNamePrefix = "archi-t";  // + pid + "-" + role: leftovers are recognised by it

struct CommandResult {
  bool started = false;
  int exit_code = -1;
  QString output;
  bool ok() const { return started && exit_code == 0; }
};

// Runs a program directly (no shell) and waits at most `timeout_ms`.
inline CommandResult runCommand(const QString& program, const QStringList& arguments,
                         int timeout_ms = 20000) {
  // iproute2 lives in sbin folders, which a PATH does not always list.
  QString path = QStandardPaths::findExecutable(program);
  if (path.isEmpty()) path = QStandardPaths::findExecutable(program, {"/usr/sbin", "/sbin"});
  QProcess process;
  process.setProcessChannelMode(QProcess::MergedChannels);
  process.start(path.isEmpty() ? program : path, arguments);
  CommandResult result;
  result.started = process.waitForStarted(5000);
  if (!result.started) {
    result.output = program + ": " + process.errorString();
    return result;
  }
  if (!process.waitForFinished(timeout_ms)) {
    process.kill();
    process.waitForFinished(5000);
    result.output = QString::fromUtf8(process.readAll()) + "\n(timed out)";
    return result;
  }
  result.output = QString::fromUtf8(process.readAll());
  result.exit_code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
  return result;
}

inline QString describe(const QStringList& argv, const CommandResult& r) {
  return argv.join(' ') + " -> " + QString::number(r.exit_code) + ": " + r.output.trimmed();
}

// Deletes namespaces left by earlier runs of this test that were killed before cleaning up
// (their pid no longer runs); other live runs' namespaces are left alone.
inline void removeLeftoverNamespaces() {
  const CommandResult list = runCommand("ip", {"netns", "list"});
  for (const QString& line : list.output.split('\n', Qt::SkipEmptyParts)) {
    const QString name = line.section(' ', 0, 0);
    if (!name.startsWith(kNamePrefix)) continue;
    bool numeric = false;
    const pid_t owner = name.mid(int(std::strlen(kNamePrefix))).section('-', 0, 0).toInt(&numeric);
    if (numeric && owner > 0 && ::kill(owner, 0) == 0) continue;
    const CommandResult pids = runCommand("ip", {"netns", "pids", name});
    for (const QString& pid : pids.output.split('\n', Qt::SkipEmptyParts))
      ::kill(pid.toInt(), SIGKILL);
    runCommand("ip", {"netns", "del", name});
  }
}

// The namespaces of one test run. Every namespace this object created is deleted by its
// destructor, after killing whatever still runs inside (a worker left behind by a failed
// run); deleting a namespace deletes its veth ends, their peers and the bridge with it.
class NetnsLab {
 public:
  NetnsLab() : prefix_(QString("%1%2").arg(kNamePrefix).arg(::getpid())) {}
  ~NetnsLab() {
    for (auto it = namespaces_.rbegin(); it != namespaces_.rend(); ++it) {
      const CommandResult pids = runCommand("ip", {"netns", "pids", *it});
      for (const QString& pid : pids.output.split('\n', Qt::SkipEmptyParts))
        ::kill(pid.toInt(), SIGKILL);
      runCommand("ip", {"netns", "del", *it});
    }
  }
  NetnsLab(const NetnsLab&) = delete;
  NetnsLab& operator=(const NetnsLab&) = delete;

  QString name(const QString& role) const { return prefix_ + "-" + role; }

  // Creates a namespace with its loopback up; nullopt on success, otherwise why not.
  std::optional<QString> addNamespace(const QString& role) {
    const QString ns = name(role);
    const QStringList add{"netns", "add", ns};
    const CommandResult created = runCommand("ip", add);
    namespaces_.push_back(ns);  // a failed add may still have left its name behind
    if (!created.ok()) return describe(add, created);
    return step("ip", {"-n", ns, "link", "set", "lo", "up"});
  }

  static std::optional<QString> step(const QString& program, const QStringList& arguments) {
    const CommandResult r = runCommand(program, arguments);
    return r.ok() ? std::nullopt : std::optional<QString>(program + " " + describe(arguments, r));
  }

 private:
  QString prefix_;
  std::vector<QString> namespaces_;
};

inline QJsonArray jsonOf(const QString& program, const QStringList& arguments) {
  const CommandResult r = runCommand(program, arguments);
  return r.ok() ? QJsonDocument::fromJson(r.output.toUtf8()).array() : QJsonArray{};
}

// Bytes the tbf root qdisc of `device` in namespace `ns` has sent; -1 when there is no such qdisc.
inline qint64 tbfSentBytes(const QString& ns, const QString& device) {
  for (const QJsonValue& q : jsonOf("tc", {"-n", ns, "-s", "-j", "qdisc", "show", "dev", device})) {
    if (q["kind"].toString() == "tbf" && q["root"].toBool()) return qint64(q["bytes"].toDouble());
  }
  return -1;
}

inline qint64 linkTxBytes(const QString& ns, const QString& device) {
  const QJsonArray links = jsonOf("ip", {"-n", ns, "-s", "-j", "link", "show", "dev", device});
  return links.isEmpty() ? -1 : qint64(links.first()["stats64"]["tx"]["bytes"].toDouble());
}

// One namespace per datacenter joined through veths to a bridge, each egress limited by tbf.
struct Lab {
  QString skip;     // set: the test cannot run here (and why)
  QString failure;  // set: a set-up step failed
  QStringList placements;                 // --netns arguments for archi run
  std::map<QString, QString> namespaceOf; // datacenter -> namespace
  std::map<QString, QString> addressOf;   // datacenter -> its address
};

// `joinRoot`: this namespace gets an address on the bridge too (10.213.0.254) to reach the others.
inline Lab buildLab(NetnsLab& lab, const QStringList& datacenters, bool joinRoot = false) {
  Lab result;
  // The first namespace doubles as the probe: without netns support there is nothing to test.
  if (const auto why = lab.addNamespace("wan")) {
    result.skip = "network namespaces are not available here: " + *why;
    return result;
  }
  const QString wan = lab.name("wan");
  for (const QStringList& args : {QStringList{"-n", wan, "link", "add", "br0", "type", "bridge"},
                                  QStringList{"-n", wan, "link", "set", "br0", "up"}}) {
    if (const auto failed = NetnsLab::step("ip", args)) {
      result.failure = *failed;
      return result;
    }
  }
  for (int i = 0; i < datacenters.size(); ++i) {
    const QString& dc = datacenters[i];
    if (const auto added = lab.addNamespace(dc)) {
      result.failure = *added;
      return result;
    }
    const QString ns = lab.name(dc);
    const QString port = QString("v%1").arg(i);
    const QString address = QString("10.213.0.%1").arg(i + 1);
    for (const QStringList& args :
         {QStringList{"-n", wan, "link", "add", port, "type", "veth", "peer", "name", "eth0",
                      "netns", ns},
          QStringList{"-n", wan, "link", "set", port, "master", "br0", "up"},
          QStringList{"-n", ns, "addr", "add", address + "/24", "dev", "eth0"},
          QStringList{"-n", ns, "link", "set", "eth0", "up"}}) {
      if (const auto failed = NetnsLab::step("ip", args)) {
        result.failure = *failed;
        return result;
      }
    }
    // The datacenter's egress: a real kernel rate limit on its WAN link.
    if (const auto failed =
            NetnsLab::step("tc", {"-n", ns, "qdisc", "add", "dev", "eth0", "root", "tbf", "rate",
                                  "100mbit", "burst", "128kb", "latency", "50ms"})) {
      result.skip = "the tbf qdisc is not available here: " + *failed;
      return result;
    }
    result.placements << "--netns" << QString("%1=%2:%3").arg(dc, ns, address);
    result.namespaceOf[dc] = ns;
    result.addressOf[dc] = address;
  }
  if (joinRoot) {
    // A veth from this namespace into the bridge; deleting the wan namespace deletes both ends.
    const QString rootEnd = QString("ar%1").arg(::getpid());
    for (const QStringList& args : {QStringList{"link", "add", rootEnd, "type", "veth", "peer", "name", "vroot", "netns", wan},
                                    QStringList{"-n", wan, "link", "set", "vroot", "master", "br0", "up"},
                                    QStringList{"addr", "add", "10.213.0.254/24", "dev", rootEnd},
                                    QStringList{"link", "set", rootEnd, "up"}}) {
      if (const auto failed = NetnsLab::step("ip", args)) {
        result.failure = *failed;
        return result;
      }
    }
  }
  return result;
}

