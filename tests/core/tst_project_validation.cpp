// Validation of project files: every error class, each with its exact JSON pointer, all
// reported at once, no class reported twice for the same mistake.

#include <QtTest>

#include <nlohmann/json.hpp>

#include "../core/TestPaths.h"
#include "core/ProjectJson.h"
#include "core/Resources.h"

using archi::Diagnostic;
using archi::GpuCatalog;
using archi::ProjectLoad;
using archi::Severity;

class ProjectValidationTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void demoExamplesAreValid_data();
  void demoExamplesAreValid();
  void singleMistake_data();
  void singleMistake();
  void brokenExampleReportsEveryPlantedError();
  void syntaxErrorNamesLineAndByte();
  void duplicateJsonKeyIsReported();
  void deviceTooSmallIsAWarningWhenAnotherFits();
  void emptyProjectReportsEveryMissingKey();

 private:
  ProjectLoad loadMutated(const QString& pointer, const QString& valueJson);
  GpuCatalog catalog_;
  nlohmann::json demo_;
};

void ProjectValidationTest::initTestCase() {
  archi::Diagnostics catalogProblems;
  catalog_ = GpuCatalog::fromFile(sourcePath("resources/gpu-catalog.json").toStdString(), catalogProblems);
  QVERIFY(catalogProblems.empty());
  demo_ = nlohmann::json::parse(archi::readTextFile(examplePath("local-demo.archipelago.json").toStdString()));
}

void ProjectValidationTest::demoExamplesAreValid_data() {
  QTest::addColumn<QString>("file");
  QTest::newRow("local-demo") << "local-demo.archipelago.json";
  QTest::newRow("two-sites-gpu") << "two-sites-gpu.archipelago.json";
  QTest::newRow("single-node") << "single-node.archipelago.json";
}

void ProjectValidationTest::demoExamplesAreValid() {
  QFETCH(QString, file);
  const ProjectLoad load = archi::loadProjectFile(examplePath(file).toStdString(), catalog_);
  for (const Diagnostic& d : load.diagnostics.all()) qWarning("%s", archi::formatDiagnostic("", d).c_str());
  QVERIFY(load.ok());
  QVERIFY(load.diagnostics.empty());
}

// A value of "DELETE" removes the key; otherwise the value is JSON text put at the pointer.
ProjectLoad ProjectValidationTest::loadMutated(const QString& pointer, const QString& valueJson) {
  nlohmann::json document = demo_;
  const nlohmann::json::json_pointer where(pointer.toStdString());
  if (valueJson == "DELETE") {
    document[where.parent_pointer()].erase(where.back());
  } else {
    document[where] = nlohmann::json::parse(valueJson.toStdString());
  }
  return archi::loadProjectText(document.dump(), catalog_);
}

