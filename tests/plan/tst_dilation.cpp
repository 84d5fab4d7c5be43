// Time dilation (plan/Dilation.h): the factor from catalog and measured figures, the scaling of
// links and fabric, and the point of it all — a plan of the emulated devices on the dilated
// topology is the plan of the real devices on the real links, slowed down by exactly d.

#include <QtTest>

#include <cmath>

#include "core/ModelMemory.h"
#include "core/ProjectJson.h"
#include "plan/Dilation.h"
#include "plan/Planner.h"

using archi::Dilation;
using archi::Project;

class DilationTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void factorFromCatalogFigures_data();
  void factorFromCatalogFigures();
  void measuredRealSpeedBeatsCatalog();
  void noEmulatedDeviceNoDilation();
  void standsForALargerModel_data();
  void standsForALargerModel();
  void linksAndFabricScale_data();
  void linksAndFabricScale();
  void dilatedPlanIsTheRealPlanSlowedDown_data();
  void dilatedPlanIsTheRealPlanSlowedDown();

 private:
  Project demo() const;
  archi::GpuCatalog catalog_;
};

void DilationTest::initTestCase() {
  archi::Diagnostics problems;
  catalog_ = archi::GpuCatalog::fromFile(ARCHIPELAGO_SOURCE_DIR "/resources/gpu-catalog.json", problems);
  QVERIFY(problems.empty());
}

Project DilationTest::demo() const {
  auto load = archi::loadProjectFile(ARCHIPELAGO_SOURCE_DIR "/resources/examples/local-demo.archipelago.json", catalog_);
  if (!load.ok()) qFatal("the demo project does not load");
  return *load.project;
}

// The demo emulates 2 A100-80G, 6 H20 and 2 Ascend-910B; d = Σ real ÷ Σ paced, each real speed
// from the catalog's TFLOPS at the prior MFU, computed here by hand in double.
void DilationTest::factorFromCatalogFigures_data() {
  QTest::addColumn<double>("a100Pace");
  QTest::addColumn<double>("h20Pace");
  QTest::addColumn<double>("ascendPace");
  QTest::addColumn<double>("mfu");
  QTest::newRow("paces in catalog ratio") << 1380.0 << 655.0 << 1416.0 << 0.35;
  QTest::newRow("equal paces") << 1000.0 << 1000.0 << 1000.0 << 0.35;
  QTest::newRow("lower prior MFU") << 1380.0 << 655.0 << 1416.0 << 0.10;
}

void DilationTest::factorFromCatalogFigures() {
  QFETCH(double, a100Pace);
  QFETCH(double, h20Pace);
  QFETCH(double, ascendPace);
  QFETCH(double, mfu);
  const Project project = demo();
  const std::map<std::string, double> paces{{"A100-80G", a100Pace}, {"H20", h20Pace}, {"Ascend-910B", ascendPace}};
  const std::optional<Dilation> dilation = archi::deriveDilation(project, catalog_, {}, paces, mfu);
  QVERIFY(dilation);
  const double flopsPerToken = archi::trainingFlopsPerToken(project.run.model);
  const auto real = [&](const char* type) { return catalog_.find(type)->bf16_tflops * 1e12 * mfu / flopsPerToken; };
  const double realSum = 2 * real("A100-80G") + 6 * real("H20") + 2 * real("Ascend-910B");
  const double pacedSum = 2 * a100Pace + 6 * h20Pace + 2 * ascendPace;
  QVERIFY(std::fabs(dilation->factor / (realSum / pacedSum) - 1.0) < 1e-12);
  QCOMPARE(dilation->devices.size(), std::size_t{3});
  // Re-paced, every device runs 1/d of its own real speed, and the CPU budget is unchanged.
  double repacedSum = 0.0;
  for (const archi::DilationDevice& d : dilation->devices) {
    const double pace = dilation->dilatedPaces().at(d.device_type);
    QVERIFY(std::fabs(pace * dilation->factor / real(d.device_type.c_str()) - 1.0) < 1e-12);
    repacedSum += d.count * pace;
  }
  QVERIFY(std::fabs(repacedSum / pacedSum - 1.0) < 1e-12);
  // The derivation names its figures.
  QVERIFY(dilation->derivation().find("A100-80G") != std::string::npos);
  QVERIFY(dilation->derivation().find("catalog: 312 TFLOPS") != std::string::npos);
}

void DilationTest::measuredRealSpeedBeatsCatalog() {
  const Project project = demo();
  const std::map<std::string, double> paces{{"A100-80G", 1000.0}, {"H20", 500.0}, {"Ascend-910B", 1000.0}};
  archi::ProfileBook profiles;
  // Measured on the real device; an emulated profile of the same type must not count as real.
  profiles.put({"A100-80G", false, 2.0e6, 8, 0, archi::ProfileSource::Measured});
  profiles.put({"H20", true, 1.0e6, 8, 0, archi::ProfileSource::Measured});
  const std::optional<Dilation> dilation = archi::deriveDilation(project, catalog_, profiles, paces, 0.35);
  QVERIFY(dilation);
  const double h20Catalog = catalog_.find("H20")->bf16_tflops * 1e12 * 0.35 / archi::trainingFlopsPerToken(project.run.model);
  for (const archi::DilationDevice& d : dilation->devices) {
    if (d.device_type == "A100-80G") {
      QCOMPARE(d.real_tokens_per_s, 2.0e6);
      QVERIFY(d.real_source == archi::ProfileSource::Measured);
    }
    if (d.device_type == "H20") QVERIFY(std::fabs(d.real_tokens_per_s / h20Catalog - 1.0) < 1e-12);
  }
}

