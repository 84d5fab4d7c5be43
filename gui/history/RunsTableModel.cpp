#include "history/RunsTableModel.h"

#include <QColor>
#include <QDateTime>
#include <QLocale>
#include <QSet>

#include <cmath>

#include "app/VisualStyle.h"

namespace {

QString timeText(std::optional<double> at_s) {
  if (!at_s) return QStringLiteral("—");
  const QDateTime at = QDateTime::fromMSecsSinceEpoch(qint64(std::llround(*at_s * 1000.0)));
  return QLocale().toString(at, QLocale::ShortFormat);
}

// Two summaries show the same row when every figure the table draws is equal.
bool sameRow(const archi::RunSummary& a, const archi::RunSummary& b) {
  return a.run.name == b.run.name && a.run.project_name == b.run.project_name && a.run.state == b.run.state &&
         a.run.emulated == b.run.emulated && a.run.started_at_s == b.run.started_at_s && a.run.ended_at_s == b.run.ended_at_s &&
         a.tokens == b.tokens && a.duration_s == b.duration_s && a.tokens_per_s == b.tokens_per_s && a.final_loss == b.final_loss &&
         a.final_loss_is_validation == b.final_loss_is_validation && a.efficiency == b.efficiency;
}

QVariant optionalNumber(std::optional<double> value) { return value ? QVariant(*value) : QVariant(); }

}  // namespace

RunsTableModel::RunsTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int RunsTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(runs_.size()); }

int RunsTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString RunsTableModel::stateText(archi::RunState state) {
  switch (state) {
    case archi::RunState::Planned: return tr("○ planned");
    case archi::RunState::Running: return tr("▶ running");
    case archi::RunState::Completed: return tr("✓ completed");
    case archi::RunState::Stopped: return tr("■ stopped");
    case archi::RunState::Failed: return tr("✕ failed");
  }
  return {};
}

QVariant RunsTableModel::display(const archi::RunSummary& run, int column) const {
  const QLocale locale;
  switch (column) {
    case Id: return locale.toString(qint64(run.run.id));
    case Name: return QString::fromStdString(run.run.name);
    case State: return stateText(run.run.state);
    case Project: return QString::fromStdString(run.run.project_name);
    case Started: return timeText(run.run.started_at_s);
    case Ended: return timeText(run.run.ended_at_s);
    case Duration: return run.duration_s ? visual_style::formatDuration(*run.duration_s * 1000.0) : QStringLiteral("—");
    case Tokens: return tr("%1 tok").arg(locale.toString(qint64(run.tokens)));
    case Throughput: return run.tokens_per_s ? visual_style::formatRate(*run.tokens_per_s) : QStringLiteral("—");
    case FinalLoss:
      if (!run.final_loss) return QStringLiteral("—");
      return run.final_loss_is_validation ? tr("%1 (val)").arg(locale.toString(*run.final_loss, 'f', 3))
                                          : tr("%1 (train)").arg(locale.toString(*run.final_loss, 'f', 3));
    case Efficiency: return run.efficiency ? tr("%1 %").arg(locale.toString(*run.efficiency * 100.0, 'f', 1)) : QStringLiteral("—");
    case Emulated: return run.run.emulated ? tr("emulated") : tr("real");
  }
  return {};
}

QVariant RunsTableModel::sortValue(const archi::RunSummary& run, int column) const {
  switch (column) {
    case Id: return qint64(run.run.id);
    case Name: return QString::fromStdString(run.run.name);
    case State: return int(run.run.state);
    case Project: return QString::fromStdString(run.run.project_name);
    case Started: return optionalNumber(run.run.started_at_s);
    case Ended: return optionalNumber(run.run.ended_at_s);
    case Duration: return optionalNumber(run.duration_s);
    case Tokens: return qint64(run.tokens);
    case Throughput: return optionalNumber(run.tokens_per_s);
    case FinalLoss: return optionalNumber(run.final_loss);
    case Efficiency: return optionalNumber(run.efficiency);
    case Emulated: return run.run.emulated;
  }
  return {};
}

QVariant RunsTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= runs_.size()) return {};
  const archi::RunSummary& run = runs_[index.row()];
  const int column = index.column();
  switch (role) {
    case Qt::DisplayRole: return display(run, column);
    case SortRole: return sortValue(run, column);
    case RunIdRole: return qint64(run.run.id);
    case StateRole: return int(run.run.state);
    case ProjectRole: return QString::fromStdString(run.run.project_name);
    case EmulatedRole: return run.run.emulated;
    case Qt::TextAlignmentRole:
      if (column == Id || (column >= Duration && column <= Efficiency)) return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
      return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
      if (column != State) return {};
      switch (run.run.state) {
        case archi::RunState::Running: return visual_style::busyColor();
        case archi::RunState::Failed: return visual_style::errorColor();
        case archi::RunState::Stopped: return visual_style::warningColor();
        case archi::RunState::Planned: return visual_style::unknownColor();
        case archi::RunState::Completed: return {};  // ok: no accent (UI.md)
      }
      return {};
    case Qt::ToolTipRole:
      if (column == FinalLoss && run.final_loss) {
        return run.final_loss_is_validation ? tr("Validation loss of the latest validated step (mean over datacenters)")
                                            : tr("No validation yet: mean of the datacenters' last training losses");
      }
      if (column == Efficiency && run.efficiency) return tr("Measured tokens/s over the ideal (the sum of every device's standalone speed)");
      if (column == Emulated) {
        return run.run.emulated ? tr("Devices and WAN links were emulated on this machine's CPU") : tr("Real devices and links");
      }
      return {};
  }
  return {};
}

QVariant RunsTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return {};
  if (role == Qt::TextAlignmentRole) {
    return section == Id || (section >= Duration && section <= Efficiency) ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter)
                                                                          : QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
  }
  if (role != Qt::DisplayRole) return {};
  switch (section) {
    case Id: return tr("#");
    case Name: return tr("Run");
    case State: return tr("State");
    case Project: return tr("Project");
    case Started: return tr("Started");
    case Ended: return tr("Ended");
    case Duration: return tr("Duration");
    case Tokens: return tr("Tokens");
    case Throughput: return tr("Throughput");
    case FinalLoss: return tr("Final loss");
    case Efficiency: return tr("Efficiency");
    case Emulated: return tr("Devices");
  }
  return {};
}

int RunsTableModel::rowOf(qint64 runId) const {
  for (int row = 0; row < runs_.size(); ++row) {
    if (runs_[row].run.id == runId) return row;
  }
  return -1;
}

void RunsTableModel::setRuns(const QList<archi::RunSummary>& runs) {
  QSet<qint64> incoming;
  for (const archi::RunSummary& run : runs) incoming.insert(run.run.id);
  // Deleted runs go first (from the bottom up, so rows above keep their numbers)…
  for (int row = int(runs_.size()) - 1; row >= 0; --row) {
    if (incoming.contains(runs_[row].run.id)) continue;
    beginRemoveRows({}, row, row);
    runs_.removeAt(row);
    endRemoveRows();
  }
  // …then known runs change in place and new ones are appended.
  for (const archi::RunSummary& run : runs) {
    const int row = rowOf(run.run.id);
    if (row < 0) {
      beginInsertRows({}, int(runs_.size()), int(runs_.size()));
      runs_.push_back(run);
      endInsertRows();
    } else if (!sameRow(runs_[row], run)) {
      runs_[row] = run;
      emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    } else {
      runs_[row] = run;  // figures the table does not draw (per-datacenter) may still have moved
    }
  }
}
