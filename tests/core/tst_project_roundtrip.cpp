// Save -> load is lossless, saving is stable, and a save never leaves half a file.

#include <QtTest>

#include "../core/TestPaths.h"
#include "core/ProjectJson.h"
#include "core/Resources.h"

using archi::GpuCatalog;
using archi::Project;

class ProjectRoundTripTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void saveThenLoadIsLossless_data();
  void saveThenLoadIsLossless();
  void editedValuesSurvive();
  void saveReplacesAtomically();
  void disabledDevicesRoundTrip();
  void saveIntoMissingFolderFailsClearly();

 private:
  GpuCatalog catalog_;
};

void ProjectRoundTripTest::initTestCase() {
  archi::Diagnostics problems;
  catalog_ = GpuCatalog::fromFile(sourcePath("resources/gpu-catalog.json").toStdString(), problems);
  QVERIFY(problems.empty());
}

void ProjectRoundTripTest::saveThenLoadIsLossless_data() {
  QTest::addColumn<QString>("file");
  QTest::newRow("local-demo") << "local-demo.archipelago.json";
  QTest::newRow("two-sites-gpu") << "two-sites-gpu.archipelago.json";
  QTest::newRow("single-node") << "single-node.archipelago.json";
}

void ProjectRoundTripTest::saveThenLoadIsLossless() {
  QFETCH(QString, file);
  const auto original = archi::loadProjectFile(examplePath(file).toStdString(), catalog_);
  QVERIFY(original.ok());
  QTemporaryDir dir;
  const std::string saved = dir.filePath("saved.archipelago.json").toStdString();
  archi::saveProjectFile(*original.project, saved);
  const auto reloaded = archi::loadProjectFile(saved, catalog_);
  QVERIFY(reloaded.ok());
  QVERIFY(*reloaded.project == *original.project);
  // Saving the reloaded project gives byte-identical text: key order and number format are stable.
  QCOMPARE(archi::serializeProject(*reloaded.project), archi::readTextFile(saved));
}

void ProjectRoundTripTest::editedValuesSurvive() {
  auto load = archi::loadProjectFile(examplePath("local-demo.archipelago.json").toStdString(), catalog_);
  QVERIFY(load.ok());
  Project project = *load.project;
  project.name = "edited / ~ \"quoted\" 北京";
  project.topology.datacenters[0].position = {12.345678901234567, -0.1};
  project.topology.links[1].gbit = 0.123456789;
  project.topology.links[1].loss_pct = 0.25;
  project.topology.datacenters[2].nodes[0].devices[0].emulate = false;
  project.run.train.tokens = 123'456'789'012;
  project.run.seed = 18'000'000'000'000'000'000ULL;
  const auto reloaded = archi::loadProjectText(archi::serializeProject(project), catalog_);
  QVERIFY(reloaded.project.has_value());
  QVERIFY(!reloaded.diagnostics.hasErrors());
  QVERIFY(*reloaded.project == project);
}

// "enabled" is written only when false, survives a round trip, and a pool with every device
// disabled is refused at /datacenters.
void ProjectRoundTripTest::disabledDevicesRoundTrip() {
  auto load = archi::loadProjectFile(examplePath("local-demo.archipelago.json").toStdString(), catalog_);
  QVERIFY(load.ok());
  Project project = *load.project;
  QVERIFY(archi::serializeProject(project).find("\"enabled\"") == std::string::npos);
  project.topology.datacenters[0].nodes[0].devices[1].enabled = false;
  const std::string text = archi::serializeProject(project);
  QVERIFY(text.find("\"enabled\": false") != std::string::npos);
  const auto reloaded = archi::loadProjectText(text, catalog_);
  QVERIFY(reloaded.ok());
  QVERIFY(!reloaded.project->topology.datacenters[0].nodes[0].devices[1].enabled);
  QVERIFY(reloaded.project->topology.datacenters[0].nodes[0].devices[0].enabled);
  QVERIFY(*reloaded.project == project);

  for (auto& dc : project.topology.datacenters)
    for (auto& node : dc.nodes)
      for (auto& group : node.devices) group.enabled = false;
  const auto allOff = archi::loadProjectText(archi::serializeProject(project), catalog_);
  QVERIFY(allOff.diagnostics.hasErrors());
  bool found = false;
  for (const auto& d : allOff.diagnostics.all()) {
    found = found || (d.pointer == "/datacenters" && d.message.find("every device is disabled") != std::string::npos);
  }
  QVERIFY(found);
}

void ProjectRoundTripTest::saveReplacesAtomically() {
  QTemporaryDir dir;
  const std::string path = dir.filePath("p.archipelago.json").toStdString();
  auto load = archi::loadProjectFile(examplePath("single-node.archipelago.json").toStdString(), catalog_);
  archi::saveProjectFile(*load.project, path);
  load.project->name = "second";
  archi::saveProjectFile(*load.project, path);
  QVERIFY(!QFile::exists(QString::fromStdString(path + ".tmp")));
  QCOMPARE(archi::loadProjectFile(path, catalog_).project->name, std::string("second"));
}

void ProjectRoundTripTest::saveIntoMissingFolderFailsClearly() {
  QTemporaryDir dir;
  const std::string path = dir.filePath("no/such/folder/p.archipelago.json").toStdString();
  Project project;
  try {
    archi::saveProjectFile(project, path);
    QFAIL("saving into a missing folder must throw");
  } catch (const std::runtime_error& e) {
    QVERIFY2(std::string(e.what()).find(path) != std::string::npos, e.what());
  }
}

QTEST_GUILESS_MAIN(ProjectRoundTripTest)
#include "tst_project_roundtrip.moc"
