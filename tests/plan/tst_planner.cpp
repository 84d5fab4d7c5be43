// The planner on real project files: shares follow speed, measured profiles beat the
// catalog, rounds are time-boxed, the links decide ddp vs DiLoCo, and memory excludes devices.

#include <QtTest>

#include <cmath>
#include <limits>

#include "core/ProjectJson.h"
#include "plan/CostModel.h"
#include "plan/Planner.h"

using archi::Plan;
using archi::Project;
using archi::SyncMode;

class PlannerTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void demoSharesFollowSpeed();
  void demoRoundsAreTimeBoxed();
  void measuredProfileBeatsCatalog();
  void linksDecideTheSyncMode_data();
  void linksDecideTheSyncMode();
  void recommendedInnerStepsKeepTheWanUnderItsShare();
  void int8ShrinksTheWireFourfold();
  void deviceWithoutMemoryIsLeftOut();
  void singleDatacenterHasNoWan();
  void wanAllReduceCost_data();
  void wanAllReduceCost();
  void slowerDatacentersRunTheNearestStepCount();
  void roundsPayForValidation();
  void packetLossSlowsTheWan();

 private:
  Project loadExample(const char* name);
  archi::GpuCatalog catalog_;
};

void PlannerTest::initTestCase() {
  archi::Diagnostics problems;
  catalog_ = archi::GpuCatalog::fromFile(ARCHIPELAGO_SOURCE_DIR "/resources/gpu-catalog.json", problems);
  QVERIFY(problems.empty());
}

Project PlannerTest::loadExample(const char* name) {
  auto load = archi::loadProjectFile(std::string(ARCHIPELAGO_SOURCE_DIR "/resources/examples/") + name, catalog_);
  if (!load.ok()) qFatal("example %s does not load", name);
  return *load.project;
}

void PlannerTest::demoSharesFollowSpeed() {
  const Project project = loadExample("local-demo.archipelago.json");
  const Plan plan = archi::makePlan(project, catalog_, {});
  QCOMPARE(plan.datacenters.size(), std::size_t{3});
  const int sequences = static_cast<int>(project.run.train.batch_tokens / project.run.model.context);
  for (const archi::DatacenterPlan& dc : plan.datacenters) QCOMPARE(dc.sequences_per_step, sequences);
  const archi::DatacenterPlan& beijing = plan.datacenters[0];
  QCOMPARE(beijing.devices.size(), std::size_t{4});
  // A100 (312 TF) against H20 (148 TF) as emulated priors: the A100s get the larger shares.
  QVERIFY(beijing.devices[0].sequences_per_step > beijing.devices[2].sequences_per_step);
  // Balanced: every device of a datacenter finishes its step within one sequence's time.
  for (const archi::DatacenterPlan& dc : plan.datacenters) {
    for (const archi::DevicePlan& d : dc.devices) {
      const double oneSequenceMs = 1e3 * project.run.model.context / d.tokens_per_s;
      QVERIFY(dc.compute_ms - d.compute_ms <= oneSequenceMs + 1e-6);
    }
  }
  QVERIFY(plan.predicted_tokens_per_s <= plan.ideal_tokens_per_s);
  QVERIFY(plan.efficiency > 0.9);
  QCOMPARE(plan.warnings.all().size(), std::size_t{0});
}

void PlannerTest::demoRoundsAreTimeBoxed() {
  const Plan plan = archi::makePlan(loadExample("local-demo.archipelago.json"), catalog_, {});
  int fastest = 0;
  for (const archi::DatacenterPlan& dc : plan.datacenters) fastest = std::max(fastest, dc.inner_steps_per_round);
  QCOMPARE(fastest, plan.inner_steps);
  for (const archi::DatacenterPlan& dc : plan.datacenters) {
    QVERIFY(dc.inner_steps_per_round >= 1);
    // No datacenter's compute overruns the fastest one's round by more than one of its own steps.
    QVERIFY(dc.inner_steps_per_round * dc.step_ms <= plan.inner_steps * plan.datacenters[0].step_ms + dc.step_ms);
  }
  QVERIFY(plan.datacenters[2].inner_steps_per_round < plan.datacenters[0].inner_steps_per_round);
}

