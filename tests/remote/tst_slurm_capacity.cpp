// What a Slurm datacenter's job will ask (one task per enabled device, a CPU each, a GPU each
// on CUDA devices that are not emulated) against what its partition has free now, and the
// sentences that say what is missing (issue 17 item 4). The last case asks a fixture slurmrestd
// end to end, as the console's node check does.

#include <QtTest>

#include "common/SlurmRestFixture.h"
#include "remote/SlurmCapacity.h"

using archi::remote::SlurmDemand;
using archi::remote::SlurmPartition;

namespace {

archi::GpuCatalog catalog() {
  archi::Diagnostics diagnostics;
  archi::GpuCatalog loaded = archi::GpuCatalog::loadDefault(diagnostics);
  if (diagnostics.hasErrors()) qFatal("the built-in catalog does not load");
  return loaded;
}

// "A100-80G:4,H20:2e,Ascend-910B:2,A100-80G:1-" — type:count, e = emulated, - = disabled.
archi::Datacenter datacenterOf(const QString& groups) {
  archi::Datacenter dc;
  dc.id = "west";
  archi::Node node;
  node.id = "w-node-01";
  for (const QString& text : groups.split(',', Qt::SkipEmptyParts)) {
    const QStringList parts = text.split(':');
    archi::DeviceGroup group;
    group.type = parts[0].toStdString();
    QString count = parts[1];
    group.emulate = count.endsWith('e');
    group.enabled = !count.endsWith('-');
    count.remove('e').remove('-');
    group.count = count.toInt();
    node.devices.push_back(group);
  }
  dc.nodes.push_back(node);
  return dc;
}

SlurmPartition partition(const std::string& name, const std::string& state, int freeCpus, int freeGpus) {
  SlurmPartition p;
  p.name = name;
  p.state = state;
  p.total_nodes = 2;
  p.idle_nodes = 1;
  p.free_cpus = freeCpus;
  p.free_gpus = freeGpus;
  return p;
}

}  // namespace

class SlurmCapacityTest : public QObject {
  Q_OBJECT

 private slots:
  void demand_data();
  void demand();
  void shortfalls_data();
  void shortfalls();
  void askedOfAServer();
};

void SlurmCapacityTest::demand_data() {
  QTest::addColumn<QString>("groups");
  QTest::addColumn<int>("tasks");
  QTest::addColumn<int>("gpus");
  QTest::newRow("CUDA devices: a GPU each") << "A100-80G:4,H20:2" << 6 << 6;
  QTest::newRow("emulated devices compute on CPUs") << "A100-80G:2e,H20:2" << 4 << 2;
  QTest::newRow("Ascend is no CUDA device") << "Ascend-910B:8" << 8 << 0;
  QTest::newRow("disabled groups ask nothing") << "A100-80G:4-,H20:1" << 1 << 1;
  QTest::newRow("unknown type: a task, no GPU") << "NoSuchGPU:2" << 2 << 0;
}

void SlurmCapacityTest::demand() {
  QFETCH(QString, groups);
  QFETCH(int, tasks);
  QFETCH(int, gpus);
  const SlurmDemand demand = archi::remote::slurmDemandOf(datacenterOf(groups), catalog());
  QCOMPARE(demand.tasks, tasks);
  QCOMPARE(demand.cpus, tasks);
  QCOMPARE(demand.gpus, gpus);
}

void SlurmCapacityTest::shortfalls_data() {
  QTest::addColumn<int>("cpus");
  QTest::addColumn<int>("gpus");
  QTest::addColumn<QString>("state");
  QTest::addColumn<QString>("name");
  QTest::addColumn<QStringList>("expected");  // a phrase of each sentence, in order
  QTest::newRow("fits exactly") << 8 << 8 << "UP" << "gpu" << QStringList{};
  QTest::newRow("too few GPUs") << 16 << 3 << "UP" << "gpu" << QStringList{"has 3 GPU(s) free; this datacenter's job asks 8"};
  QTest::newRow("too few CPUs") << 7 << 8 << "UP" << "gpu" << QStringList{"has 7 CPU(s) free; this datacenter's job asks 8"};
  QTest::newRow("down and short")
      << 0 << 0 << "DOWN" << "gpu" << QStringList{"partition gpu is DOWN, not UP", "0 CPU(s) free", "0 GPU(s) free"};
  QTest::newRow("no such partition") << 64 << 64 << "UP" << "cpu" << QStringList{"lists no partition 'gpu' (it has: cpu)"};
}

void SlurmCapacityTest::shortfalls() {
  QFETCH(int, cpus);
  QFETCH(int, gpus);
  QFETCH(QString, state);
  QFETCH(QString, name);
  QFETCH(QStringList, expected);
  const SlurmDemand demand{8, 8, 8};
  const std::vector<std::string> found =
      archi::remote::slurmShortfalls(demand, "gpu", {partition(name.toStdString(), state.toStdString(), cpus, gpus)});
  QCOMPARE(int(found.size()), int(expected.size()));
  for (std::size_t i = 0; i < found.size(); ++i) {
    QVERIFY2(QString::fromStdString(found[i]).contains(expected[int(i)]), found[i].c_str());
  }
}

// The fixture slurmrestd (one partition, three nodes: one idle, one half used, one down): the
// capacity check reads the version, the nodes and the partition, and finds 6 GPUs free.
void SlurmCapacityTest::askedOfAServer() {
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  SlurmRestFixture slurmrestd(dir.path().toStdString());
  QVERIFY(slurmrestd.running());
  archi::Datacenter dc = datacenterOf("A100-80G:8");
  dc.launch.via = archi::LaunchVia::Slurm;
  dc.launch.url = slurmrestd.url();
  dc.launch.partition = "gpu";
  dc.launch.user = "archi";
  dc.launch.token_file = slurmrestd.tokenFile().string();
  std::optional<archi::remote::SlurmCapacity> capacity;
  QString error;
  try {
    capacity = archi::remote::checkSlurmCapacity(dc, catalog());
  } catch (const std::exception& e) {
    error = e.what();
  }
  QVERIFY2(capacity.has_value(), qPrintable(error));
  QCOMPARE(capacity->server.slurm_release, std::string("22.05.8"));
  const archi::remote::SlurmPartition* own = capacity->partition();
  QVERIFY(own != nullptr);
  QCOMPARE(own->idle_nodes, 1);
  QCOMPARE(own->free_cpus, 48);
  QCOMPARE(own->free_gpus, 6);
  QCOMPARE(capacity->demand.gpus, 8);
  QCOMPARE(int(capacity->shortfalls.size()), 1);
  QVERIFY(QString::fromStdString(capacity->shortfalls[0]).contains("has 6 GPU(s) free; this datacenter's job asks 8"));
  QCOMPARE(archi::remote::describeFree(*own), std::string("partition gpu (UP): 1 of 3 node(s) idle, 48 CPU(s) and 6 GPU(s) free"));
}

QTEST_GUILESS_MAIN(SlurmCapacityTest)
#include "tst_slurm_capacity.moc"