void DilationTest::noEmulatedDeviceNoDilation() {
  Project project = demo();
  for (archi::Datacenter& dc : project.topology.datacenters) {
    for (archi::Node& node : dc.nodes) {
      for (archi::DeviceGroup& group : node.devices) group.emulate = false;
    }
  }
  QVERIFY(!archi::deriveDilation(project, catalog_, {}, {{"A100-80G", 1000.0}, {"H20", 500.0}, {"Ascend-910B", 1000.0}}, 0.35));
  // An emulated type without a pace cannot be dilated either.
  QVERIFY(!archi::deriveDilation(demo(), catalog_, {}, {{"A100-80G", 1000.0}}, 0.35));
}

// A small model standing for a large one: d shrinks with the represented FLOPs per token, the
// bandwidth is divided by d × (represented ÷ run parameters), and that product stays close to the
// run's own d (the model size cancels out of the compute-to-communication ratio), except for
// attention's share of the FLOPs, which does not grow with the represented parameters.
void DilationTest::standsForALargerModel_data() {
  QTest::addColumn<double>("parameters");
  QTest::newRow("itself") << 0.0;
  QTest::newRow("100 M") << 1e8;
  QTest::newRow("1.3 B") << 1.3e9;
}

void DilationTest::standsForALargerModel() {
  QFETCH(double, parameters);
  const Project project = demo();
  const std::map<std::string, double> paces{{"A100-80G", 1380.0}, {"H20", 655.0}, {"Ascend-910B", 1416.0}};
  const std::optional<Dilation> own = archi::deriveDilation(project, catalog_, {}, paces, 0.35);
  const std::optional<Dilation> big = archi::deriveDilation(project, catalog_, {}, paces, 0.35, parameters);
  QVERIFY(own && big);
  const double n = double(archi::parameterCount(project.run.model));
  const double p = parameters > 0.0 ? parameters : n;
  QVERIFY(std::fabs(big->bytesFactor() / (p / n) - 1.0) < 1e-12);
  const double attention = archi::trainingFlopsPerToken(project.run.model) - 6.0 * n;
  // d by hand: A100 at 312 TFLOPS × 0.35 on 6p + attention FLOPs per token, over its pace, is the
  // same ratio for every type here (paces in catalog ratio to within rounding).
  const double expected = own->factor * (6.0 * n + attention) / (6.0 * p + attention);
  QVERIFY(std::fabs(big->factor / expected - 1.0) < 1e-12);
  const double cancelled = big->factor * big->bytesFactor() / own->factor;
  // The run's bandwidth divisor d × bytes factor exceeds its own d by at most attention's share.
  QVERIFY2(cancelled >= 1.0 - 1e-12 && cancelled <= 1.0 + attention / (6.0 * n) + 1e-12, qPrintable(QString::number(cancelled)));
  const archi::Topology shaped = archi::dilateTopology(project.topology, *big, archi::FabricDilation::Dilated);
  for (std::size_t i = 0; i < shaped.links.size(); ++i) {
    const archi::WanLink& real = project.topology.links[i];
    QVERIFY(std::fabs(shaped.links[i].gbit * big->factor * big->bytesFactor() / real.gbit - 1.0) < 1e-12);
    QVERIFY(std::fabs(shaped.links[i].rtt_ms / (big->factor * real.rtt_ms) - 1.0) < 1e-12);
  }
  if (parameters > 0.0) QVERIFY(big->derivation().find("stands for") != std::string::npos);
}

void DilationTest::linksAndFabricScale_data() {
  QTest::addColumn<double>("factor");
  QTest::newRow("d = 1") << 1.0;
  QTest::newRow("d = 40") << 40.0;
  QTest::newRow("d = 26000") << 26000.0;
}

