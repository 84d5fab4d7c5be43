// The data folder every front end shares: its root follows $XDG_DATA_HOME, then $HOME, then the
// working folder, and the store, runs and CA sit at fixed places under it.

#include <QtTest>

#include <filesystem>
#include <optional>

#include "core/DataLayout.h"

using archi::DataLayout;

class DataLayoutTest : public QObject {
  Q_OBJECT

 private slots:
  void init();
  void cleanup();
  void rootFollowsTheEnvironment_data();
  void rootFollowsTheEnvironment();
  void placesUnderTheRoot();

 private:
  static std::optional<QByteArray> variable(const char* name);
  static void setVariable(const char* name, const std::optional<QByteArray>& value);
  std::optional<QByteArray> savedXdg_;
  std::optional<QByteArray> savedHome_;
};

std::optional<QByteArray> DataLayoutTest::variable(const char* name) {
  if (!qEnvironmentVariableIsSet(name)) return std::nullopt;
  return qgetenv(name);
}

void DataLayoutTest::setVariable(const char* name, const std::optional<QByteArray>& value) {
  if (value) {
    qputenv(name, *value);
  } else {
    qunsetenv(name);
  }
}

void DataLayoutTest::init() {
  savedXdg_ = variable("XDG_DATA_HOME");
  savedHome_ = variable("HOME");
}

void DataLayoutTest::cleanup() {
  setVariable("XDG_DATA_HOME", savedXdg_);
  setVariable("HOME", savedHome_);
}

void DataLayoutTest::rootFollowsTheEnvironment_data() {
  QTest::addColumn<QByteArray>("xdg");   // "-": unset
  QTest::addColumn<QByteArray>("home");  // "-": unset
  QTest::addColumn<QString>("root");     // relative: under the working folder
  QTest::newRow("XDG_DATA_HOME first") << QByteArray("/xdg") << QByteArray("/home/u") << "/xdg/archipelago";
  QTest::newRow("empty XDG_DATA_HOME: HOME") << QByteArray("") << QByteArray("/home/u") << "/home/u/.local/share/archipelago";
  QTest::newRow("unset XDG_DATA_HOME: HOME") << QByteArray("-") << QByteArray("/home/u") << "/home/u/.local/share/archipelago";
  QTest::newRow("neither: working folder") << QByteArray("-") << QByteArray("-") << ".archipelago";
  QTest::newRow("both empty: working folder") << QByteArray("") << QByteArray("") << ".archipelago";
}

void DataLayoutTest::rootFollowsTheEnvironment() {
  QFETCH(QByteArray, xdg);
  QFETCH(QByteArray, home);
  QFETCH(QString, root);
  setVariable("XDG_DATA_HOME", xdg == "-" ? std::nullopt : std::optional(xdg));
  setVariable("HOME", home == "-" ? std::nullopt : std::optional(home));
  // Appending an absolute path replaces the working folder: only ".archipelago" lands under it.
  const std::filesystem::path expected = std::filesystem::current_path() / root.toStdString();
  QCOMPARE(QString::fromStdString(DataLayout::fromEnvironment().root().string()), QString::fromStdString(expected.string()));
}

void DataLayoutTest::placesUnderTheRoot() {
  const DataLayout data("/data/archipelago");
  QCOMPARE(QString::fromStdString(data.storePath().string()), QString("/data/archipelago/runs.db"));
  QCOMPARE(QString::fromStdString(data.runsDirectory().string()), QString("/data/archipelago/runs"));
  QCOMPARE(QString::fromStdString(data.runDirectory("demo-20250101-120000").string()),
           QString("/data/archipelago/runs/demo-20250101-120000"));
  QCOMPARE(QString::fromStdString(data.pkiDirectory().string()), QString("/data/archipelago/pki"));
}

QTEST_GUILESS_MAIN(DataLayoutTest)
#include "tst_data_layout.moc"
