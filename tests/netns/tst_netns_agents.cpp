// The product's way across real kernel links (issue 12): three network namespaces, each one
// node of the local demo running `archi agent` on its own address, enrolled the way an operator
// does it (`archi agent enroll` on the node, `archi pki approve` on the console, `archi agent
// install-cert` back on the node). The launcher in this namespace starts the demo across them
// over HTTPS with mutual TLS; every worker step must arrive in the store exactly once, equal to
// the step records in that worker's journal on its agent. Needs root; skipped otherwise.

#include <QtTest>

#include <filesystem>
#include <fstream>
#include <map>

#include "common/TestDataFolder.h"
#include "core/GpuCatalog.h"
#include "core/ProjectJson.h"
#include "netns/NetnsLab.h"
#include "store/RunStore.h"

namespace {

constexpr int kAgentPort = 7443;

std::int64_t stepLines(const std::filesystem::path& journal) {
  std::ifstream in(journal);
  std::string line;
  std::int64_t steps = 0;
  while (std::getline(in, line)) steps += line.find("\"kind\":\"step\"") != std::string::npos ? 1 : 0;
  return steps;
}

std::string stemOf(std::string worker) {
  std::replace(worker.begin(), worker.end(), '/', '_');
  return worker;
}

}  // namespace

class NetnsAgentsTest : public QObject {
  Q_OBJECT

 private slots:
  void demoAcrossThreeAgents();
};