void ProjectValidationTest::singleMistake_data() {
  QTest::addColumn<QString>("pointer");
  QTest::addColumn<QString>("value");
  QTest::addColumn<QString>("expectedPointer");
  QTest::addColumn<QString>("expectedMessage");
  QTest::addColumn<int>("expectedErrors");

  const QString device0 = "/datacenters/0/nodes/0/devices/0";
  const QString node0 = "/datacenters/0/nodes/0";
  // wrong type
  QTest::newRow("port as string") << node0 + "/agent_port" << "\"7401\"" << node0 + "/agent_port" << "must be an integer (got string)" << 1;
  QTest::newRow("name as number") << "/name" << "5" << "/name" << "must be a string (got integer)" << 1;
  QTest::newRow("count as fraction") << device0 + "/count" << "1.5" << device0 + "/count" << "must be an integer (got number)" << 1;
  QTest::newRow("enabled as string") << device0 + "/enabled" << "\"no\"" << device0 + "/enabled" << "must be true or false" << 1;
  QTest::newRow("emulate as string") << device0 + "/emulate" << "\"yes\"" << device0 + "/emulate" << "must be true or false" << 1;
  QTest::newRow("nodes as object") << "/datacenters/1/nodes" << "{}" << "/datacenters/1/nodes" << "must be an array (got object)" << 1;
  QTest::newRow("link as array") << "/links/0" << "[]" << "/links/0" << "must be an object (got array)" << 1;
  // missing key
  QTest::newRow("missing host") << node0 + "/host" << "DELETE" << node0 + "/host" << "required key is missing" << 1;
  QTest::newRow("missing link gbit") << "/links/2/gbit" << "DELETE" << "/links/2/gbit" << "required key is missing" << 1;
  QTest::newRow("missing run") << "/run" << "DELETE" << "/run" << "required key is missing" << 1;
  // unknown key, with a suggestion
  QTest::newRow("unknown device key") << device0 + "/emulated" << "true" << device0 + "/emulated" << "unknown key \"emulated\" (did you mean \"emulate\"?)" << 1;
  QTest::newRow("unknown top key") << "/nmae" << "\"x\"" << "/nmae" << "did you mean \"name\"" << 1;
  QTest::newRow("unknown train key") << "/run/train/innersteps" << "5" << "/run/train/innersteps" << "did you mean \"inner_steps\"" << 1;
  // duplicate ids
  // Renaming Ulanqab to "beijing" also leaves its two links pointing at a datacenter that is gone.
  QTest::newRow("duplicate datacenter") << "/datacenters/2/id" << "\"beijing\"" << "/datacenters/2/id" << "duplicate datacenter id \"beijing\" (first used at /datacenters/0/id)" << 3;
  QTest::newRow("duplicate node") << "/datacenters/1/nodes/0/id" << "\"bj-node-01\"" << "/datacenters/1/nodes/0/id" << "duplicate node id \"bj-node-01\"" << 1;
  QTest::newRow("id with a space") << "/datacenters/1/nodes/0/id" << "\"gy node\"" << "/datacenters/1/nodes/0/id" << "may contain only letters" << 1;
  // links
  QTest::newRow("link to unknown datacenter") << "/links/0/b" << "\"guiyng\"" << "/links/0/b" << "unknown datacenter \"guiyng\" (did you mean \"guiyang\"?)" << 1;
  QTest::newRow("link to itself") << "/links/0/b" << "\"beijing\"" << "/links/0/b" << "links datacenter \"beijing\" to itself" << 1;
  QTest::newRow("second link same pair") << "/links/2/a" << "\"beijing\"" << "/links/2" << "a second link between" << 1;
  QTest::newRow("no links at all") << "/links" << "[]" << "/datacenters/1" << "is not connected to \"beijing\"" << 2;
  // non-positive figures
  QTest::newRow("zero bandwidth") << "/links/1/gbit" << "0" << "/links/1/gbit" << "must be > 0" << 1;
  QTest::newRow("negative rtt") << "/links/1/rtt_ms" << "-3" << "/links/1/rtt_ms" << "must be > 0" << 1;
  QTest::newRow("loss of 100%") << "/links/1/loss_pct" << "100" << "/links/1/loss_pct" << "must be in [0, 100)" << 1;
  QTest::newRow("zero devices") << device0 + "/count" << "0" << device0 + "/count" << "must be > 0" << 1;
  QTest::newRow("negative devices") << device0 + "/count" << "-2" << device0 + "/count" << "must be > 0" << 1;
  QTest::newRow("zero fabric") << "/datacenters/0/fabric/gbit" << "0" << "/datacenters/0/fabric/gbit" << "must be > 0" << 1;
  QTest::newRow("zero token budget") << "/run/train/tokens" << "0" << "/run/train/tokens" << "must be > 0" << 1;
  // GPU types
  QTest::newRow("unknown GPU type") << device0 + "/type" << "\"A100\"" << device0 + "/type" << "unknown GPU type \"A100\" (did you mean \"A100-80G\"?)" << 1;
  QTest::newRow("GPU type lowercase") << device0 + "/type" << "\"h20\"" << device0 + "/type" << "(did you mean \"H20\"?)" << 1;
  QTest::newRow("GPU type nonsense") << device0 + "/type" << "\"Banana\"" << device0 + "/type" << "unknown GPU type \"Banana\"" << 1;
  // ports
  QTest::newRow("port zero") << node0 + "/agent_port" << "0" << node0 + "/agent_port" << "port 0 is out of range (1-65535)" << 1;
  QTest::newRow("port too high") << node0 + "/agent_port" << "65536" << node0 + "/agent_port" << "port 65536 is out of range" << 1;
  QTest::newRow("port shared") << "/datacenters/1/nodes/0/agent_port" << "7401" << "/datacenters/1/nodes/0/agent_port" << "another node already uses 127.0.0.1:7401" << 1;
  // model
  QTest::newRow("model fits nowhere") << "/run/model" << R"({"layers": 96, "heads": 96, "dim": 12288, "context": 2048})" << "/run/model" << "cannot hold it" << 1;
  QTest::newRow("heads do not divide dim") << "/run/model/heads" << "3" << "/run/model/dim" << "dim 128 is not divisible by heads 3" << 1;
  QTest::newRow("vocab too small") << "/run/model/vocab" << "100" << "/run/model/vocab" << "must be >= 256" << 1;
  QTest::newRow("batch below one sequence") << "/run/train/batch_tokens" << "64" << "/run/train/batch_tokens" << "at least one sequence of 128 tokens" << 1;
  QTest::newRow("unknown sync") << "/run/train/sync" << "\"local-sgd\"" << "/run/train/sync" << "must be one of \"diloco\", \"ddp\" (got \"local-sgd\")" << 1;
  QTest::newRow("unknown compression") << "/run/train/compression" << "\"zip\"" << "/run/train/compression" << "must be one of \"fp32\", \"bf16\", \"int8\"" << 1;
  QTest::newRow("momentum of 1") << "/run/train/outer_momentum" << "1.0" << "/run/train/outer_momentum" << "must be in [0, 1)" << 1;
  QTest::newRow("validation every 0 rounds") << "/run/train/validate_every_rounds" << "0" << "/run/train/validate_every_rounds" << "must be > 0" << 1;
  QTest::newRow("validation fraction 0") << "/run/data/val_frac" << "0" << "/run/data/val_frac" << "must be in (0, 1)" << 1;
  QTest::newRow("newer format") << "/format" << "2" << "/format" << "project format 2 is not supported" << 1;
  QTest::newRow("negative seed") << "/run/seed" << "-1" << "/run/seed" << "must be >= 0" << 1;
}

