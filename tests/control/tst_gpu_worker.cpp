// A GPU worker's device and its measured speed, without a GPU: which device a spec's `gpu`
// names, whether the device found is the type the plan assumed (figures from the shipped
// catalog), and under which label a worker's speed is kept as a planner prior.

#include <QtTest>

#include "control/GpuDeviceCheck.h"
#include "control/RunLauncher.h"

namespace {

constexpr std::size_t kGib = std::size_t{1} << 30;

archi::cuda::DeviceInfo device(int index, std::string name, double memoryGib, int major, int minor, std::string uuid = {}) {
  archi::cuda::DeviceInfo d;
  d.index = index;
  d.name = std::move(name);
  d.uuid = uuid.empty() ? "GPU-00000000-0000-0000-0000-00000000000" + std::to_string(index) : std::move(uuid);
  d.totalMemoryBytes = static_cast<std::size_t>(memoryGib * static_cast<double>(kGib));
  d.computeCapabilityMajor = major;
  d.computeCapabilityMinor = minor;
  return d;
}

}  // namespace

class GpuWorkerTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void deviceAgainstCatalog_data();
  void deviceAgainstCatalog();
  void resolvesIndexOrUuid_data();
  void resolvesIndexOrUuid();
  void unknownSelectorsAreRefused_data();
  void unknownSelectorsAreRefused();
  void profileLabel_data();
  void profileLabel();

 private:
  archi::GpuCatalog catalog_;
  std::vector<archi::cuda::DeviceInfo> machine_;
};

void GpuWorkerTest::initTestCase() {
  archi::Diagnostics problems;
  catalog_ = archi::GpuCatalog::fromFile(ARCHIPELAGO_SOURCE_DIR "/resources/gpu-catalog.json", problems);
  QVERIFY(!problems.hasErrors());
  machine_ = {device(0, "NVIDIA H200", 139.8, 9, 0, "GPU-5c4a3e1f-0b2d-4c6e-8f10-2a3b4c5d6e7f"),
              device(1, "NVIDIA H200", 139.8, 9, 0, "GPU-aa4a3e1f-0b2d-4c6e-8f10-2a3b4c5d6e7f")};
}

void GpuWorkerTest::deviceAgainstCatalog_data() {
  QTest::addColumn<QString>("plannedType");
  QTest::addColumn<QString>("deviceName");
  QTest::addColumn<double>("memoryGib");
  QTest::addColumn<int>("major");
  QTest::addColumn<int>("minor");
  QTest::addColumn<QStringList>("mismatchedFields");
  // What the CUDA runtime reports for these cards (cudaDeviceProp::name, totalGlobalMem).
  QTest::newRow("H200 as planned") << "H200" << "NVIDIA H200" << 139.8 << 9 << 0 << QStringList{};
  QTest::newRow("A100 SXM4 as planned") << "A100-80G" << "NVIDIA A100-SXM4-80GB" << 79.2 << 8 << 0 << QStringList{};
  QTest::newRow("RTX 4090 as planned") << "RTX-4090" << "NVIDIA GeForce RTX 4090" << 23.6 << 8 << 9 << QStringList{};
  QTest::newRow("an H20 is not an H200") << "H200" << "NVIDIA H20" << 95.0 << 9 << 0 << QStringList{"name", "memory"};
  QTest::newRow("an H200 is not an H20") << "H20" << "NVIDIA H200" << 139.8 << 9 << 0 << QStringList{"name", "memory"};
  QTest::newRow("A100 40GB planned as 80GB") << "A100-80G" << "NVIDIA A100-SXM4-40GB" << 39.4 << 8 << 0 << QStringList{"memory"};
  QTest::newRow("an L40S where an L20 was planned") << "L20" << "NVIDIA L40S" << 44.5 << 8 << 9 << QStringList{"name"};
  QTest::newRow("compute capability differs") << "H100-SXM" << "NVIDIA H100 80GB HBM3" << 79.1 << 8 << 0
                                              << QStringList{"compute_capability"};
}