void NetnsAgentsTest::demoAcrossThreeAgents() {
  if (::geteuid() != 0) QSKIP("needs root to create network namespaces and veth pairs: run this test as root to exercise it");
  removeLeftoverNamespaces();
  const QString archi = qEnvironmentVariable("ARCHI_BIN");
  QTemporaryDir dir;
  const archi::DataLayout data = dataLayoutIn(dir);

  // The demo with each datacenter's node at its namespace's address.
  archi::Diagnostics problems;
  const archi::GpuCatalog catalog = archi::GpuCatalog::loadDefault(problems);
  archi::ProjectLoad load =
      archi::loadProjectFile(std::string(ARCHIPELAGO_SOURCE_DIR) + "/resources/examples/local-demo.archipelago.json", catalog);
  QVERIFY(load.ok());
  archi::Project project = *load.project;
  QStringList datacenters;
  for (const archi::Datacenter& dc : project.topology.datacenters) datacenters << QString::fromStdString(dc.id);
  QCOMPARE(datacenters.size(), 3);

  NetnsLab lab;
  const Lab built = buildLab(lab, datacenters, /*joinRoot=*/true);
  if (!built.skip.isEmpty()) QSKIP(qPrintable(built.skip));
  QVERIFY2(built.failure.isEmpty(), qPrintable(built.failure));

  std::map<std::string, std::filesystem::path> stateOf;  // node -> its agent's state folder
  std::vector<std::unique_ptr<QProcess>> agents;
  const QString pki = QString::fromStdString(data.pkiDirectory().string());
  const QStringList init{"pki", "--dir", pki, "init"};  // the console's CA, once
  const CommandResult initialised = runCommand(archi, init);
  QVERIFY2(initialised.ok(), qPrintable(describe(init, initialised)));
  for (archi::Datacenter& dc : project.topology.datacenters) {
    QCOMPARE(dc.nodes.size(), std::size_t{1});
    archi::Node& node = dc.nodes.front();
    const QString id = QString::fromStdString(dc.id);
    node.host = built.addressOf.at(id).toStdString();
    node.agent_port = kAgentPort;
    const std::filesystem::path state = std::filesystem::path(dir.path().toStdString()) / ("node-" + node.id);
    stateOf[node.id] = state;
    const QString ns = built.namespaceOf.at(id);
    const QString stateArg = QString::fromStdString(state.string());
    // Enrollment as an operator types it: on the node, on the console, on the node again.
    const QStringList enroll{"netns", "exec", ns, archi, "agent", "enroll", "--state", stateArg, "--node",
                             QString::fromStdString(node.id), "--datacenter", id};
    const CommandResult enrolled = runCommand("ip", enroll);
    QVERIFY2(enrolled.ok(), qPrintable(describe(enroll, enrolled)));
    const QStringList approve{"pki", "--dir", pki, "approve", stateArg + "/pki/node.csr", "--yes"};
    const CommandResult approved = runCommand(archi, approve);
    QVERIFY2(approved.ok(), qPrintable(describe(approve, approved)));
    const QStringList install{"netns", "exec", ns, archi, "agent", "install-cert", "--state", stateArg, "--certificate",
                              pki + "/nodes/" + QString::fromStdString(node.id) + ".crt", "--ca", pki + "/ca.crt"};
    const CommandResult installed = runCommand("ip", install);
    QVERIFY2(installed.ok(), qPrintable(describe(install, installed)));

    auto agent = std::make_unique<QProcess>();
    agent->setProcessChannelMode(QProcess::MergedChannels);
    agent->start("ip", {"netns", "exec", ns, archi, "agent", "--listen", QString("%1:%2").arg(built.addressOf.at(id)).arg(kAgentPort),
                        "--state", stateArg});
    QVERIFY(agent->waitForStarted(5000));
    QTRY_VERIFY_WITH_TIMEOUT(std::filesystem::exists(state / "agent.port"), 10000);
    agents.push_back(std::move(agent));
  }
  const QString projectPath = dir.filePath("agents.archipelago.json");
  archi::saveProjectFile(project, projectPath.toStdString());

  QProcess run;
  run.setProcessChannelMode(QProcess::MergedChannels);
  run.start(archi, QStringList{"run", projectPath, "--tokens", "200000", "--name", "netns-agents"} + dataFolderArguments(data));
  const bool finished = run.waitForFinished(200000);
  const QString output = QString::fromUtf8(run.readAll());
  qInfo().noquote() << output;
  QVERIFY2(finished, "archi run did not finish within 200 s");
  QVERIFY2(run.exitStatus() == QProcess::NormalExit && run.exitCode() == 0, qPrintable(output));
  QVERIFY2(output.contains("completed"), qPrintable(output));

  for (auto& agent : agents) {
    agent->terminate();
    agent->waitForFinished(5000);
  }
  for (const auto& [node, state] : stateOf) {
    std::ifstream log(state / "agent.log");
    std::string line;
    while (std::getline(log, line)) {
      const bool lifecycle = line.find("started worker") != std::string::npos || line.find("ended") != std::string::npos ||
                             line.find("stop") != std::string::npos || line.find("serving") != std::string::npos;
      if (lifecycle) qInfo("%s: %s", node.c_str(), line.c_str());
    }
  }

  archi::RunStore store(data.storePath(), archi::RunStore::Access::ReadOnly);
  const auto runs = store.listRuns();
  QCOMPARE(runs.size(), std::size_t{1});
  const std::int64_t id = runs.front().id;
  QCOMPARE(runs.front().state, archi::RunState::Completed);
  QCOMPARE(store.runAgents(id).size(), std::size_t{3});
  const auto workers = store.workers(id);
  QCOMPARE(workers.size(), std::size_t{10});
  std::map<std::string, std::vector<std::int64_t>> steps;
  for (const archi::StepMetric& m : store.stepMetrics(id)) steps[m.worker_id].push_back(m.step);
  for (const archi::WorkerRecord& w : workers) {
    const std::filesystem::path journal = stateOf.at(w.node_id) / "runs" / runs.front().name / "journals" / (stemOf(w.worker_id) + ".jsonl");
    const std::int64_t onAgent = stepLines(journal);
    const auto& list = steps[w.worker_id];
    qInfo("%s on %s: %lld step records on the agent, %zu in the store", w.worker_id.c_str(), w.node_id.c_str(),
          static_cast<long long>(onAgent), list.size());
    QVERIFY(onAgent > 0);
    QCOMPARE(static_cast<std::int64_t>(list.size()), onAgent);
    for (std::size_t i = 0; i < list.size(); ++i) QCOMPARE(list[i], std::int64_t(i + 1));
  }
  for (const archi::OuterRound& r : store.outerRounds(id)) QCOMPARE(r.participants, 3);
}

QTEST_GUILESS_MAIN(NetnsAgentsTest)
#include "tst_netns_agents.moc"