void ProjectValidationTest::singleMistake() {
  QFETCH(QString, pointer);
  QFETCH(QString, value);
  QFETCH(QString, expectedPointer);
  QFETCH(QString, expectedMessage);
  QFETCH(int, expectedErrors);

  const ProjectLoad load = loadMutated(pointer, value);
  QVERIFY(load.project.has_value());
  QVERIFY(!load.ok());
  bool found = false;
  QStringList seen;
  for (const Diagnostic& d : load.diagnostics.all()) {
    seen << QString::fromStdString(d.pointer + ": " + d.message);
    if (d.severity == Severity::Error && d.pointer == expectedPointer.toStdString() &&
        d.message.find(expectedMessage.toStdString()) != std::string::npos) {
      found = true;
    }
  }
  if (!found) qWarning() << "diagnostics were:" << seen;
  QVERIFY(found);
  // One mistake, one report: a missing key must not also show up as "must be > 0".
  QCOMPARE(int(load.diagnostics.errorCount()), expectedErrors);
}

void ProjectValidationTest::brokenExampleReportsEveryPlantedError() {
  const ProjectLoad load = archi::loadProjectFile(examplePath("broken.archipelago.json").toStdString(), catalog_);
  QVERIFY(load.project.has_value());
  QStringList pointers;
  for (const Diagnostic& d : load.diagnostics.all()) {
    QCOMPARE(d.severity, Severity::Error);
    pointers << QString::fromStdString(d.pointer);
  }
  const QStringList expected = {
      "/datacenters/0/nodes/0/agent_port",          // port out of range
      "/datacenters/0/nodes/0/devices/0/type",      // unknown GPU type, did you mean
      "/datacenters/0/nodes/0/devices/1/count",     // zero count
      "/datacenters/1/id",                          // duplicate id
      "/datacenters/1/nodes/0/agent_port",          // wrong type
      "/datacenters/1/nodes/0/devices/0/emulated",  // unknown key
      "/datacenters/2/nodes/0/host",                // missing key
      "/links/0/b",                                 // unknown datacenter
      "/links/1/b",                                 // link to itself
      "/links/2/gbit",                              // zero bandwidth
      "/links/2/rtt_ms",                            // negative RTT
      "/run/model/dim",                             // heads do not divide dim
      "/run/train/sync",                            // unknown sync mode
  };
  QCOMPARE(pointers, expected);
}

