// A datacenter's "launch" (node agents or a Slurm job): every mistake reported at its JSON
// pointer, the token file checked (present, 0600, never the token itself), slurmrestd URLs
// taken apart, plain HTTP to a remote host refused, and the field written back as read.

#include <QtTest>

#include <sys/stat.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "../core/TestPaths.h"
#include "core/DatacenterLaunch.h"
#include "core/ProjectJson.h"
#include "core/Resources.h"

using archi::Diagnostic;
using archi::ProjectLoad;

class DatacenterLaunchTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void launchField_data();
  void launchField();
  void url_data();
  void url();
  void roundTrip();

 private:
  std::string writeToken(const char* name, mode_t mode);
  QTemporaryDir dir_;
  archi::GpuCatalog catalog_;
  nlohmann::json demo_;
  QString goodToken_;
  QString openToken_;
};

std::string DatacenterLaunchTest::writeToken(const char* name, mode_t mode) {
  const std::string path = dir_.filePath(name).toStdString();
  std::ofstream(path) << "eyJhbGciOiJIUzI1NiJ9.e30.x\n";
  ::chmod(path.c_str(), mode);
  return path;
}

void DatacenterLaunchTest::initTestCase() {
  QVERIFY(dir_.isValid());
  archi::Diagnostics catalogProblems;
  catalog_ = archi::GpuCatalog::fromFile(sourcePath("resources/gpu-catalog.json").toStdString(), catalogProblems);
  QVERIFY(catalogProblems.empty());
  demo_ = nlohmann::json::parse(archi::readTextFile(examplePath("local-demo.archipelago.json").toStdString()));
  goodToken_ = QString::fromStdString(writeToken("good.jwt", 0600));
  openToken_ = QString::fromStdString(writeToken("open.jwt", 0644));
}

// `launch` is the JSON put at /datacenters/1/launch (%GOOD%, %OPEN% stand for token files with
// 0600 and 0644 permissions); an empty expected pointer means the project is valid.
void DatacenterLaunchTest::launchField_data() {
  QTest::addColumn<QString>("launch");
  QTest::addColumn<QString>("expectedPointer");
  QTest::addColumn<QString>("expectedMessage");

  const QString at = "/datacenters/1/launch";
  const QString slurm = R"("via": "slurm", "partition": "debug", "user": "archi")";
  QTest::newRow("agents") << R"({"via": "agents"})" << "" << "";
  QTest::newRow("slurm over https") << "{" + slurm + R"(, "url": "https://slurm.example:6820", "token_file": "%GOOD%"})" << "" << "";
  QTest::newRow("slurm with account") << "{" + slurm + R"(, "account": "ml", "url": "https://slurm.example", "token_file": "%GOOD%"})" << "" << "";
  QTest::newRow("slurm on loopback http") << "{" + slurm + R"(, "url": "http://127.0.0.1:6820", "token_file": "%GOOD%"})" << "" << "";
  QTest::newRow("slurm on a unix socket") << "{" + slurm + R"(, "url": "unix:///run/slurmrestd.sock"})" << "" << "";
  QTest::newRow("unknown via") << R"({"via": "pbs"})" << at + "/via" << R"(must be one of "agents", "slurm" (got "pbs"))";
  QTest::newRow("missing via") << R"({})" << at + "/via" << "required key is missing";
  QTest::newRow("launch as string") << R"("slurm")" << at << "must be an object (got string)";
  QTest::newRow("missing partition") << R"({"via": "slurm", "user": "a", "url": "unix:///s.sock"})" << at + "/partition" << "required key is missing";
  QTest::newRow("missing user") << R"({"via": "slurm", "partition": "p", "url": "unix:///s.sock"})" << at + "/user" << "required key is missing";
  QTest::newRow("missing url") << "{" + slurm + "}" << at + "/url" << "required key is missing";
  QTest::newRow("empty partition") << R"({"via": "slurm", "partition": "", "user": "a", "url": "unix:///s.sock"})" << at + "/partition" << "must not be empty";
  QTest::newRow("token in the project") << "{" + slurm + R"(, "url": "unix:///s.sock", "token": "eyJ"})" << at + "/token" << "a token is never stored in the project";
  QTest::newRow("typo in key") << "{" + slurm + R"(, "url": "unix:///s.sock", "acount": "ml"})" << at + "/acount" << R"(did you mean "account")";
  QTest::newRow("plain http to a remote host") << "{" + slurm + R"(, "url": "http://slurm.example:6820", "token_file": "%GOOD%"})" << at + "/url" << "would send the Slurm token in clear";
  QTest::newRow("ftp url") << "{" + slurm + R"(, "url": "ftp://slurm.example"})" << at + "/url" << "must start with https://, http:// (loopback only) or unix://";
  QTest::newRow("url with a path") << "{" + slurm + R"(, "url": "https://slurm.example/slurm/v0.0.38", "token_file": "%GOOD%"})" << at + "/url" << "without a path";
  QTest::newRow("bad port") << "{" + slurm + R"(, "url": "https://slurm.example:99999", "token_file": "%GOOD%"})" << at + "/url" << "port that is not 1-65535";
  QTest::newRow("relative socket") << "{" + slurm + R"(, "url": "unix://run/slurmrestd.sock"})" << at + "/url" << "absolute path";
  QTest::newRow("tcp without token") << "{" + slurm + R"(, "url": "https://slurm.example"})" << at + "/token_file" << "needs a JWT";
  QTest::newRow("token file missing") << "{" + slurm + R"(, "url": "https://slurm.example", "token_file": "/nonexistent/slurm.jwt"})" << at + "/token_file" << "cannot read /nonexistent/slurm.jwt";
  QTest::newRow("token file readable by others") << "{" + slurm + R"(, "url": "https://slurm.example", "token_file": "%OPEN%"})" << at + "/token_file" << "has permissions 0644: a token file must be 0600";
  QTest::newRow("relative token file") << "{" + slurm + R"(, "url": "https://slurm.example", "token_file": "slurm.jwt"})" << at + "/token_file" << "must be an absolute path";
}

