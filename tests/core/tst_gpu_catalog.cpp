// The GPU catalog: shipped figures match their published sources, every entry is sourced, user
// catalogs extend or override it, malformed catalogs are reported with pointers.

#include <QtTest>

#include "../core/TestPaths.h"
#include "core/GpuCatalog.h"
#include "core/TextSimilarity.h"

using archi::GpuCatalog;

class GpuCatalogTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void seedFigures_data();
  void seedFigures();
  void everyEntryIsSourced();
  void loadDefaultHonoursUserCatalog();
  void userEntryOverridesBuiltIn();
  void malformedCatalogIsReported();
  void suggestions_data();
  void suggestions();

 private:
  GpuCatalog catalog_;
};

void GpuCatalogTest::initTestCase() {
  archi::Diagnostics problems;
  catalog_ = GpuCatalog::fromFile(sourcePath("resources/gpu-catalog.json").toStdString(), problems);
  QVERIFY(problems.empty());
}

void GpuCatalogTest::seedFigures_data() {
  QTest::addColumn<QString>("type");
  QTest::addColumn<QString>("vendor");
  QTest::addColumn<double>("tflops");
  QTest::addColumn<double>("memoryGiB");
  QTest::addColumn<bool>("official");
  QTest::newRow("A100") << "A100-80G" << "NVIDIA" << 312.0 << 80.0 << true;
  QTest::newRow("H100") << "H100-SXM" << "NVIDIA" << 989.0 << 80.0 << true;
  QTest::newRow("H200") << "H200" << "NVIDIA" << 989.0 << 141.0 << true;
  QTest::newRow("H20") << "H20" << "NVIDIA" << 148.0 << 96.0 << false;
  QTest::newRow("L20") << "L20" << "NVIDIA" << 119.5 << 48.0 << false;
  QTest::newRow("4090") << "RTX-4090" << "NVIDIA" << 165.0 << 24.0 << true;
  QTest::newRow("V100") << "V100" << "NVIDIA" << 125.0 << 32.0 << true;
  QTest::newRow("910B") << "Ascend-910B" << "Huawei" << 320.0 << 64.0 << false;
  QTest::newRow("MI300X") << "MI300X" << "AMD" << 1307.0 << 192.0 << true;
}

void GpuCatalogTest::seedFigures() {
  QFETCH(QString, type);
  QFETCH(QString, vendor);
  QFETCH(double, tflops);
  QFETCH(double, memoryGiB);
  QFETCH(bool, official);
  const archi::GpuSpec* spec = catalog_.find(type.toStdString());
  QVERIFY(spec != nullptr);
  QCOMPARE(QString::fromStdString(spec->vendor), vendor);
  QCOMPARE(spec->bf16_tflops, tflops);
  QCOMPARE(spec->memory_gib, memoryGiB);
  QCOMPARE(spec->official, official);
}

void GpuCatalogTest::everyEntryIsSourced() {
  QVERIFY(catalog_.entries().size() >= 9);
  for (const archi::GpuSpec& spec : catalog_.entries()) {
    QVERIFY2(!spec.source.empty(), spec.type.c_str());
    QVERIFY2(spec.bf16_tflops > 0 && spec.memory_gib > 0, spec.type.c_str());
  }
}

void GpuCatalogTest::loadDefaultHonoursUserCatalog() {
  QTemporaryDir dir;
  const QString userFile = dir.filePath("mine.json");
  QFile file(userFile);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(R"({"format": 1, "gpus": [{"type": "B200", "vendor": "NVIDIA", "bf16_tflops": 2250,
      "memory_gib": 180, "source": "test", "official": false}]})");
  file.close();
  qputenv("ARCHIPELAGO_GPU_CATALOG", userFile.toLocal8Bit());
  archi::Diagnostics problems;
  const GpuCatalog merged = GpuCatalog::loadDefault(problems);
  qunsetenv("ARCHIPELAGO_GPU_CATALOG");
  QVERIFY(problems.empty());
  QVERIFY(merged.find("B200") != nullptr);
  QVERIFY(merged.find("A100-80G") != nullptr);
  QCOMPARE(merged.entries().size(), catalog_.entries().size() + 1);
}

void GpuCatalogTest::userEntryOverridesBuiltIn() {
  archi::Diagnostics problems;
  const GpuCatalog user = GpuCatalog::fromJsonText(
      R"({"format": 1, "gpus": [{"type": "H20", "vendor": "NVIDIA", "bf16_tflops": 150,
          "memory_gib": 96, "source": "our own measurement", "official": false}]})",
      problems);
  QVERIFY(problems.empty());
  GpuCatalog merged = catalog_;
  merged.extend(user);
  QCOMPARE(merged.entries().size(), catalog_.entries().size());
  QCOMPARE(merged.find("H20")->bf16_tflops, 150.0);
  QCOMPARE(merged.find("H20")->source, std::string("our own measurement"));
}

void GpuCatalogTest::malformedCatalogIsReported() {
  archi::Diagnostics problems;
  GpuCatalog::fromJsonText(
      R"({"format": 1, "gpus": [{"type": "X", "vendor": "Y", "bf16_tflops": -1, "memory_gib": 8,
          "source": "s", "official": "yes", "colour": "red"}, {"type": "X", "vendor": "Y",
          "bf16_tflops": 1, "memory_gib": 8, "source": "s", "official": true}]})",
      problems);
  QStringList pointers;
  for (const archi::Diagnostic& d : problems.all()) pointers << QString::fromStdString(d.pointer);
  QCOMPARE(pointers, QStringList({"/gpus/0/official", "/gpus/0/colour", "/gpus/0/bf16_tflops", "/gpus/1/type"}));
}

void GpuCatalogTest::suggestions_data() {
  QTest::addColumn<QString>("typed");
  QTest::addColumn<QString>("expected");  // empty: no suggestion
  QTest::newRow("prefix") << "A100" << "A100-80G";
  QTest::newRow("case") << "h200" << "H200";
  QTest::newRow("typo") << "Ascend-901B" << "Ascend-910B";
  QTest::newRow("missing dash") << "MI300" << "MI300X";
  QTest::newRow("nothing close") << "TPUv5" << "";
}

void GpuCatalogTest::suggestions() {
  QFETCH(QString, typed);
  QFETCH(QString, expected);
  const auto suggestion = catalog_.suggest(typed.toStdString());
  QCOMPARE(QString::fromStdString(suggestion.value_or("")), expected);
}

QTEST_GUILESS_MAIN(GpuCatalogTest)
#include "tst_gpu_catalog.moc"
