// Runs launched through node agents over HTTPS (issue 12): `archi run --local` starts one
// agent per node on loopback and every worker through them; the store must hold every record
// of every worker's journal exactly once — also when the launcher is SIGKILLed mid-run and
// `archi run --attach` picks the run up, and when an agent is killed and restarted mid-run.

#include <QtTest>

#include <signal.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <thread>

#include "common/TestDataFolder.h"
#include "common/TestProject.h"
#include "store/RunStore.h"

namespace {

// Lines of a worker's journal as its agent keeps it, by kind.
struct JournalCounts {
  std::int64_t lines = 0;
  std::int64_t steps = 0;
};

JournalCounts countJournal(const std::filesystem::path& file) {
  JournalCounts counts;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    ++counts.lines;
    if (line.find("\"kind\":\"step\"") != std::string::npos) ++counts.steps;
  }
  return counts;
}

std::string stemOf(std::string worker) {
  std::replace(worker.begin(), worker.end(), '/', '_');
  return worker;
}

std::int64_t storedSteps(const archi::DataLayout& data) {
  try {
    archi::RunStore store(data.storePath(), archi::RunStore::Access::ReadOnly);
    const auto runs = store.listRuns();
    return runs.empty() ? 0 : store.countStepMetrics(runs.back().id);
  } catch (const std::exception&) {
    return 0;
  }
}

std::optional<qint64> agentPid(const std::filesystem::path& state) {
  QProcess pgrep;
  pgrep.start("pgrep", {"-f", QString("agent --listen [^ ]+ --state %1( |$)").arg(QString::fromStdString(state.string()))});
  pgrep.waitForFinished(5000);
  const QString out = QString::fromUtf8(pgrep.readAllStandardOutput()).trimmed();
  if (out.isEmpty()) return std::nullopt;
  return out.split('\n').first().toLongLong();
}

}  // namespace

class AgentRunTest : public QObject {
  Q_OBJECT

 private slots:
  void everyRecordOnceThroughLocalAgents_data();
  void everyRecordOnceThroughLocalAgents();

 private:
  static QString writeProject(const QTemporaryDir& dir, std::int64_t tokens);
  static void checkStoreAgainstJournals(const archi::DataLayout& data, const QString& runName);
};

QString AgentRunTest::writeProject(const QTemporaryDir& dir, std::int64_t tokens) {
  return TestProject("tiny-agents")
      .datacenter("east", 7901, {"CPU", 2, false})
      .datacenter("west", 7902, {"CPU", 1, false})
      .link("east", "west", 1.0, 5.0)
      .tokens(tokens)
      .batchTokens(256)
      .innerSteps(5)
      .outerLoop(0.7, 0.5)
      .write(dir);
}

// For every worker: the store holds exactly the steps its journal on the agent holds (count and
// primary keys 1..N), and the stored cursor is the journal's line count.
void AgentRunTest::checkStoreAgainstJournals(const archi::DataLayout& data, const QString& runName) {
  archi::RunStore store(data.storePath(), archi::RunStore::Access::ReadOnly);
  const auto run = store.findRunByName(runName.toStdString());
  QVERIFY(run.has_value());
  QCOMPARE(run->state, archi::RunState::Completed);
  const auto cursors = store.journalCursors(run->id);
  std::map<std::string, std::vector<std::int64_t>> steps;
  for (const archi::StepMetric& m : store.stepMetrics(run->id)) steps[m.worker_id].push_back(m.step);
  const std::filesystem::path agents = data.root() / "local-agents" / "tiny-agents";
  const auto workers = store.workers(run->id);
  QCOMPARE(workers.size(), std::size_t{3});
  for (const archi::WorkerRecord& w : workers) {
    const std::filesystem::path journal =
        agents / w.node_id / "runs" / run->name / "journals" / (stemOf(w.worker_id) + ".jsonl");  // the id: the name plus its random suffix
    const JournalCounts counts = countJournal(journal);
    QVERIFY2(counts.steps > 0, journal.c_str());
    const auto& list = steps[w.worker_id];
    qInfo("%s: %lld steps in the agent's journal, %zu in the store", w.worker_id.c_str(), static_cast<long long>(counts.steps),
          list.size());
    QCOMPARE(static_cast<std::int64_t>(list.size()), counts.steps);
    for (std::size_t i = 0; i < list.size(); ++i) QCOMPARE(list[i], std::int64_t(i + 1));
    QVERIFY(cursors.count(w.worker_id) == 1);
    QCOMPARE(cursors.at(w.worker_id), counts.lines);
  }
}

