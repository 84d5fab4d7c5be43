#pragma once
// The settings diff of compared runs (issue 13 item 9): one row per setting — model, corpus,
// token budget, sync mode, wire format, H, learning rates, outer momentum, each datacenter's
// share of the batch (the plan's sequences per step), each WAN link's bandwidth and RTT — and,
// above them, the runs' results from report/RunSummary.h. A setting row differs when any run
// shows another value (a run without the setting counts as different).

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

#include "bridge/RunComparisonData.h"

struct SettingsDiffRow {
  enum class Section { Result, Setting };
  struct Cell {
    QString text;                  // "—" when the run has no such value
    std::optional<double> number;  // for differences to the baseline
    bool present = false;
  };
  Section section = Section::Setting;
  QString key;    // stable: "inner_steps", "link:beijing-guiyang:bandwidth", "share:guiyang"
  QString label;
  QList<Cell> cells;  // one per run, in the runs' order
  bool differs = false;
  bool lowerIsBetter = false;  // results only: how a difference to the baseline reads
};

class SettingsDiff {
  Q_DECLARE_TR_FUNCTIONS(SettingsDiff)

 public:
  static QList<SettingsDiffRow> build(const QList<ComparedRun>& runs);
  // "+25 %", "−3.1 %" (relative to the baseline); empty when either is unknown or the baseline is zero.
  static QString differenceText(std::optional<double> value, std::optional<double> baseline);
};