void DatacenterLaunchTest::launchField() {
  QFETCH(QString, launch);
  QFETCH(QString, expectedPointer);
  QFETCH(QString, expectedMessage);

  launch.replace("%GOOD%", goodToken_).replace("%OPEN%", openToken_);
  nlohmann::json document = demo_;
  document["datacenters"][1]["launch"] = nlohmann::json::parse(launch.toStdString());
  const ProjectLoad load = archi::loadProjectText(document.dump(), catalog_);
  QStringList seen;
  for (const Diagnostic& d : load.diagnostics.all()) seen << QString::fromStdString(d.pointer + ": " + d.message);
  if (expectedPointer.isEmpty()) {
    QVERIFY2(load.ok(), qPrintable(seen.join("; ")));
    return;
  }
  // One mistake, one error, at its pointer.
  QCOMPARE(int(load.diagnostics.errorCount()), 1);
  const Diagnostic& d = load.diagnostics.all().front();
  QCOMPARE(QString::fromStdString(d.pointer), expectedPointer);
  QVERIFY2(d.message.find(expectedMessage.toStdString()) != std::string::npos, d.message.c_str());
}

void DatacenterLaunchTest::url_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<QString>("base");  // empty: refused
  QTest::addColumn<bool>("loopback");
  QTest::newRow("https with port") << "https://slurm.example:6820" << "https://slurm.example:6820" << false;
  QTest::newRow("https trailing slash") << "https://slurm.example/" << "https://slurm.example" << false;
  QTest::newRow("http localhost") << "http://localhost:6820" << "http://localhost:6820" << true;
  QTest::newRow("http 127.0.0.2") << "http://127.0.0.2" << "http://127.0.0.2" << true;
  QTest::newRow("http ipv6 loopback") << "http://[::1]:6820" << "http://[::1]:6820" << true;
  QTest::newRow("unix socket") << "unix:///run/slurmrestd.sock" << "http://localhost" << true;
  QTest::newRow("http remote") << "http://10.0.0.5:6820" << "" << false;
  QTest::newRow("no host") << "https://:6820" << "" << false;
  QTest::newRow("user in url") << "https://me@slurm.example" << "" << false;
  QTest::newRow("empty port") << "https://slurm.example:" << "" << false;
}

void DatacenterLaunchTest::url() {
  QFETCH(QString, text);
  QFETCH(QString, base);
  QFETCH(bool, loopback);
  std::string error;
  const auto url = archi::parseSlurmUrl(text.toStdString(), error);
  if (base.isEmpty()) {
    QVERIFY(!url);
    QVERIFY(!error.empty());
    return;
  }
  QVERIFY2(url.has_value(), error.c_str());
  QCOMPARE(QString::fromStdString(url->base()), base);
  QCOMPARE(url->loopback(), loopback);
}

void DatacenterLaunchTest::roundTrip() {
  nlohmann::json document = demo_;
  document["datacenters"][1]["launch"] = {{"via", "slurm"},       {"url", "https://slurm.example"}, {"partition", "gpu"},
                                          {"account", "ml"},      {"user", "archi"},                {"token_file", goodToken_.toStdString()}};
  const ProjectLoad load = archi::loadProjectText(document.dump(), catalog_);
  QVERIFY(load.ok());
  const archi::DatacenterLaunch& launch = load.project->topology.datacenters[1].launch;
  QCOMPARE(launch.via, archi::LaunchVia::Slurm);
  QCOMPARE(launch.account, std::string("ml"));
  const ProjectLoad again = archi::loadProjectText(archi::serializeProject(*load.project), catalog_);
  QVERIFY(again.ok());
  QVERIFY(again.project->topology == load.project->topology);
  // The default stays implicit: a project without "launch" is written without one.
  QVERIFY(!archi::projectToJson(*again.project)["datacenters"][0].contains("launch"));
}

QTEST_GUILESS_MAIN(DatacenterLaunchTest)
#include "tst_datacenter_launch.moc"