void ProjectValidationTest::syntaxErrorNamesLineAndByte() {
  const std::string text = "{\n  \"format\": 1,\n  \"name\": \"x\",,\n}";
  const ProjectLoad load = archi::loadProjectText(text, catalog_);
  QVERIFY(!load.project.has_value());
  QCOMPARE(load.diagnostics.all().size(), std::size_t{1});
  const std::string& message = load.diagnostics.all().front().message;
  QVERIFY2(message.find("line 3") != std::string::npos, message.c_str());
  QVERIFY2(message.find("byte 31") != std::string::npos, message.c_str());
}

void ProjectValidationTest::duplicateJsonKeyIsReported() {
  std::string text = demo_.dump();
  // Repeat "name" inside the first link: nlohmann alone would keep the last silently.
  const std::string needle = "{\"a\":\"beijing\"";
  const auto at = text.find(needle);
  QVERIFY(at != std::string::npos);
  text.insert(at + 1, "\"a\":\"ulanqab\",");
  const ProjectLoad load = archi::loadProjectText(text, catalog_);
  bool found = false;
  for (const Diagnostic& d : load.diagnostics.all()) {
    if (d.pointer == "/links/0/a" && d.message.find("duplicate key") != std::string::npos) found = true;
  }
  QVERIFY(found);
}

void ProjectValidationTest::deviceTooSmallIsAWarningWhenAnotherFits() {
  nlohmann::json document = demo_;
  // ~30 GiB of training state: fits the 80/96/64 GiB devices, not a 24 GiB RTX 4090.
  document["run"]["model"] = {{"layers", 48}, {"heads", 16}, {"dim", 1536}, {"context", 1024}, {"vocab", 256}};
  document["datacenters"][1]["nodes"][0]["devices"].push_back({{"type", "RTX-4090"}, {"count", 1}});
  const ProjectLoad load = archi::loadProjectText(document.dump(), catalog_);
  QVERIFY(load.ok());
  QCOMPARE(load.diagnostics.all().size(), std::size_t{1});
  const Diagnostic& warning = load.diagnostics.all().front();
  QCOMPARE(warning.severity, Severity::Warning);
  QCOMPARE(QString::fromStdString(warning.pointer), QString("/datacenters/1/nodes/0/devices/1/type"));
}

void ProjectValidationTest::emptyProjectReportsEveryMissingKey() {
  const ProjectLoad load = archi::loadProjectText("{}", catalog_);
  QStringList pointers;
  for (const Diagnostic& d : load.diagnostics.all()) pointers << QString::fromStdString(d.pointer);
  QCOMPARE(pointers, QStringList({"/datacenters", "/format", "/name", "/run"}));
}

QTEST_GUILESS_MAIN(ProjectValidationTest)
#include "tst_project_validation.moc"