void PlannerTest::measuredProfileBeatsCatalog() {
  archi::ProfileBook profiles;
  profiles.put({"H20", true, 3000.0, 8, 0, archi::ProfileSource::Measured});
  const Plan plan = archi::makePlan(loadExample("local-demo.archipelago.json"), catalog_, profiles);
  const archi::DatacenterPlan& beijing = plan.datacenters[0];
  QCOMPARE(beijing.devices[2].source, archi::ProfileSource::Measured);
  QCOMPARE(beijing.devices[2].tokens_per_s, 3000.0);
  QCOMPARE(beijing.devices[0].source, archi::ProfileSource::Catalog);
  QVERIFY(beijing.devices[2].sequences_per_step > beijing.devices[0].sequences_per_step);
}

void PlannerTest::linksDecideTheSyncMode_data() {
  QTest::addColumn<double>("gbit");
  QTest::addColumn<double>("rttMs");
  QTest::addColumn<int>("recommended");
  QTest::newRow("100 Mbit/s, 50 ms WAN") << 0.1 << 50.0 << int(SyncMode::DiLoCo);
  QTest::newRow("400 Gbit/s, 0.5 ms campus") << 400.0 << 0.5 << int(SyncMode::Ddp);
}

void PlannerTest::linksDecideTheSyncMode() {
  QFETCH(double, gbit);
  QFETCH(double, rttMs);
  QFETCH(int, recommended);
  Project project = loadExample("local-demo.archipelago.json");
  project.run.train.sync = SyncMode::Ddp;
  project.run.train.compression = archi::Compression::Fp32;
  project.run.model = {4, 4, 256, 128, 256};  // 3.2 M parameters: 13 MB of gradients per step
  for (archi::WanLink& link : project.topology.links) {
    link.gbit = gbit;
    link.rtt_ms = rttMs;
  }
  const Plan plan = archi::makePlan(project, catalog_, {});
  QCOMPARE(int(plan.recommended_sync), recommended);
  bool slowLinkWarned = false;
  for (const archi::Diagnostic& w : plan.warnings.all()) slowLinkWarned |= w.pointer.starts_with("/links/") && w.message.find("too slow for ddp") != std::string::npos;
  QCOMPARE(slowLinkWarned, recommended == int(SyncMode::DiLoCo));
}

void PlannerTest::recommendedInnerStepsKeepTheWanUnderItsShare() {
  Project project = loadExample("local-demo.archipelago.json");
  project.run.train.compression = archi::Compression::Fp32;
  project.run.model = {4, 4, 256, 128, 256};  // more parameters: the WAN matters
  project.run.train.inner_steps = 1;
  const Plan first = archi::makePlan(project, catalog_, {});
  QVERIFY(first.recommended_inner_steps > 1);
  QVERIFY(first.comm_share > 0.05);
  bool warned = false;
  for (const archi::Diagnostic& w : first.warnings.all()) warned |= w.pointer == "/run/train/inner_steps";
  QVERIFY(warned);
  project.run.train.inner_steps = first.recommended_inner_steps;
  const Plan second = archi::makePlan(project, catalog_, {});
  QVERIFY2(second.comm_share <= 0.05 + 1e-9, qPrintable(QString::number(second.comm_share)));
  QCOMPARE(second.recommended_inner_steps, first.recommended_inner_steps);  // it does not depend on the H asked for
  // The smallest such H (the WAN-bound bench runs DiLoCo at it): one step fewer leaves the WAN
  // more than its share of the fastest datacenter's round.
  const double commMs = second.wan.allreduce_ms + second.wan.exchange_ms + second.wan.broadcast_ms;
  double fastestStepMs = std::numeric_limits<double>::infinity();
  for (const archi::DatacenterPlan& dc : second.datacenters) {
    if (dc.sequences_per_step > 0) fastestStepMs = std::min(fastestStepMs, dc.step_ms);
  }
  const auto shareAt = [&](int h) { return commMs / (commMs + h * fastestStepMs); };
  QVERIFY2(shareAt(second.recommended_inner_steps) <= 0.05 + 1e-9, qPrintable(QString::number(shareAt(second.recommended_inner_steps))));
  QVERIFY2(shareAt(second.recommended_inner_steps - 1) > 0.05, qPrintable(QString::number(shareAt(second.recommended_inner_steps - 1))));
}

