#include "history/SettingsDiffModel.h"

#include <QColor>
#include <QFont>

#include "app/VisualStyle.h"

SettingsDiffModel::SettingsDiffModel(QObject* parent) : QAbstractTableModel(parent) {}

int SettingsDiffModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

int SettingsDiffModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : FirstRun + int(runNames_.size()); }

void SettingsDiffModel::setRows(const QList<SettingsDiffRow>& rows, const QStringList& runNames) {
  beginResetModel();
  rows_ = rows;
  runNames_ = runNames;
  if (baseline_ >= runNames_.size()) baseline_ = -1;
  endResetModel();
}

void SettingsDiffModel::setBaseline(int runIndex) {
  baseline_ = runIndex >= 0 && runIndex < runNames_.size() ? runIndex : -1;
  if (rows_.isEmpty()) return;
  emit dataChanged(index(0, FirstRun), index(int(rows_.size()) - 1, columnCount() - 1));
  emit headerDataChanged(Qt::Horizontal, FirstRun, columnCount() - 1);
}

QString SettingsDiffModel::cellText(const SettingsDiffRow& row, int run) const {
  const SettingsDiffRow::Cell& cell = row.cells[run];
  if (baseline_ < 0 || run == baseline_ || !cell.present) return cell.text;
  const SettingsDiffRow::Cell& base = row.cells[baseline_];
  const QString difference = SettingsDiff::differenceText(cell.number, base.number);
  if (!difference.isEmpty() && cell.text != base.text) return tr("%1  (%2)").arg(cell.text, difference);
  if (row.section == SettingsDiffRow::Section::Setting && cell.text != base.text) return tr("%1  (≠ baseline)").arg(cell.text);
  return cell.text;
}

QVariant SettingsDiffModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rows_.size()) return {};
  const SettingsDiffRow& row = rows_[index.row()];
  const int column = index.column();
  switch (role) {
    case Qt::DisplayRole:
      if (column == Mark) return row.differs ? QStringLiteral("≠") : QString();
      if (column == Setting) return row.label;
      return cellText(row, column - FirstRun);
    case KeyRole: return row.key;
    case DiffersRole: return row.differs;
    case Qt::ToolTipRole:
      if (row.differs) return tr("This setting differs between the compared runs");
      if (row.section == SettingsDiffRow::Section::Result) return tr("Result of the run (the report's figures)");
      return {};
    case Qt::BackgroundRole:
      if (!row.differs) return {};
      {
        QColor tint = visual_style::warningColor();
        tint.setAlpha(48);
        return tint;
      }
    case Qt::FontRole:
      if (row.section == SettingsDiffRow::Section::Result || (column - FirstRun == baseline_ && baseline_ >= 0)) {
        QFont font;
        font.setBold(column - FirstRun == baseline_ && baseline_ >= 0);
        font.setItalic(row.section == SettingsDiffRow::Section::Result && column == Setting);
        return font;
      }
      return {};
    case Qt::TextAlignmentRole:
      if (column == Mark) return QVariant::fromValue(Qt::Alignment(Qt::AlignCenter));
      if (column >= FirstRun && row.cells[column - FirstRun].number) return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
      return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
  }
  return {};
}

QVariant SettingsDiffModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  if (section == Mark) return tr("Diff");
  if (section == Setting) return tr("Setting");
  const int run = section - FirstRun;
  if (run < 0 || run >= runNames_.size()) return {};
  return run == baseline_ ? tr("%1 (baseline)").arg(runNames_[run]) : runNames_[run];
}