void DilationTest::linksAndFabricScale() {
  QFETCH(double, factor);
  const Project project = demo();
  const archi::Topology dilated = archi::dilateTopology(project.topology, factor);
  QCOMPARE(dilated.links.size(), project.topology.links.size());
  for (std::size_t i = 0; i < dilated.links.size(); ++i) {
    QVERIFY(std::fabs(dilated.links[i].gbit * factor / project.topology.links[i].gbit - 1.0) < 1e-12);
    QVERIFY(std::fabs(dilated.links[i].rtt_ms / factor / project.topology.links[i].rtt_ms - 1.0) < 1e-12);
    QCOMPARE(dilated.links[i].loss_pct, project.topology.links[i].loss_pct);
  }
  for (std::size_t i = 0; i < dilated.datacenters.size(); ++i) {
    const archi::Fabric& real = project.topology.datacenters[i].fabric;
    QVERIFY(std::fabs(dilated.datacenters[i].fabric.gbit * factor / real.gbit - 1.0) < 1e-12);
    QVERIFY(std::fabs(dilated.datacenters[i].fabric.latency_us / factor / real.latency_us - 1.0) < 1e-12);
  }
  // A fabric nothing shapes (loopback) stays real, links are dilated all the same.
  const archi::Topology linksOnly = archi::dilateTopology(project.topology, factor, 1.0, archi::FabricDilation::Real);
  for (std::size_t i = 0; i < linksOnly.datacenters.size(); ++i) {
    QCOMPARE(linksOnly.datacenters[i].fabric, project.topology.datacenters[i].fabric);
  }
  QCOMPARE(linksOnly.links, dilated.links);
}

// The emulated devices at 1/d of their real speed on links d times slower: every planned time
// (step, all-reduce, round, so the time boxes and timeouts derived from them) is the real plan's
// × d, every rate ÷ d, and the shares, H and the WAN share are the same as the real plan's.
void DilationTest::dilatedPlanIsTheRealPlanSlowedDown_data() {
  QTest::addColumn<QString>("sync");
  QTest::addColumn<double>("gbit");
  QTest::addColumn<double>("rttMs");
  QTest::newRow("diloco, demo links") << "diloco" << 0.1 << 50.0;
  QTest::newRow("diloco, 1 Gbit/s 40 ms") << "diloco" << 1.0 << 40.0;
  QTest::newRow("ddp, 10 Gbit/s 5 ms") << "ddp" << 10.0 << 5.0;
}

void DilationTest::dilatedPlanIsTheRealPlanSlowedDown() {
  QFETCH(QString, sync);
  QFETCH(double, gbit);
  QFETCH(double, rttMs);
  Project project = demo();
  project.run.train.sync = sync == "ddp" ? archi::SyncMode::Ddp : archi::SyncMode::DiLoCo;
  for (archi::WanLink& link : project.topology.links) {
    link.gbit = gbit;
    link.rtt_ms = rttMs;
  }
  Project real = project;
  for (archi::Datacenter& dc : real.topology.datacenters) {
    for (archi::Node& node : dc.nodes) {
      for (archi::DeviceGroup& group : node.devices) group.emulate = false;
    }
  }
  const archi::Plan realPlan = archi::makePlan(real, catalog_, {});

  const std::map<std::string, double> paces{{"A100-80G", 1380.0}, {"H20", 655.0}, {"Ascend-910B", 1416.0}};
  const archi::PlanOptions defaults;
  const std::optional<Dilation> dilation = archi::deriveDilation(project, catalog_, {}, paces, defaults.prior_mfu);
  QVERIFY(dilation);
  const double d = dilation->factor;
  Project rehearsal = project;
  rehearsal.topology = archi::dilateTopology(project.topology, d);
  archi::PlanOptions options;
  const auto repaced = dilation->dilatedPaces();
  options.emulated_reference_tokens_per_s = repaced.at("Ascend-910B");  // the fastest emulated type (PlanOptions)
  const archi::Plan dilatedPlan = archi::makePlan(rehearsal, catalog_, {}, options);

  const auto close = [](double a, double b) { return std::fabs(a - b) <= 1e-6 * std::max(std::fabs(a), std::fabs(b)); };
  QVERIFY2(close(dilatedPlan.predicted_tokens_per_s * d, realPlan.predicted_tokens_per_s),
           qPrintable(QString("%1 × %2 against %3").arg(dilatedPlan.predicted_tokens_per_s).arg(d).arg(realPlan.predicted_tokens_per_s)));
  QVERIFY(close(dilatedPlan.round_ms / d, realPlan.round_ms));
  QVERIFY(close(dilatedPlan.wan.allreduce_ms / d, realPlan.wan.allreduce_ms));
  QVERIFY(close(dilatedPlan.comm_share, realPlan.comm_share));
  QCOMPARE(dilatedPlan.inner_steps, realPlan.inner_steps);
  QCOMPARE(dilatedPlan.recommended_inner_steps, realPlan.recommended_inner_steps);
  for (std::size_t i = 0; i < realPlan.datacenters.size(); ++i) {
    QVERIFY(close(dilatedPlan.datacenters[i].step_ms / d, realPlan.datacenters[i].step_ms));
    QVERIFY(close(dilatedPlan.datacenters[i].tokens_per_s * d, realPlan.datacenters[i].tokens_per_s));
    QCOMPARE(dilatedPlan.datacenters[i].inner_steps_per_round, realPlan.datacenters[i].inner_steps_per_round);
    for (std::size_t j = 0; j < realPlan.datacenters[i].devices.size(); ++j) {
      QCOMPARE(dilatedPlan.datacenters[i].devices[j].sequences_per_step, realPlan.datacenters[i].devices[j].sequences_per_step);
    }
  }
}

QTEST_GUILESS_MAIN(DilationTest)
#include "tst_dilation.moc"