void PlannerTest::int8ShrinksTheWireFourfold() {
  Project project = loadExample("local-demo.archipelago.json");
  project.run.train.compression = archi::Compression::Fp32;
  const double fp32 = archi::makePlan(project, catalog_, {}).wan.bytes_per_round;
  project.run.train.compression = archi::Compression::Int8;
  const double int8 = archi::makePlan(project, catalog_, {}).wan.bytes_per_round;
  QVERIFY(int8 / fp32 <= 0.26);
  QVERIFY(int8 / fp32 >= 0.25);
}

void PlannerTest::deviceWithoutMemoryIsLeftOut() {
  Project project = loadExample("local-demo.archipelago.json");
  project.run.model = {48, 16, 1536, 1024, 256};  // ~30 GiB of state: too much for 24 GiB
  project.topology.datacenters[1].nodes[0].devices.push_back({"RTX-4090", 1, true});
  const Plan plan = archi::makePlan(project, catalog_, {});
  const archi::DevicePlan& rtx = plan.datacenters[1].devices.back();
  QVERIFY(rtx.excluded);
  QCOMPARE(rtx.sequences_per_step, 0);
  bool warned = false;
  for (const archi::Diagnostic& w : plan.warnings.all()) warned |= w.pointer == "/datacenters/1/nodes/0/devices/1/type";
  QVERIFY(warned);
}

void PlannerTest::singleDatacenterHasNoWan() {
  const Plan plan = archi::makePlan(loadExample("single-node.archipelago.json"), catalog_, {});
  QCOMPARE(plan.wan.leaders, 1);
  QCOMPARE(plan.wan.allreduce_ms, 0.0);
  QCOMPARE(plan.comm_share, 0.0);
  QVERIFY(plan.predicted_tokens_per_s > 0);
}

void PlannerTest::wanAllReduceCost_data() {
  QTest::addColumn<double>("bytes");
  QTest::addColumn<int>("leaders");
  QTest::addColumn<double>("gbit");
  QTest::addColumn<double>("oneWayMs");
  QTest::addColumn<double>("expectedMs");
  // Each link carries 2 × bytes / n (scatter to the owner, gather back), then two one-way delays.
  QTest::newRow("demo int8 round: 452,920 B, 3 leaders, 100 Mbit/s, 30 ms") << 452920.0 << 3 << 0.1 << 30.0
                                                                            << (2.0 * 452920 / 3 * 8 / 1e8 * 1e3 + 60.0);
  QTest::newRow("16 bytes: latency only") << 16.0 << 3 << 0.1 << 25.0 << (2.0 * 16 / 3 * 8 / 1e8 * 1e3 + 50.0);
  QTest::newRow("alone: nothing to send") << 1e6 << 1 << 0.1 << 30.0 << 0.0;
}

void PlannerTest::wanAllReduceCost() {
  QFETCH(double, bytes);
  QFETCH(int, leaders);
  QFETCH(double, gbit);
  QFETCH(double, oneWayMs);
  QFETCH(double, expectedMs);
  QVERIFY(std::fabs(archi::cost::scatterGatherAllReduceMs(bytes, leaders, gbit, oneWayMs) - expectedMs) < 1e-9);
}