void AgentRunTest::everyRecordOnceThroughLocalAgents_data() {
  QTest::addColumn<QString>("disruption");
  QTest::newRow("undisturbed") << "none";
  QTest::newRow("launcher killed, then --attach") << "kill-launcher";
  QTest::newRow("agent killed and restarted") << "kill-agent";
}

void AgentRunTest::everyRecordOnceThroughLocalAgents() {
  QFETCH(QString, disruption);
  QTemporaryDir dir;
  const archi::DataLayout data = dataLayoutIn(dir);
  const QString runName = "agents-" + disruption;
  const QString project = writeProject(dir, disruption == "none" ? 30000 : 90000);
  const QString archi = qEnvironmentVariable("ARCHI_BIN");
  QProcess run;
  run.setProcessChannelMode(QProcess::MergedChannels);
  run.start(archi, QStringList{"run", project, "--local", "--name", runName} + dataFolderArguments(data));
  QVERIFY(run.waitForStarted());

  if (disruption != "none") {
    // Wait until the run is well under way, then disrupt it.
    QTRY_VERIFY_WITH_TIMEOUT(storedSteps(data) >= 20, 90000);
  }
  if (disruption == "kill-launcher") {
    ::kill(static_cast<pid_t>(run.processId()), SIGKILL);
    QVERIFY(run.waitForFinished(10000));
    const std::int64_t before = storedSteps(data);
    std::this_thread::sleep_for(std::chrono::seconds(2));  // the run goes on meanwhile: a gap to back-fill
    QProcess attach;
    attach.setProcessChannelMode(QProcess::MergedChannels);
    attach.start(archi, QStringList{"run", "--attach", runName} + dataFolderArguments(data));
    QVERIFY(attach.waitForFinished(150000));
    const QString output = QString::fromUtf8(attach.readAll());
    QVERIFY2(attach.exitStatus() == QProcess::NormalExit && attach.exitCode() == 0, qPrintable(output));
    const QRegularExpression took("attached to run \\S+ in ([0-9.]+) s");
    const auto match = took.match(output);
    QVERIFY2(match.hasMatch(), qPrintable(output));
    qInfo("steps stored before the launcher was killed: %lld; re-attach took %s s", static_cast<long long>(before),
          qPrintable(match.captured(1)));
  } else {
    if (disruption == "kill-agent") {
      const std::filesystem::path state = data.root() / "local-agents" / "tiny-agents" / "west-node";
      const std::optional<qint64> pid = agentPid(state);
      QVERIFY(pid.has_value());
      std::ifstream portFile(state / "agent.port");
      int port = 0;
      portFile >> port;
      QVERIFY(port > 0);
      ::kill(static_cast<pid_t>(*pid), SIGKILL);
      std::this_thread::sleep_for(std::chrono::seconds(1));
      // The node's operator (or systemd) starts it again on its port; it re-adopts its workers.
      QVERIFY(QProcess::startDetached(archi, {"agent", "--listen", QString("127.0.0.1:%1").arg(port), "--state",
                                              QString::fromStdString(state.string()), "--exit-when-idle-s", "20"}));
    }
    QVERIFY(run.waitForFinished(150000));
    const QString output = QString::fromUtf8(run.readAll());
    QVERIFY2(run.exitStatus() == QProcess::NormalExit && run.exitCode() == 0, qPrintable(output));
  }
  checkStoreAgainstJournals(data, runName);
}

QTEST_GUILESS_MAIN(AgentRunTest)
#include "tst_agent_run.moc"