void GpuWorkerTest::deviceAgainstCatalog() {
  QFETCH(QString, plannedType);
  QFETCH(QString, deviceName);
  QFETCH(double, memoryGib);
  QFETCH(int, major);
  QFETCH(int, minor);
  QFETCH(QStringList, mismatchedFields);
  const archi::GpuSpec* planned = catalog_.find(plannedType.toStdString());
  QVERIFY(planned != nullptr);
  const auto mismatches = archi::checkGpuAgainstCatalog(device(0, deviceName.toStdString(), memoryGib, major, minor), *planned);
  QStringList fields;
  for (const archi::GpuMismatch& m : mismatches) {
    fields << QString::fromStdString(m.field);
    QVERIFY(!m.expected.empty() && !m.got.empty() && m.expected != m.got);
  }
  QCOMPARE(fields, mismatchedFields);
  QCOMPARE(archi::describeGpuMismatches(mismatches).empty(), mismatchedFields.isEmpty());
}

void GpuWorkerTest::resolvesIndexOrUuid_data() {
  QTest::addColumn<QString>("selector");
  QTest::addColumn<int>("index");
  QTest::newRow("index 0") << "0" << 0;
  QTest::newRow("index 1") << "1" << 1;
  QTest::newRow("uuid of the second") << "GPU-aa4a3e1f-0b2d-4c6e-8f10-2a3b4c5d6e7f" << 1;
  QTest::newRow("uuid of the first") << "GPU-5c4a3e1f-0b2d-4c6e-8f10-2a3b4c5d6e7f" << 0;
}

void GpuWorkerTest::resolvesIndexOrUuid() {
  QFETCH(QString, selector);
  QFETCH(int, index);
  QCOMPARE(archi::resolveGpu(machine_, selector.toStdString()), index);
}

void GpuWorkerTest::unknownSelectorsAreRefused_data() {
  QTest::addColumn<QString>("selector");
  QTest::newRow("index beyond the machine") << "2";
  QTest::newRow("unknown uuid") << "GPU-ffffffff-0b2d-4c6e-8f10-2a3b4c5d6e7f";
  QTest::newRow("negative") << "-1";
  QTest::newRow("a name, not a selector") << "H200";
  QTest::newRow("empty") << "";
}

void GpuWorkerTest::unknownSelectorsAreRefused() {
  QFETCH(QString, selector);
  try {
    archi::resolveGpu(machine_, selector.toStdString());
    QFAIL("accepted");
  } catch (const std::runtime_error& e) {
    // The message names the selector, so the operator sees which spec is wrong.
    QVERIFY2(std::string(e.what()).find("'" + selector.toStdString() + "'") != std::string::npos, e.what());
  }
}

void GpuWorkerTest::profileLabel_data() {
  QTest::addColumn<QString>("deviceType");
  QTest::addColumn<bool>("emulated");
  QTest::addColumn<QString>("backend");
  QTest::addColumn<QString>("label");
  QTest::addColumn<bool>("labelEmulated");
  QTest::newRow("emulated A100 keeps its type, marked emulated") << "A100-80G" << true << "cpu" << "A100-80G" << true;
  QTest::newRow("A100 that really ran on its GPU") << "A100-80G" << false << "cuda" << "A100-80G" << false;
  QTest::newRow("A100 that ran on the CPU is the CPU's speed") << "A100-80G" << false << "cpu" << "CPU" << false;
  QTest::newRow("H20 that ran on the CPU is the CPU's speed") << "H20" << false << "cpu" << "CPU" << false;
  QTest::newRow("a CPU device") << "CPU" << false << "cpu" << "CPU" << false;
}

void GpuWorkerTest::profileLabel() {
  QFETCH(QString, deviceType);
  QFETCH(bool, emulated);
  QFETCH(QString, backend);
  QFETCH(QString, label);
  QFETCH(bool, labelEmulated);
  archi::WorkerSpec spec;
  spec.device_type = deviceType.toStdString();
  spec.emulated = emulated;
  spec.backend = backend.toStdString();
  const auto key = archi::measuredProfileKey(spec);
  QCOMPARE(QString::fromStdString(key.first), label);
  QCOMPARE(key.second, labelEmulated);
}

QTEST_GUILESS_MAIN(GpuWorkerTest)
#include "tst_gpu_worker.moc"
