// Before a launch the launcher compares each node's measured inventory (its agent's GET
// /v1/inventory) with the project: a node that lacks the GPUs the project names is refused,
// naming the node and the difference; emulated and CPU devices need no GPU; the measured GPU
// memory caps the plan's shares.

#include <QtTest>

#include "core/GpuCatalog.h"
#include "plan/Planner.h"
#include "remote/NodeCheck.h"

namespace {

nlohmann::json inventoryWith(const std::vector<std::pair<std::string, double>>& gpus) {
  nlohmann::json list = nlohmann::json::array();
  int index = 0;
  for (const auto& [type, gib] : gpus) {
    list.push_back({{"index", index++}, {"name", "NVIDIA " + type}, {"type", type}, {"memory_bytes", gib * double(1LL << 30)}, {"driver", "550.54"}});
  }
  return {{"hostname", "n"}, {"gpus", list}, {"gpu_source", gpus.empty() ? "none" : "nvidia-smi"}};
}

archi::GpuCatalog catalog() {
  archi::Diagnostics problems;
  return archi::GpuCatalog::loadDefault(problems);
}

}  // namespace

class NodeCheckTest : public QObject {
  Q_OBJECT

 private slots:
  void mismatches_data();
  void mismatches();
  void measuredMemoryCapsThePlan();
};

void NodeCheckTest::mismatches_data() {
  QTest::addColumn<QString>("type");
  QTest::addColumn<int>("count");
  QTest::addColumn<bool>("emulate");
  QTest::addColumn<QStringList>("reported");  // types of the GPUs the agent reports
  QTest::addColumn<QString>("expected");      // empty: no mismatch; else a part of the message
  QTest::newRow("4xH20 on a node with 2") << "H20" << 4 << false << QStringList{"H20", "H20"}
                                          << "node n1: the project says 4×H20; its agent reports 2 GPU(s) (H20 ×2)";
  QTest::newRow("exactly what it has") << "H20" << 2 << false << QStringList{"H20", "H20"} << "";
  QTest::newRow("more than needed") << "H20" << 1 << false << QStringList{"H20", "H20"} << "";
  QTest::newRow("other type") << "H20" << 1 << false << QStringList{"A100-80G"} << "reports 1 GPU(s) (A100-80G ×1)";
  QTest::newRow("no GPU at all") << "H20" << 1 << false << QStringList{} << "its agent reports 0 GPU(s)";
  QTest::newRow("emulated needs none") << "H20" << 8 << true << QStringList{} << "";
  QTest::newRow("CPU needs none") << "CPU" << 2 << false << QStringList{} << "";
}

void NodeCheckTest::mismatches() {
  QFETCH(QString, type);
  QFETCH(int, count);
  QFETCH(bool, emulate);
  QFETCH(QStringList, reported);
  QFETCH(QString, expected);
  archi::Node node{"n1", "10.0.0.1", 7443, {{type.toStdString(), count, emulate}}};
  std::vector<std::pair<std::string, double>> gpus;
  for (const QString& t : reported) gpus.emplace_back(t.toStdString(), 96.0);
  const std::vector<std::string> found = archi::remote::inventoryMismatches(node, inventoryWith(gpus), catalog());
  if (expected.isEmpty()) {
    QVERIFY2(found.empty(), found.empty() ? "" : found.front().c_str());
    return;
  }
  QCOMPARE(found.size(), std::size_t{1});
  QVERIFY2(QString::fromStdString(found.front()).contains(expected), found.front().c_str());
}

void NodeCheckTest::measuredMemoryCapsThePlan() {
  const auto memory = archi::remote::measuredMemoryGib(inventoryWith({{"H20", 96.0}, {"H20", 24.0}}));
  QCOMPARE(memory.size(), std::size_t{1});
  QCOMPARE(memory.at("H20"), 24.0);  // the smallest device of the type bounds them all

  archi::Project project;
  project.name = "p";
  project.run.model = {12, 12, 768, 1024, 256};
  archi::Datacenter dc;
  dc.id = "bj";
  dc.name = "bj";
  dc.nodes.push_back({"n1", "10.0.0.1", 7443, {{"H20", 1, false}}});
  project.topology.datacenters.push_back(dc);
  const archi::GpuCatalog gpus = catalog();
  archi::PlanOptions options;
  const archi::Plan asCatalog = archi::makePlan(project, gpus, {}, options);
  options.measured_memory_gib["n1"]["H20"] = 24.0;
  const archi::Plan asMeasured = archi::makePlan(project, gpus, {}, options);
  const int catalogCap = asCatalog.datacenters.front().devices.front().max_sequences;
  const int measuredCap = asMeasured.datacenters.front().devices.front().max_sequences;
  qInfo("H20 memory cap: %d sequences from the catalog, %d from 24 GiB measured", catalogCap, measuredCap);
  QVERIFY(measuredCap > 0);
  QVERIFY(measuredCap < catalogCap);
}

QTEST_GUILESS_MAIN(NodeCheckTest)
#include "tst_node_check.moc"