void PlannerTest::slowerDatacentersRunTheNearestStepCount() {
  // A leader starts another step while it would end within half a step of the time box
  // (DilocoWorker::decide), so the plan must count steps the same way: n with
  // (n - 0.5) · step < box <= (n + 0.5) · step.
  const Plan plan = archi::makePlan(loadExample("local-demo.archipelago.json"), catalog_, {});
  double fastestStepMs = 1e300;
  for (const archi::DatacenterPlan& dc : plan.datacenters) fastestStepMs = std::min(fastestStepMs, dc.step_ms);
  const double boxMs = plan.inner_steps * fastestStepMs;
  bool anyNotWhole = false;
  for (const archi::DatacenterPlan& dc : plan.datacenters) {
    const int n = dc.inner_steps_per_round;
    QVERIFY2((n - 0.5) * dc.step_ms < boxMs + 1e-9 && boxMs <= (n + 0.5) * dc.step_ms + 1e-9, qPrintable(QString::fromStdString(dc.id)));
    anyNotWhole |= std::floor(boxMs / dc.step_ms) != n;
  }
  QVERIFY(anyNotWhole);  // the demo has a datacenter where floor and nearest differ
}

void PlannerTest::roundsPayForValidation() {
  const Project project = loadExample("local-demo.archipelago.json");
  archi::PlanOptions options;
  const Plan plan = archi::makePlan(project, catalog_, {}, options);
  // A forward pass over 32 sequences on Beijing's leader (the first A100), a third of a training step per token.
  const archi::DevicePlan& leader = plan.datacenters[0].devices[0];
  QCOMPARE(plan.validation_ms, 1e3 * 32 * project.run.model.context / (3.0 * leader.tokens_per_s));
  options.validation_sequences = 0;
  const Plan without = archi::makePlan(project, catalog_, {}, options);
  QCOMPARE(without.validation_ms, 0.0);
  QVERIFY(plan.round_ms > without.round_ms);
  QVERIFY(plan.round_ms <= without.round_ms + plan.validation_ms + 1e-9);
  // Validating every fourth round: each round carries a quarter of the pass.
  Project sparse = project;
  sparse.run.train.validate_every_rounds = 4;
  const Plan everyFourth = archi::makePlan(sparse, catalog_, {}, archi::PlanOptions{});
  QCOMPARE(everyFourth.validation_ms, plan.validation_ms);
  QVERIFY(everyFourth.round_ms < plan.round_ms);
  QVERIFY(everyFourth.round_ms >= without.round_ms - 1e-9);
}

// Loss on a link caps what its TCP streams carry (Mathis bound, as the WAN emulation applies
// it), so the planner's WAN all-reduce grows with it; no loss changes nothing.
void PlannerTest::packetLossSlowsTheWan() {
  QVERIFY(std::isinf(archi::cost::lossLimitedGbit(50.0, 0.0, 2)));
  // 2 streams, 50 ms RTT, 1%: 2 * 1.22 * 1448 / (0.05 * 0.1) B/s = 5.65 Mbit/s.
  QVERIFY(std::abs(archi::cost::lossLimitedGbit(50.0, 1.0, 2) - 2 * 1.22 * 1448 / 0.005 * 8 / 1e9) < 1e-12);
  Project project = loadExample("local-demo.archipelago.json");
  const Plan clean = archi::makePlan(project, catalog_, {});
  for (archi::WanLink& link : project.topology.links) link.loss_pct = 1.0;
  const Plan lossy = archi::makePlan(project, catalog_, {});
  QVERIFY2(lossy.wan.bottleneck_gbit < 0.01, qPrintable(QString::number(lossy.wan.bottleneck_gbit)));
  QCOMPARE(clean.wan.bottleneck_gbit, 0.1);
  QVERIFY(lossy.wan.allreduce_ms > 5 * clean.wan.allreduce_ms);
}

QTEST_GUILESS_MAIN(PlannerTest)
#include "tst_planner.moc"
