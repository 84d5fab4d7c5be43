#pragma once
// The Plan tab: what the engine's planner predicts for the open project — throughput against
// the ideal, sync mode and compression, inner steps and outer settings, the WAN cost of a
// round, each device's batch share (bar chart, coloured by datacenter), a table per
// datacenter, and the planner's warnings (click one to select its item).

#include <QWidget>

#include "bridge/ItemKey.h"

class PlanService;
class ProjectDocument;
class QChartView;
class QLabel;
class QStackedWidget;
class QTreeWidget;
class QGridLayout;

class PlanView : public QWidget {
  Q_OBJECT

 public:
  PlanView(ProjectDocument& document, PlanService& service, QWidget* parent = nullptr);

  // Figures shown in the summary, by name ("throughput", "sync", ...), for tests.
  QString figure(const QString& name) const;

 signals:
  void warningActivated(const ItemKey& key);

 private:
  void refresh();
  void refreshChart();
  void setFigure(const QString& name, const QString& value, const QString& detail);

  ProjectDocument& document_;
  PlanService& service_;
  QStackedWidget* stack_;
  QLabel* message_;
  QLabel* dilation_ = nullptr;  // "dilated rehearsal ×d" when the plan is dilated (plan/Dilation.h)
  QGridLayout* figures_;
  QChartView* chart_;
  QTreeWidget* datacenters_;
  QTreeWidget* warnings_;
};
