// The plan view over the engine's planner: plans arrive off the GUI thread after edits,
// show throughput, shares per device and per datacenter, follow the pools' enabled flags,
// and refuse to plan a project with errors.

#include <QtTest>

#include <QBarSet>
#include <QChartView>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QTreeWidget>
#include <QUndoStack>

#include "bridge/PlanService.h"
#include "bridge/ProjectDocument.h"
#include "plan/PlanView.h"

class PlanViewTest : public QObject {
  Q_OBJECT

 private slots:
  void init();
  void showsThePlanOfTheDemo();
  void followsEditsAndDisabledDevices();
  void datacenterWithEveryDeviceDisabled();
  void refusesToPlanAProjectWithErrors();

 private:
  static int categories(PlanView& view);
  std::unique_ptr<ProjectDocument> document_;
};

void PlanViewTest::init() {
  document_ = std::make_unique<ProjectDocument>();
  QVERIFY(document_->loadCatalog());
  QVERIFY(document_->open(QStringLiteral(ARCHIPELAGO_SOURCE_DIR "/resources/examples/local-demo.archipelago.json")));
}

int PlanViewTest::categories(PlanView& view) {
  auto* chart = view.findChild<QChartView*>("planChart")->chart();
  if (chart->series().isEmpty()) return -1;
  auto* series = static_cast<QHorizontalStackedBarSeries*>(chart->series().front());
  return series->barSets().isEmpty() ? 0 : int(series->barSets().front()->count());
}

void PlanViewTest::showsThePlanOfTheDemo() {
  PlanService service(*document_);
  PlanView view(*document_, service);
  QTRY_COMPARE(service.state(), PlanService::State::Ready);
  const auto plan = service.plan();
  QVERIFY(plan->predicted_tokens_per_s > 0.0);
  QVERIFY(plan->predicted_tokens_per_s <= plan->ideal_tokens_per_s * 1.0001);
  QVERIFY(view.figure("throughput").endsWith("tok/s"));
  QCOMPARE(view.figure("sync"), QString("DiLoCo"));
  QCOMPARE(view.figure("inner"), QString::number(plan->inner_steps));
  auto* dcs = view.findChild<QTreeWidget*>("planDatacenters");
  QCOMPARE(dcs->topLevelItemCount(), 3);
  QCOMPARE(dcs->topLevelItem(1)->text(0), QString("Guiyang"));
  QCOMPARE(dcs->topLevelItem(1)->text(1), QString("2"));
  QCOMPARE(categories(view), 10);  // one bar per device
  auto* series = static_cast<QHorizontalStackedBarSeries*>(view.findChild<QChartView*>("planChart")->chart()->series().front());
  QCOMPARE(series->barSets().size(), 3);  // one colour per datacenter
  QCOMPARE(series->barSets()[0]->label(), QString("Beijing"));
  int sequences = 0;
  for (QBarSet* set : series->barSets())
    for (int i = 0; i < set->count(); ++i) sequences += int(set->at(i));
  int expected = 0;
  for (const auto& dc : plan->datacenters) expected += dc.sequences_per_step;
  QCOMPARE(sequences, expected);
  // The demo emulates its devices, but its own model's real devices are about 10^4 times faster
  // than their emulation: beyond kMaxDefaultDilation, so its plan is not dilated and the view
  // does not claim a rehearsal (archi run --stands-for dilates it, tst_dilation).
  QCOMPARE(plan->dilation, 1.0);
  auto* dilation = view.findChild<QLabel*>("planDilation");
  QVERIFY(!dilation->isVisibleTo(&view));
}

void PlanViewTest::followsEditsAndDisabledDevices() {
  PlanService service(*document_);
  PlanView view(*document_, service);
  QTRY_COMPARE(service.state(), PlanService::State::Ready);
  QSignalSpy planned(&service, &PlanService::planChanged);
  archi::Project p = *document_->project();
  p.topology.datacenters[0].nodes[0].devices[1].enabled = false;  // Beijing's 2 × H20
  document_->applyEdit("disable", p);
  QTRY_COMPARE(service.state(), PlanService::State::Ready);
  QTRY_COMPARE(categories(view), 8);
  QCOMPARE(view.findChild<QTreeWidget*>("planDatacenters")->topLevelItem(0)->text(1), QString("2"));
  QVERIFY(planned.count() >= 1);
  document_->undoStack()->undo();
  QTRY_COMPARE(categories(view), 10);
}

void PlanViewTest::datacenterWithEveryDeviceDisabled() {
  PlanService service(*document_);
  PlanView view(*document_, service);
  archi::Project p = *document_->project();
  p.topology.datacenters[1].nodes[0].devices[0].enabled = false;  // all of Guiyang
  document_->applyEdit("disable site", p);
  QTRY_VERIFY(service.state() == PlanService::State::Ready || service.state() == PlanService::State::Blocked);
  if (service.state() == PlanService::State::Ready) {
    QVERIFY(std::isfinite(service.plan()->predicted_tokens_per_s));
    QCOMPARE(categories(view), 8);
  }
}

void PlanViewTest::refusesToPlanAProjectWithErrors() {
  PlanService service(*document_);
  PlanView view(*document_, service);
  archi::Project p = *document_->project();
  p.topology.links[0].gbit = 0.0;
  document_->applyEdit("break", p);
  QTRY_COMPARE(service.state(), PlanService::State::Blocked);
  QVERIFY(service.plan() == nullptr);
  QVERIFY(view.findChild<QLabel*>("planMessage")->text().contains("1 error"));
}

QTEST_MAIN(PlanViewTest)
#include "tst_plan_view.moc"
