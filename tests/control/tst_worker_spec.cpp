// Worker specs: what the launcher writes, the worker reads back identically; a hostile or
// mistaken spec is refused with every problem and its pointer.

#include <QtTest>

#include "control/WorkerSpec.h"
#include "core/Resources.h"

class WorkerSpecTest : public QObject {
  Q_OBJECT

 private slots:
  void writeThenParseIsLossless();
  void gpuWorkerIsLossless();
  void mistakes_data();
  void mistakes();
  void notJsonIsRefused();

 private:
  static archi::WorkerSpec sample();
};

archi::WorkerSpec WorkerSpecTest::sample() {
  archi::WorkerSpec s;
  s.run_id = "run-7";
  s.worker_id = "beijing/bj-node-01/1";
  s.datacenter_id = "beijing";
  s.rank = 1;
  s.world_size = 4;
  s.device_type = "H20";
  s.emulated = true;
  s.pace_tokens_per_s = 462.5;
  s.dc_shares = {11, 5, 11, 5};
  s.dc_share_caps = {22, 10, 16, 10};
  s.dc_worker_ids = {"beijing/bj-node-01/0", "beijing/bj-node-01/1", "beijing/bj-node-02/0", "beijing/bj-node-02/1"};
  s.pace_changes = {{1.7e9, 0.5}};
  s.rebalance = false;
  s.rendezvous = {"127.0.0.1", 7501};
  s.rendezvous_secret_file = "/tmp/run-7/secrets/beijing.secret";
  s.wan_rank = 0;
  s.leaders = {{"beijing", "leader-beijing", {"127.0.0.1", 7601}}, {"guiyang", "leader-guiyang", {"127.0.0.1", 7611}}};
  s.wan_emulation = {true, 0.1, 60.0, 0.0};
  s.tls = {"/tmp/ca.crt", "/tmp/w.crt", "/tmp/w.key"};
  s.run.model = {2, 4, 128, 128, 256};
  s.round_target_s = 12.5;
  s.journal = "/tmp/j.jsonl";
  s.checkpoint_dir = "/tmp/ck";
  return s;
}

void WorkerSpecTest::writeThenParseIsLossless() {
  QTemporaryDir dir;
  const std::string path = dir.filePath("spec.json").toStdString();
  archi::writeWorkerSpec(sample(), path);
  archi::Diagnostics problems;
  const auto parsed = archi::parseWorkerSpec(archi::readTextFile(path), problems);
  QVERIFY(parsed.has_value());
  QVERIFY(problems.empty());
  QVERIFY(*parsed == sample());
}

void WorkerSpecTest::gpuWorkerIsLossless() {
  archi::WorkerSpec gpu = sample();
  gpu.emulated = false;
  gpu.pace_tokens_per_s = 0;
  gpu.backend = "cuda";
  gpu.gpu = "GPU-5c4a3e1f-0b2d-4c6e-8f10-2a3b4c5d6e7f";
  archi::Diagnostics problems;
  const auto parsed = archi::parseWorkerSpec(archi::workerSpecToJson(gpu).dump(), problems);
  QVERIFY(parsed.has_value());
  QVERIFY2(problems.empty(), problems.empty() ? "" : problems.all().front().message.c_str());
  QVERIFY(*parsed == gpu);
  QVERIFY(parsed->onGpu());
}

void WorkerSpecTest::mistakes_data() {
  QTest::addColumn<QString>("pointer");
  QTest::addColumn<QString>("value");
  QTest::addColumn<QString>("expectedPointer");
  QTest::newRow("rank beyond world") << "/rank" << "4" << "/rank";
  QTest::newRow("negative share") << "/dc_shares/2" << "-1" << "/dc_shares/2";
  QTest::newRow("shares for a different world") << "/dc_shares" << "[1, 2]" << "/dc_shares";
  QTest::newRow("port out of range") << "/rendezvous/port" << "70000" << "/rendezvous/port";
  QTest::newRow("several workers without a store secret") << "/rendezvous_secret_file" << "\"\""
                                                          << "/rendezvous_secret_file";
  QTest::newRow("leader endpoint missing host") << "/leaders/1/endpoint" << R"({"port": 1})" << "/leaders/1/endpoint/host";
  QTest::newRow("unknown key") << "/shell" << "\"rm -rf /\"" << "/shell";
  QTest::newRow("bad model") << "/run/model/heads" << "3" << "/run/model/dim";
  QTest::newRow("wan rank outside leaders") << "/wan_rank" << "5" << "/wan_rank";
  QTest::newRow("wrong type") << "/world_size" << "\"four\"" << "/world_size";
  QTest::newRow("caps for a different world") << "/dc_share_caps" << "[1]" << "/dc_share_caps";
  QTest::newRow("negative cap") << "/dc_share_caps/1" << "-3" << "/dc_share_caps/1";
  QTest::newRow("worker id not a string") << "/dc_worker_ids/0" << "7" << "/dc_worker_ids/0";
  QTest::newRow("throttle to zero") << "/pace_changes/0/factor" << "0" << "/pace_changes/0";
  QTest::newRow("unknown backend") << "/backend" << "\"rocm\"" << "/backend";
  QTest::newRow("emulated device on cuda") << "/backend" << "\"cuda\"" << "/backend";
  QTest::newRow("gpu named for a cpu worker") << "/gpu" << "\"0\"" << "/gpu";
  QTest::newRow("throttle with an extra key") << "/pace_changes/0/when" << "1" << "/pace_changes/0";
  // Limits (docs/architecture.md#limits-on-outside-input): no value wraps around into a valid one,
  // no list is read past what a datacenter can hold.
  QTest::newRow("rank that wrapped to 1") << "/rank" << "4294967297" << "/rank";
  QTest::newRow("port that wrapped to 7501") << "/rendezvous/port" << "4294974797" << "/rendezvous/port";
  QTest::newRow("threads that wrapped to 1") << "/threads" << "4294967297" << "/threads";
  QTest::newRow("world beyond a datacenter") << "/world_size" << "70000" << "/world_size";
  QString leaders = "[";
  for (int i = 0; i <= int(archi::kMaxLeaders); ++i) {
    leaders += QString(R"(%1{"datacenter_id":"d%2","name":"n","endpoint":{"host":"h","port":1}})").arg(i ? "," : "").arg(i);
  }
  QTest::newRow("more leaders than datacenters") << "/leaders" << leaders + "]" << "/leaders/64";
  QTest::newRow("nested too deep") << "/tls/ca" << QString(20, '[') + QString(20, ']') << "";
}

void WorkerSpecTest::mistakes() {
  QFETCH(QString, pointer);
  QFETCH(QString, value);
  QFETCH(QString, expectedPointer);
  nlohmann::json document = archi::workerSpecToJson(sample());
  document[nlohmann::json::json_pointer(pointer.toStdString())] = nlohmann::json::parse(value.toStdString());
  archi::Diagnostics problems;
  archi::parseWorkerSpec(document.dump(), problems);
  QStringList pointers;
  for (const archi::Diagnostic& d : problems.all()) pointers << QString::fromStdString(d.pointer);
  QVERIFY2(pointers.contains(expectedPointer), qPrintable(pointers.join(", ")));
}

void WorkerSpecTest::notJsonIsRefused() {
  archi::Diagnostics problems;
  QVERIFY(!archi::parseWorkerSpec("\x01\x02 not json", problems).has_value());
  QVERIFY(problems.hasErrors());
}

QTEST_GUILESS_MAIN(WorkerSpecTest)
#include "tst_worker_spec.moc"
